import { createReportingSchema, dropReportingSchema, type SqlRunner } from "@spoc/core/sql";
import type { MigrationInterface, QueryRunner } from "typeorm";
import { dialectOf } from "../dialect/typeorm-dialect";

/** Runs the shared SQL (`@spoc/core/sql`) through the migration's QueryRunner, in its transaction. */
const runnerOf = (queryRunner: QueryRunner): SqlRunner => async (text, params = []) => {
  const rows: unknown = await queryRunner.query(text, [...params]);
  return Array.isArray(rows) ? rows : [];
};

/**
 * The reporting views `spoc_report_tickets` and `spoc_report_events` — the Kysely store's
 * `0005_reporting_views` as a TypeORM migration, the same statements (`@spoc/core/sql`). On
 * PostgreSQL also the `spoc_report_json` sanitizer and the database's reporting role with its
 * SECURITY DEFINER `spoc_report_run` (see SECURITY.md): installing the role needs a superuser or
 * CREATEROLE, and without them SQL reports answer `unavailable` until a privileged role runs
 * `installReportingRole`.
 * @example new DataSource({ ...options, migrations: [...spocMigrations] })
 */
export class SpocReportingViews1735689600005 implements MigrationInterface {
  readonly name = "SpocReportingViews1735689600005";
  async up(queryRunner: QueryRunner): Promise<void> {
    await createReportingSchema(dialectOf(queryRunner.connection).name, runnerOf(queryRunner));
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await dropReportingSchema(dialectOf(queryRunner.connection).name, runnerOf(queryRunner));
  }
}
