import { describe, expect, it } from "vitest";
import { importRendererPackage, MissingRendererError } from "./renderer-package";

const notFound = (specifier: string, code = "ERR_MODULE_NOT_FOUND") =>
  Object.assign(new Error(`Cannot find package '${specifier}' imported from /host/node_modules/@spoc/reporting/dist/index.js`), { code });

describe("importRendererPackage", () => {
  it("a missing exceljs is a MissingRendererError that asks for it by name", async () => {
    const e = await importRendererPackage("exceljs", "xlsx", () => Promise.reject(notFound("exceljs"))).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MissingRendererError);
    expect((e as Error).message).toBe('XLSX reports need the "exceljs" package, which is not installed (npm install exceljs)');
  });

  it("a missing font package is reported by name though require.resolve names a file in it", async () => {
    const e = await importRendererPackage("dejavu-fonts-ttf", "pdf", () => {
      throw notFound("dejavu-fonts-ttf/package.json", "MODULE_NOT_FOUND");
    }).catch((x: unknown) => x);
    expect((e as MissingRendererError).packageName).toBe("dejavu-fonts-ttf");
  });

  it("a failure inside an installed renderer package is passed on unchanged", async () => {
    const inner = notFound("fontkit");
    await expect(importRendererPackage("pdfkit", "pdf", () => Promise.reject(inner))).rejects.toBe(inner);
  });
});
