import type { MigrationInterface, QueryRunner } from "typeorm";
import { type DialectName, dialectOf } from "../dialect/typeorm-dialect";
import { ddl } from "./ddl";

/** The statements of the event-stream index step, in the Kysely store's text. */
export const eventStreamIndexStatements = (dialect: DialectName): string[] => [
  ddl(dialect).index("spoc_events_service_stream", "spoc_events", ["service_id", "ticket_id", "version"]),
];

/**
 * An index for reading a service's whole history in (ticket, version) order, page by page — the
 * Kysely store's `0003_event_stream_index` as a TypeORM migration.
 * @example new DataSource({ ...options, migrations: [...spocMigrations] })
 */
export class SpocEventStreamIndex1735689600003 implements MigrationInterface {
  readonly name = "SpocEventStreamIndex1735689600003";
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of eventStreamIndexStatements(dialectOf(queryRunner.connection).name)) await queryRunner.query(statement);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(ddl(dialectOf(queryRunner.connection).name).dropIndex("spoc_events_service_stream", "spoc_events"));
  }
}
