import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect/dialect-of";

/**
 * Outbox delivery state: when an item may next be tried, who holds it, the last error — so
 * several workers deliver each notification at least once and retry failures later.
 * @example await outboxDelivery.up(db)
 */
export const outboxDelivery = {
  async up(db: Kysely<any>): Promise<void> {
    const d = dialectOf(db);
    const add = (column: string, type: Parameters<ReturnType<Kysely<any>["schema"]["alterTable"]>["addColumn"]>[1], notNullDefault?: number) =>
      db.schema.alterTable("spoc_outbox").addColumn(column, type, (c) => (notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault))).execute();
    await add("available_at", "bigint", 0);
    await add("claimed_until", "bigint");
    await add("claimed_by", d.idType);
    await add("last_error", sql`text`);
    await db.schema.createIndex("spoc_outbox_due").ifNotExists().on("spoc_outbox").columns(["sent_at", "available_at"]).execute();
  },
};
