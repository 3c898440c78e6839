/**
 * The packages behind the XLSX and PDF renderers: optional peer dependencies of `@spoc/reporting`.
 * @example
 * const pkg: RendererPackage = "exceljs" // what `npm install` needs for XLSX output
 */
export type RendererPackage = "exceljs" | "pdfkit" | "dejavu-fonts-ttf";

/**
 * A format was asked for whose renderer package is not installed; the message names it.
 * @example if (e instanceof MissingRendererError) console.error(`${e.format}: npm install ${e.packageName}`)
 */
export class MissingRendererError extends Error {
  readonly _tag = "MissingRendererError";
  constructor(readonly packageName: RendererPackage, readonly format: "xlsx" | "pdf", options?: ErrorOptions) {
    super(`${format.toUpperCase()} reports need the "${packageName}" package, which is not installed (npm install ${packageName})`, options);
    this.name = "MissingRendererError";
  }
}

/** Whether `e` says that the package `name` itself (not one of its own imports) could not be found. */
export const isMissingPackage = (e: unknown, name: string): boolean => {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  // import() says 'exceljs'; require.resolve("dejavu-fonts-ttf/package.json") says 'dejavu-fonts-ttf/package.json'.
  return (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") &&
    (message.includes(`'${name}'`) || message.includes(`'${name}/`));
};

/**
 * Loads a renderer's package through `load` (a static `import()` bundlers can see), turning
 * "cannot find package" into a `MissingRendererError`; nothing is written before it is loaded.
 * @example const { default: Excel } = await importRendererPackage("exceljs", "xlsx", () => import("exceljs"))
 */
export async function importRendererPackage<T>(name: RendererPackage, format: "xlsx" | "pdf", load: () => T | Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (isMissingPackage(e, name)) throw new MissingRendererError(name, format, { cause: e });
    throw e;
  }
}
