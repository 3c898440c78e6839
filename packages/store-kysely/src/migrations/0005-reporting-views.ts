import { createReportingSchema, installReportingRole as installRole, type SqlRunner } from "@spoc/core/sql";
import { CompiledQuery, type Kysely } from "kysely";
import { dialectOf } from "../dialect/dialect-of";

export { reportingRoleName } from "@spoc/core/sql";

/** Runs the shared SQL (`@spoc/core/sql`) through Kysely, on `db` (a migration's transaction). */
const runnerOf = (db: Kysely<any>): SqlRunner => async (text, params = []) =>
  (await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...params]))).rows;

/**
 * Creates (if missing) the database's reporting role — NOLOGIN, no privileges of its own — and the
 * function SQL reports run through, in the current schema: `spoc_report_run`, SECURITY DEFINER and
 * owned by the role (the statements and why: `installReportingRole` in `@spoc/core/sql`).
 * Migration 0005 calls it; it needs a superuser, or CREATEROLE (PostgreSQL 16+: with ADMIN OPTION
 * on an existing role). Without those rights it does nothing and returns false, and SQL reports on
 * this schema answer `unavailable` until a privileged role calls it.
 * @example await installReportingRole(adminDb) // true
 */
export const installReportingRole = (db: Kysely<any>): Promise<boolean> => installRole(runnerOf(db));

/**
 * The reporting views `spoc_report_tickets` and `spoc_report_events`: what reports read, and all
 * they read; on PostgreSQL also the `spoc_report_json` sanitizer and the reporting role (see
 * SECURITY.md). The statements live in `@spoc/core/sql`, shared with `@spoc/store-typeorm`.
 * @example await reportingViews.up(db)
 */
export const reportingViews = {
  async up(db: Kysely<any>): Promise<void> {
    await createReportingSchema(dialectOf(db).name, runnerOf(db));
  },
};
