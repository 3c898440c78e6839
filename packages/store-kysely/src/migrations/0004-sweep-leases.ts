import type { Kysely } from "kysely";
import { dialectOf } from "../dialect/dialect-of";

/**
 * The sweep's leases in a narrow table of their own. A claim used to rewrite the lease columns
 * of each wide ticket row (a new row version of about 1 KB each on PostgreSQL); inserting a
 * short row per claimed ticket costs a fraction of that, and released leases are deleted, so the
 * table holds only the claims in flight. The old `claimed_until`/`claimed_by` columns of
 * `spoc_tickets` are no longer read or written.
 * @example await sweepLeases.up(db)
 */
export const sweepLeases = {
  async up(db: Kysely<any>): Promise<void> {
    const d = dialectOf(db);
    const t = db.schema
      .createTable("spoc_sweep_leases")
      .ifNotExists()
      .addColumn("ticket_id", d.idType, (c) => c.primaryKey())
      .addColumn("service_id", d.idType, (c) => c.notNull())
      .addColumn("next_deadline", "bigint", (c) => c.notNull())
      .addColumn("claimed_until", "bigint", (c) => c.notNull())
      .addColumn("claimed_by", d.idType, (c) => c.notNull());
    await (d.tableOptions ? t.modifyEnd(d.tableOptions) : t).execute();
  },
};
