import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Paths of the DejaVu Sans faces embedded in PDFs (Latin, Greek, Cyrillic and more). */
export interface PdfFontPaths {
  readonly regular: string;
  readonly bold: string;
}

let cached: PdfFontPaths | undefined;

/**
 * Finds DejaVu Sans in the `dejavu-fonts-ttf` package, wherever the host installed it.
 * @example
 * doc.registerFont("body", dejavuFontPaths().regular)
 */
export const dejavuFontPaths = (): PdfFontPaths => {
  if (cached === undefined) {
    const dir = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
    cached = { regular: join(dir, "DejaVuSans.ttf"), bold: join(dir, "DejaVuSans-Bold.ttf") };
  }
  return cached;
};
