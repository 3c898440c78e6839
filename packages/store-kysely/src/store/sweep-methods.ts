import type { ClaimedTicket, ServiceId, Store, TicketId } from "@spoc/core";
import { type Kysely, sql } from "kysely";
import type { StoreDialect } from "../dialect/store-dialect";
import type { SpocDatabase } from "../schema/tables";

type SweepMethods = Pick<Store, "claimDue" | "releaseClaim">;

const claimed = (r: { service_id: string; ticket_id: string; next_deadline: number | string }): ClaimedTicket => ({
  serviceId: r.service_id as ServiceId,
  ticketId: r.ticket_id as TicketId,
  nextDeadline: Number(r.next_deadline),
});

const byDeadline = (rows: ReadonlyArray<ClaimedTicket>): Array<ClaimedTicket> =>
  [...rows].sort((a, b) => a.nextDeadline - b.nextDeadline || (a.ticketId < b.ticketId ? -1 : 1));

/**
 * The sweep's claim: due tickets, oldest deadline first, that no live lease holds. A lease is a
 * short row in `spoc_sweep_leases`, deleted on release, so a claim writes 100 narrow rows instead
 * of rewriting 100 wide ticket rows.
 *
 * - PostgreSQL: one `INSERT … SELECT … FOR UPDATE SKIP LOCKED ON CONFLICT DO UPDATE … WHERE the
 *   old lease expired RETURNING`: concurrent sweepers lock disjoint tickets, and a ticket whose
 *   lease another sweeper committed meanwhile is not returned (the conflict's `WHERE` fails).
 * - SQLite (one writer): the same statement without row locks.
 * - MySQL/MariaDB (no `RETURNING` on MySQL): a transaction that locks the due tickets with
 *   `SKIP LOCKED`, upserts the leases keeping any live one, and reads back which are its own.
 */
export function sweepMethods(db: Kysely<SpocDatabase>, d: StoreDialect): SweepMethods {
  const due = (q: Kysely<SpocDatabase>, now: number, serviceId: ServiceId | undefined, limit: number) => {
    let s = q
      .selectFrom("spoc_tickets as t")
      .where("t.next_deadline", "<=", now)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom("spoc_sweep_leases as l").select(sql.lit(1).as("one")).whereRef("l.ticket_id", "=", "t.id").where("l.claimed_until", ">", now),
          ),
        ),
      );
    if (serviceId !== undefined) s = s.where("t.service_id", "=", serviceId);
    return s.orderBy("t.next_deadline").orderBy("t.id").limit(limit);
  };
  return {
    async claimDue(now, o) {
      const limit = Math.max(0, Math.trunc(o.limit));
      if (limit === 0) return [];
      const until = now + o.leaseMs;
      if (d.upsert === "on-conflict") {
        let pick = due(db, now, o.serviceId, limit).select([
          "t.id",
          "t.service_id",
          "t.next_deadline",
          sql<number>`cast(${until} as bigint)`.as("claimed_until"),
          sql<string>`cast(${o.workerId} as text)`.as("claimed_by"),
        ]);
        // set_config(…, true) turns off the flush to disk for this statement's own transaction
        // only (see relaxedLeaseCommit).
        if (d.relaxedLeaseCommit) pick = pick.where(sql<boolean>`set_config('synchronous_commit', 'off', true) is not null`);
        if (d.skipLocked) pick = pick.forUpdate().skipLocked();
        const rows = await db
          .insertInto("spoc_sweep_leases")
          .columns(["ticket_id", "service_id", "next_deadline", "claimed_until", "claimed_by"])
          .expression(pick)
          .onConflict((oc) =>
            oc
              .column("ticket_id")
              .doUpdateSet((eb) => ({
                service_id: eb.ref("excluded.service_id"),
                next_deadline: eb.ref("excluded.next_deadline"),
                claimed_until: eb.ref("excluded.claimed_until"),
                claimed_by: eb.ref("excluded.claimed_by"),
              }))
              .where("spoc_sweep_leases.claimed_until", "<=", now),
          )
          .returning(["ticket_id", "service_id", "next_deadline"])
          .execute();
        return byDeadline(rows.map(claimed));
      }
      return db.transaction().execute(async (tx) => {
        const rows = await due(tx, now, o.serviceId, limit).select(["t.id", "t.service_id", "t.next_deadline"]).forUpdate().skipLocked().execute();
        if (rows.length === 0) return [];
        const ids = rows.map((r) => r.id);
        // A lease another sweeper committed after this transaction's snapshot stays: MySQL
        // evaluates the assignments left to right, so claimed_until, which the others test, is last.
        const expired = sql`claimed_until <= ${now}`;
        await tx
          .insertInto("spoc_sweep_leases")
          .values(rows.map((r) => ({ ticket_id: r.id, service_id: r.service_id, next_deadline: Number(r.next_deadline), claimed_until: until, claimed_by: o.workerId })))
          .onDuplicateKeyUpdate({
            next_deadline: sql`if(${expired}, values(next_deadline), next_deadline)`,
            claimed_by: sql`if(${expired}, ${o.workerId}, claimed_by)`,
            claimed_until: sql`if(${expired}, ${until}, claimed_until)`,
          })
          .execute();
        const mine = await tx
          .selectFrom("spoc_sweep_leases")
          .select(["ticket_id", "service_id", "next_deadline"])
          .where("ticket_id", "in", ids)
          .where("claimed_by", "=", o.workerId)
          .where("claimed_until", "=", until)
          .execute();
        return byDeadline(mine.map(claimed));
      });
    },
    async releaseClaim(serviceId, ticketId, workerId) {
      await db
        .deleteFrom("spoc_sweep_leases")
        .where("ticket_id", "=", ticketId)
        .where("service_id", "=", serviceId)
        .where("claimed_by", "=", workerId)
        .execute();
    },
  };
}
