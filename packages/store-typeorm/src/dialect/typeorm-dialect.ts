import type { DataSource } from "typeorm";

/**
 * Names of the databases the store runs on.
 * @example
 * const name: DialectName = dialectOf(dataSource).name // "sqlite" | "postgres" | "mysql"
 */
export type DialectName = "sqlite" | "postgres" | "mysql";

/**
 * What differs between databases for the store: whether sweeps lock rows with
 * `FOR UPDATE SKIP LOCKED`, whether several processes may write, whether one connection carries
 * every query (so the store must serialise its own work), and how a JSON column comes back.
 * @example dialectOf(dataSource).skipLocked // true on PostgreSQL and MySQL/MariaDB
 */
export interface TypeormDialect {
  readonly name: DialectName;
  readonly skipLocked: boolean;
  readonly multiProcess: boolean;
  /** TypeORM's SQLite drivers share one connection: concurrent transactions would nest, so the store queues its work. */
  readonly singleConnection: boolean;
}

const SQLITE: TypeormDialect = { name: "sqlite", skipLocked: false, multiProcess: false, singleConnection: true };
const POSTGRES: TypeormDialect = { name: "postgres", skipLocked: true, multiProcess: true, singleConnection: false };
const MYSQL: TypeormDialect = { name: "mysql", skipLocked: true, multiProcess: true, singleConnection: false };

/**
 * The dialect of a TypeORM `DataSource`, from its `type` option.
 * @example dialectOf(new DataSource({ type: "better-sqlite3", database: ":memory:" })).name // "sqlite"
 */
export function dialectOf(dataSource: Pick<DataSource, "options">): TypeormDialect {
  const type = dataSource.options.type;
  if (type === "better-sqlite3") return SQLITE;
  if (type === "postgres") return POSTGRES;
  if (type === "mysql" || type === "mariadb") return MYSQL;
  throw new Error(`spoc: unsupported TypeORM database type "${type}" (use better-sqlite3, postgres, mysql or mariadb)`);
}

/** Turns a JSON column value as the driver returns it (text, or parsed on PostgreSQL) into a value. */
export const readJson = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : v);

/** A value as a JSON column takes it (text on every driver; `undefined` is stored as null). */
export const toJson = (v: unknown): string => JSON.stringify(v) ?? "null";
