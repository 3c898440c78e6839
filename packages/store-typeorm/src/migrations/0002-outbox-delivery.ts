import type { MigrationInterface, QueryRunner } from "typeorm";
import { type DialectName, dialectOf } from "../dialect/typeorm-dialect";
import { ddl } from "./ddl";

const COLUMNS = [
  ["available_at", "bigint", "default 0 not null"],
  ["claimed_until", "bigint"],
  ["claimed_by", "id"],
  ["last_error", "text"],
] as const;

/** The statements of the outbox-delivery step, in the Kysely store's order and text. */
export function outboxDeliveryStatements(dialect: DialectName, existing: ReadonlySet<string> = new Set()): string[] {
  const d = ddl(dialect);
  return [
    ...COLUMNS.filter(([name]) => !existing.has(name)).map((c) => d.addColumn("spoc_outbox", c)),
    d.index("spoc_outbox_due", "spoc_outbox", ["sent_at", "available_at"]),
  ];
}

/**
 * Outbox delivery state as a TypeORM migration (the Kysely store's `0002_outbox_delivery`): when
 * an item may next be tried, who holds it, the last error. Columns already present (a database
 * the Kysely store migrated) are left alone.
 * @example new DataSource({ ...options, migrations: [...spocMigrations] })
 */
export class SpocOutboxDelivery1735689600002 implements MigrationInterface {
  readonly name = "SpocOutboxDelivery1735689600002";
  async up(queryRunner: QueryRunner): Promise<void> {
    const table = await queryRunner.getTable("spoc_outbox");
    const existing = new Set(table?.columns.map((c) => c.name) ?? []);
    for (const statement of outboxDeliveryStatements(dialectOf(queryRunner.connection).name, existing)) await queryRunner.query(statement);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    const d = ddl(dialectOf(queryRunner.connection).name);
    await queryRunner.query(d.dropIndex("spoc_outbox_due", "spoc_outbox"));
    for (const [name] of [...COLUMNS].reverse()) await queryRunner.query(d.dropColumn("spoc_outbox", name));
  }
}
