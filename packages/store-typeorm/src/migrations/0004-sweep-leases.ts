import type { MigrationInterface, QueryRunner } from "typeorm";
import { type DialectName, dialectOf } from "../dialect/typeorm-dialect";
import { ddl } from "./ddl";

/** The statements of the sweep-lease step, in the Kysely store's text. */
export const sweepLeasesStatements = (dialect: DialectName): string[] => [
  ddl(dialect).table("spoc_sweep_leases", [
    ["ticket_id", "id", "primary key"],
    ["service_id", "id", "not null"],
    ["next_deadline", "bigint", "not null"],
    ["claimed_until", "bigint", "not null"],
    ["claimed_by", "id", "not null"],
  ]),
];

/**
 * The sweep's leases in a narrow table of their own — the Kysely store's `0004_sweep_leases` as
 * a TypeORM migration. A claim inserts a short row per ticket instead of rewriting the wide
 * ticket row; a release deletes it.
 * @example new DataSource({ ...options, migrations: [...spocMigrations] })
 */
export class SpocSweepLeases1735689600004 implements MigrationInterface {
  readonly name = "SpocSweepLeases1735689600004";
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of sweepLeasesStatements(dialectOf(queryRunner.connection).name)) await queryRunner.query(statement);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(ddl(dialectOf(queryRunner.connection).name).dropTable("spoc_sweep_leases"));
  }
}
