import type { ClaimedTicket, ServiceId, Store, TicketId } from "@spoc/core";
import type { EntityManager } from "typeorm";
import { SpocTicketEntity } from "../entities/spoc-entities";
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
 * transaction. On PostgreSQL and MySQL/MariaDB the rows are locked with `FOR UPDATE SKIP LOCKED`
 * (`setLock("pessimistic_write")` + `setOnLocked("skip_locked")`), so concurrent sweepers take
 * disjoint sets; on SQLite the store's queue already runs one claim at a time.
 */
export function sweepMethods(c: StoreContext): SweepMethods {
  const due = (m: EntityManager, now: number, serviceId: ServiceId | undefined, limit: number) => {
    const s = m.createQueryBuilder(SpocTicketEntity, "t")
      .select("t.service_id", "service_id").addSelect("t.id", "id").addSelect("t.next_deadline", "next_deadline")
      .where("t.next_deadline <= :now AND (t.claimed_until IS NULL OR t.claimed_until <= :now)", { now });
    if (serviceId !== undefined) s.andWhere("t.service_id = :serviceId", { serviceId });
    s.orderBy("t.next_deadline").addOrderBy("t.id").limit(limit);
    return c.d.skipLocked ? s.setLock("pessimistic_write").setOnLocked("skip_locked") : s;
  };
  return {
    async claimDue(now, o) {
      const limit = Math.max(0, Math.trunc(o.limit));
      if (limit === 0) return [];
      return c.transaction(async (m) => {
        const rows = await due(m, now, o.serviceId, limit).getRawMany<DueRow>();
        if (rows.length === 0) return [];
        await m.createQueryBuilder().update(SpocTicketEntity).set({ claimed_until: now + o.leaseMs, claimed_by: o.workerId })
          .where("id IN (:...ids)", { ids: rows.map((r) => r.id) }).updateEntity(false).callListeners(false).execute();
        return rows.map(claimed);
      });
    },
    async releaseClaim(serviceId, ticketId, workerId) {
      await c.manager.createQueryBuilder().update(SpocTicketEntity).set({ claimed_until: null, claimed_by: null })
        .where("id = :ticketId AND service_id = :serviceId AND claimed_by = :workerId", { ticketId, serviceId, workerId })
        .updateEntity(false).callListeners(false).execute();
    },
  };
}
