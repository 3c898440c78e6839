import { build, type Metafile } from "esbuild";
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as render from "./index";
import * as whole from "../index";

// What `@spoc/reporting/render` loads is what its module graph imports: bundle it with every
// package left external and list the packages it still reaches, and how (static or dynamic).
const externalImports = async (): Promise<Map<string, Set<string>>> => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./index.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const found = new Map<string, Set<string>>();
  for (const input of Object.values((result.metafile as Metafile).inputs)) {
    for (const i of input.imports) {
      if (!i.external) continue;
      const kinds = found.get(i.path) ?? new Set<string>();
      kinds.add(i.kind);
      found.set(i.path, kinds);
    }
  }
  return found;
};

const builtin = new Set(builtinModules);
const isBuiltin = (path: string): boolean => path.startsWith("node:") || builtin.has(path);

describe("@spoc/reporting/render", () => {
  it("reaches no package but the three renderer libraries, each loaded on first use", async () => {
    const found = await externalImports();
    const packages = [...found.keys()].filter((p) => !isBuiltin(p)).sort();
    // effect, @spoc/core, kysely, croner, nodemailer must stay out: report workers load less.
    expect(packages).toEqual(["exceljs", "handlebars", "pdfkit"]);
    for (const p of packages) expect([...(found.get(p) ?? [])]).toEqual(["dynamic-import"]);
  }, 30_000);

  it("exports the very functions and errors of the whole package", () => {
    const shared = Object.keys(render).sort();
    expect(shared).toEqual(expect.arrayContaining(["renderReport", "renderHtml", "renderXlsx", "renderPdf", "neutraliseText", "ReportLayoutError"]));
    for (const name of shared) expect(render[name as keyof typeof render]).toBe(whole[name as keyof typeof whole]);
  });
});
