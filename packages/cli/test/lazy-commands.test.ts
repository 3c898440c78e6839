import { build, type Metafile } from "esbuild";
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { about } from "../src/commands/catalog";
import { commands } from "../src/index";

// The packages a module loads before running anything: bundle it with every package external and
// follow only its static imports (a dynamic `import()` loads nothing until it runs).
const staticPackages = async (entry: string): Promise<ReadonlyArray<string>> => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true, platform: "node", format: "esm", packages: "external", write: false, metafile: true, logLevel: "silent",
  });
  const inputs = (result.metafile as Metafile).inputs;
  const root = Object.keys(inputs).find((k) => k.endsWith(entry.replace(/^\.\.\//, ""))) as string;
  const seen = new Set<string>([root]);
  const packages = new Set<string>();
  for (const file of seen) {
    for (const i of inputs[file]?.imports ?? []) {
      if (i.kind !== "import-statement") continue;
      if (!i.external) seen.add(i.path);
      else if (!i.path.startsWith("node:") && !builtinModules.includes(i.path)) packages.add(i.path.split("/").slice(0, i.path.startsWith("@") ? 2 : 1).join("/"));
    }
  }
  return [...packages].sort();
};

describe("lazy commands", () => {
  it("the package entry loads no command's dependencies beyond the core and the store", async () => {
    expect(await staticPackages("../src/index.ts")).toEqual(["@spoc/core"]);
  }, 30_000);

  it("spoc import loads neither reporting nor email", async () => {
    // The command reads its arguments and mapping; the import itself (store, replay) runs on its own thread.
    expect(await staticPackages("../src/commands/import.ts")).toEqual(["@spoc/core", "effect"]);
    expect(await staticPackages("../src/import/import-worker.ts")).toEqual(["@spoc/core", "@spoc/store-kysely", "effect", "uuid"]);
    // The control: a command that does need them is seen reaching them.
    expect(await staticPackages("../src/commands/demo-command.ts")).toContain("@spoc/reporting");
  }, 30_000);

  it("each table entry loads the command it names, with the same summary", async () => {
    expect(commands.map((c) => c.name)).toEqual(Object.values(about).map((a) => a.name));
    for (const entry of commands) {
      const command = await entry.load();
      expect([command.name, command.summary]).toEqual([entry.name, entry.summary]);
    }
  }, 60_000);
});
