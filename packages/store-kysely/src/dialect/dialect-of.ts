import { type Kysely, MysqlAdapter, PostgresAdapter, SqliteAdapter } from "kysely";
import { mysqlDialect } from "./mysql";
import { postgresDialect } from "./postgres";
import { sqliteDialect } from "./sqlite";
import type { StoreDialect } from "./store-dialect";

/**
 * The store dialect of a Kysely instance, from its adapter (PostgreSQL, MySQL or SQLite).
 * @example dialectOf(new Kysely({ dialect: new SqliteDialect({ database }) })).name // "sqlite"
 */
export function dialectOf(db: Kysely<any>): StoreDialect {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return postgresDialect;
  if (adapter instanceof MysqlAdapter) return mysqlDialect;
  if (adapter instanceof SqliteAdapter) return sqliteDialect;
  throw new Error(`spoc: unsupported Kysely dialect (${adapter.constructor.name}); pass options.dialect`);
}
