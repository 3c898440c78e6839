/**
 * @spoc/store-kysely — the spoc `Store` on Kysely: SQLite (better-sqlite3, the embedded default),
 * PostgreSQL (pg) and MySQL/MariaDB (mysql2). Migrations ship as code.
 */
export { kyselyStore, type KyselyStoreOptions } from "./kysely-store";
export { openStore, parseConnectionUrl, type Connection, type OpenedStore, type OpenStoreOptions } from "./open";
export { migrateToLatest, migrations, migrationTables, type MigrateOptions } from "./migrations/migrate";
export { installReportingRole, reportingRoleName } from "./migrations/0005-reporting-views";
export { classifyError, isTransient, isUniqueViolation, type ErrorContext } from "./errors/classify";
export { dialectOf } from "./dialect/dialect-of";
export { importDriver, MissingDriverError, type DriverName } from "./dialect/import-driver";
export { sqliteDialect } from "./dialect/sqlite";
export { cachedStatements } from "./dialect/sqlite-statement-cache";
export { postgresDialect } from "./dialect/postgres";
export { mysqlDialect } from "./dialect/mysql";
export type { DialectName, StoreDialect } from "./dialect/store-dialect";
export type * from "./schema/tables";
export { rebuildSearchIndex } from "./store/search-index";
