import type { ClaimedTicket, ServiceId, Store, TicketId } from "@spoc/core";
import type { EntityManager } from "typeorm";
import { SpocSweepLeaseEntity, SpocTicketEntity } from "../entities/spoc-entities";
import type { StoreContext } from "./store-context";

type SweepMethods = Pick<Store, "claimDue" | "releaseClaim">;

interface DueRow { service_id: string; id: string; next_deadline: number | string }

const claimed = (r: DueRow): ClaimedTicket => ({
  serviceId: r.service_id as ServiceId,
  ticketId: r.id as TicketId,
  nextDeadline: Number(r.next_deadline),
});

/**
 * The sweep's claim: due tickets, oldest deadline first, that no live lease holds, leased in one
 * transaction. A lease is a short row in `spoc_sweep_leases` (the same table the Kysely store
 * uses, so both adapters may sweep one database), deleted on release. On PostgreSQL and
 * MySQL/MariaDB the due tickets are locked with `FOR UPDATE SKIP LOCKED`
 * (`setLock("pessimistic_write")` + `setOnLocked("skip_locked")`), so concurrent sweepers take
 * disjoint sets; the upsert keeps a lease another sweeper committed meanwhile, and the claim
 * returns only the leases that are its own.
 */
export function sweepMethods(c: StoreContext): SweepMethods {
  const due = (m: EntityManager, now: number, serviceId: ServiceId | undefined, limit: number) => {
    const s = m.createQueryBuilder(SpocTicketEntity, "t")
      .select("t.service_id", "service_id").addSelect("t.id", "id").addSelect("t.next_deadline", "next_deadline")
      .where("t.next_deadline <= :now", { now })
      .andWhere(`NOT EXISTS (SELECT 1 FROM ${c.table(SpocSweepLeaseEntity)} l WHERE l.ticket_id = t.id AND l.claimed_until > :now)`);
    if (serviceId !== undefined) s.andWhere("t.service_id = :serviceId", { serviceId });
    s.orderBy("t.next_deadline").addOrderBy("t.id").limit(limit);
    return c.d.skipLocked ? s.setLock("pessimistic_write").setOnLocked("skip_locked") : s;
  };
  // Insert the leases, or take over expired ones; a live lease is left as it is.
  const upsert = (rows: ReadonlyArray<DueRow>, now: number, until: number, workerId: string): [string, Array<unknown>] => {
    const params: Array<unknown> = [];
    const bind = (v: unknown): string => {
      params.push(v);
      return c.param(params.length);
    };
    const table = c.table(SpocSweepLeaseEntity);
    const values = rows.map((r) => `(${bind(r.id)}, ${bind(r.service_id)}, ${bind(Number(r.next_deadline))}, ${bind(until)}, ${bind(workerId)})`);
    const head = `INSERT INTO ${table} (ticket_id, service_id, next_deadline, claimed_until, claimed_by) VALUES ${values.join(", ")}`;
    if (c.d.name === "mysql") {
      // MySQL assigns left to right: claimed_until, which the others test, goes last.
      const keep = (col: string) => `${col} = IF(claimed_until <= ${bind(now)}, VALUES(${col}), ${col})`;
      return [`${head} ON DUPLICATE KEY UPDATE ${keep("next_deadline")}, ${keep("claimed_by")}, ${keep("claimed_until")}`, params];
    }
    const set = "next_deadline = excluded.next_deadline, claimed_until = excluded.claimed_until, claimed_by = excluded.claimed_by";
    const aliased = head.replace(`INTO ${table} (`, `INTO ${table} AS l (`);
    return [`${aliased} ON CONFLICT (ticket_id) DO UPDATE SET ${set} WHERE l.claimed_until <= ${bind(now)}`, params];
  };
  return {
    async claimDue(now, o) {
      const limit = Math.max(0, Math.trunc(o.limit));
      if (limit === 0) return [];
      const until = now + o.leaseMs;
      return c.transaction(async (m) => {
        const rows = await due(m, now, o.serviceId, limit).getRawMany<DueRow>();
        if (rows.length === 0) return [];
        const [sql, params] = upsert(rows, now, until, o.workerId);
        await m.query(sql, params);
        const mine = await m.createQueryBuilder(SpocSweepLeaseEntity, "l")
          .select("l.service_id", "service_id").addSelect("l.ticket_id", "id").addSelect("l.next_deadline", "next_deadline")
          .where("l.ticket_id IN (:...ids)", { ids: rows.map((r) => r.id) })
          .andWhere("l.claimed_by = :workerId AND l.claimed_until = :until", { workerId: o.workerId, until })
          .getRawMany<DueRow>();
        return mine.map(claimed).sort((a, b) => a.nextDeadline - b.nextDeadline || (a.ticketId < b.ticketId ? -1 : 1));
      });
    },
    async releaseClaim(serviceId, ticketId, workerId) {
      await c.manager.createQueryBuilder().delete().from(SpocSweepLeaseEntity)
        .where("ticket_id = :ticketId AND service_id = :serviceId AND claimed_by = :workerId", { ticketId, serviceId, workerId })
        .execute();
    },
  };
}
