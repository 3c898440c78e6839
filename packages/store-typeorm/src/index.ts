/**
 * @spoc/store-typeorm — the spoc `Store` on a TypeORM `DataSource` the host already owns
 * (better-sqlite3, PostgreSQL, MySQL/MariaDB): `EntitySchema` entities and migration classes the
 * host registers in its own DataSource, over the same tables as `@spoc/store-kysely`.
 */
export { typeormStore, type TypeormStoreOptions } from "./typeorm-store";
export { openTypeormStore, spocDataSource, type OpenedTypeormStore } from "./data-source/spoc-data-source";
export * from "./entities/spoc-entities";
export type * from "./entities/rows";
export { spocMigrations } from "./migrations/spoc-migrations";
export { SpocInitial1735689600001 } from "./migrations/0001-initial";
export { SpocOutboxDelivery1735689600002 } from "./migrations/0002-outbox-delivery";
export { SpocEventStreamIndex1735689600003 } from "./migrations/0003-event-stream-index";
export { SpocSweepLeases1735689600004 } from "./migrations/0004-sweep-leases";
export { SpocReportingViews1735689600005 } from "./migrations/0005-reporting-views";
export { SpocCommandIds1735689600006 } from "./migrations/0006-command-ids";
export { classifyError, isTransient, isUniqueViolation, type ErrorContext } from "./errors/classify";
export { dialectOf, type DialectName, type TypeormDialect } from "./dialect/typeorm-dialect";
