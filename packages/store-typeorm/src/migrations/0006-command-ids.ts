import type { MigrationInterface, QueryRunner } from "typeorm";
import { type DialectName, dialectOf } from "../dialect/typeorm-dialect";
import { ddl } from "./ddl";

/** The statements of the command-id step, in the Kysely store's text. */
export const commandIdsStatements = (dialect: DialectName): string[] => [
  ddl(dialect).table("spoc_commands", [
    ["service_id", "id", "not null"],
    ["command_id", "longKey", "not null"],
    ["ticket_id", "id", "not null"],
    ["version", "integer", "not null"],
    ["at", "bigint", "not null"],
  ], ["service_id", "command_id"]),
];

/**
 * The command ids of applied commands, unique per service — the Kysely store's `0006_command_ids`
 * as a TypeORM migration. The append writes a row in its transaction; a second append with the
 * same command id fails on the primary key (`DuplicateCommand`), so a retried command applies once.
 * @example new DataSource({ ...options, migrations: [...spocMigrations] })
 */
export class SpocCommandIds1735689600006 implements MigrationInterface {
  readonly name = "SpocCommandIds1735689600006";
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of commandIdsStatements(dialectOf(queryRunner.connection).name)) await queryRunner.query(statement);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(ddl(dialectOf(queryRunner.connection).name).dropTable("spoc_commands"));
  }
}
