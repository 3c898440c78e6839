import type { ClaimedTicket, ServiceId, Store, TicketId } from "@spoc/core";
import { type Kysely, sql } from "kysely";
import type { StoreDialect } from "../dialect/store-dialect";
import type { SpocDatabase } from "../schema/tables";

type SweepMethods = Pick<Store, "claimDue" | "releaseClaim">;

const claimed = (r: { service_id: string; id: string; next_deadline: number | null }): ClaimedTicket => ({
  serviceId: r.service_id as ServiceId,
  ticketId: r.id as TicketId,
  nextDeadline: Number(r.next_deadline),
});

/**
 * The sweep's claim: due tickets, oldest deadline first, that no live lease holds. On PostgreSQL
 * and MySQL the rows are locked with `FOR UPDATE SKIP LOCKED`, so concurrent sweepers take
 * disjoint sets; SQLite has one writer, so one `UPDATE … RETURNING` is enough.
 */
export function sweepMethods(db: Kysely<SpocDatabase>, d: StoreDialect): SweepMethods {
  const due = (q: Kysely<SpocDatabase>, now: number, serviceId: ServiceId | undefined, limit: number) => {
    let s = q
      .selectFrom("spoc_tickets")
      .select(["service_id", "id", "next_deadline"])
      .where("next_deadline", "<=", now)
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<=", now)]));
    if (serviceId !== undefined) s = s.where("service_id", "=", serviceId);
    return s.orderBy("next_deadline").orderBy("id").limit(limit);
  };
  return {
    async claimDue(now, o) {
      const limit = Math.max(0, Math.trunc(o.limit));
      if (limit === 0) return [];
      const lease = { claimed_until: now + o.leaseMs, claimed_by: o.workerId };
      const byDeadline = (rows: ReadonlyArray<ClaimedTicket>) =>
        [...rows].sort((a, b) => a.nextDeadline - b.nextDeadline || (a.ticketId < b.ticketId ? -1 : 1));
      if (!d.skipLocked) {
        const rows = await db
          .updateTable("spoc_tickets")
          .set(lease)
          .where("id", "in", due(db, now, o.serviceId, limit).clearSelect().select("id"))
          .returning(["service_id", "id", "next_deadline"])
          .execute();
        return byDeadline(rows.map(claimed));
      }
      if (d.relaxedLeaseCommit) {
        // One statement: the UPDATE over the locked subselect. set_config(…, true) turns off the
        // flush to disk for this statement's own transaction only (see relaxedLeaseCommit).
        const rows = await db
          .updateTable("spoc_tickets")
          .set(lease)
          .where("id", "in", due(db, now, o.serviceId, limit).clearSelect().select("id").forUpdate().skipLocked())
          .where(sql<boolean>`set_config('synchronous_commit', 'off', true) is not null`)
          .returning(["service_id", "id", "next_deadline"])
          .execute();
        return byDeadline(rows.map(claimed));
      }
      return db.transaction().execute(async (tx) => {
        const rows = await due(tx, now, o.serviceId, limit).forUpdate().skipLocked().execute();
        if (rows.length === 0) return [];
        await tx.updateTable("spoc_tickets").set(lease).where("id", "in", rows.map((r) => r.id)).execute();
        return rows.map(claimed);
      });
    },
    async releaseClaim(serviceId, ticketId, workerId) {
      await db
        .updateTable("spoc_tickets")
        .set({ claimed_until: null, claimed_by: null })
        .where("id", "=", ticketId)
        .where("service_id", "=", serviceId)
        .where("claimed_by", "=", workerId)
        .execute();
    },
  };
}
