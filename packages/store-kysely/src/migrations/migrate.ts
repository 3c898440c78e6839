import type { Kysely } from "kysely";
import { type Migration, type MigrationResultSet, Migrator } from "kysely/migration";
import { type DriverError, isUniqueViolation } from "../errors/classify";
import { initial } from "./0001-initial";
import { outboxDelivery } from "./0002-outbox-delivery";
import { eventStreamIndex } from "./0003-event-stream-index";
import { sweepLeases } from "./0004-sweep-leases";
import { reportingViews } from "./0005-reporting-views";
import { commandIds } from "./0006-command-ids";
import { ticketSearch } from "./0007-ticket-search";

/**
 * Every schema migration, in order; shipped as code so a bundled host has them without a folder.
 * @example new Migrator({ db, provider: { getMigrations: async () => migrations } })
 */
export const migrations: Readonly<Record<string, Migration>> = {
  "0001_initial": initial,
  "0002_outbox_delivery": outboxDelivery,
  "0003_event_stream_index": eventStreamIndex,
  "0004_sweep_leases": sweepLeases,
  "0005_reporting_views": reportingViews,
  "0006_command_ids": commandIds,
  "0007_ticket_search": ticketSearch,
};

/** Names of the tables that record which migrations ran. @example new Migrator({ db, provider, ...migrationTables }) */
export const migrationTables = { migrationTableName: "spoc_migrations", migrationLockTableName: "spoc_migrations_lock" } as const;

/**
 * Options of `migrateToLatest`.
 * @example
 * await migrateToLatest(db, { schema: "helpdesk" })
 */
export interface MigrateOptions {
  /**
   * PostgreSQL schema holding the migration tables. Set it when the tables live in a schema other
   * than `public` and another schema of the same database also has spoc tables.
   */
  readonly schema?: string;
}

/**
 * Brings the database to the latest schema; idempotent, safe to call from several processes
 * (Kysely's migrator holds a lock while it runs). Rejects with the failing migration's error.
 * @example await migrateToLatest(db)
 */
export async function migrateToLatest(db: Kysely<any>, options: MigrateOptions = {}): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    ...migrationTables,
    ...(options.schema === undefined ? {} : { migrationTableSchema: options.schema }),
  });
  // SQLite has no migration lock across connections: when two processes migrate a new file at once,
  // the loser's transaction waits for the winner's, then fails on spoc_migrations' key. Its rollback
  // leaves the winner's work, so running again finds nothing left to do.
  for (let attempt = 1; ; attempt++) {
    const result = await migrator.migrateToLatest();
    if (result.error === undefined) return result;
    if (attempt >= 5 || !isUniqueViolation(result.error as DriverError)) throw result.error;
  }
}
