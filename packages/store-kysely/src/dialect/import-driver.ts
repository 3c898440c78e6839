/**
 * The database drivers spoc loads on demand; each is an optional peer dependency of this package.
 * @example
 * const driver: DriverName = "better-sqlite3"
 */
export type DriverName = "better-sqlite3" | "pg" | "mysql2";

/**
 * A driver a connection needs is not installed; the message names the package to install.
 * @example if (e instanceof MissingDriverError) console.error(`npm install ${e.driver}`)
 */
export class MissingDriverError extends Error {
  readonly _tag = "MissingDriverError";
  constructor(readonly driver: DriverName, readonly database: string, options?: ErrorOptions) {
    super(`spoc: ${database} needs the "${driver}" package, which is not installed (npm install ${driver})`, options);
    this.name = "MissingDriverError";
  }
}

/** Whether `e` says that the package `name` itself (not one of its own imports) could not be found. */
const isMissing = (e: unknown, name: string): boolean => {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  return (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") &&
    (message.includes(`'${name}'`) || message.includes(`"${name}"`));
};

/**
 * Loads an optional driver through `load` (a static `import()` the bundler can see), turning
 * "cannot find package" into a `MissingDriverError` that names the package to install.
 * @example const { default: pg } = await importDriver("pg", "PostgreSQL", () => import("pg"))
 */
export async function importDriver<T>(driver: DriverName, database: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (isMissing(e, driver)) throw new MissingDriverError(driver, database, { cause: e });
    throw e;
  }
}
