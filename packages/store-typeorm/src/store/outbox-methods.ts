import type { OutboxItem, ServiceId, Store, TicketId } from "@spoc/core";
import type { EntityManager } from "typeorm";
import { readJson } from "../dialect/typeorm-dialect";
import { SpocOutboxEntity } from "../entities/spoc-entities";
import type { StoreContext } from "./store-context";

type OutboxMethods = Pick<Store, "claimOutbox" | "markOutboxSent" | "markOutboxFailed">;

interface DueRow { id: string; service_id: string; ticket_id: string | null; kind: string; payload: unknown; created_at: number | string; attempts: number | string }

const item = (r: DueRow): OutboxItem => {
  const payload = readJson(r.payload) as { to: string[]; data: Record<string, unknown> };
  return {
    id: r.id, serviceId: r.service_id as ServiceId, ticketId: r.ticket_id as TicketId, template: r.kind,
    to: payload.to, data: payload.data, createdAt: Number(r.created_at), attempts: Number(r.attempts),
  };
};

/**
 * The outbox: notifications written with their events, claimed by delivery workers like due
 * tickets are by sweepers (`FOR UPDATE SKIP LOCKED` where the database has it), retried later on failure.
 */
export function outboxMethods(c: StoreContext): OutboxMethods {
  const due = (m: EntityManager, now: number, serviceId: ServiceId | undefined, limit: number) => {
    const s = m.createQueryBuilder(SpocOutboxEntity, "o").select(["id", "service_id", "ticket_id", "kind", "payload", "created_at", "attempts"].map((k) => `o.${k}`))
      .where("o.sent_at IS NULL AND o.available_at <= :now AND (o.claimed_until IS NULL OR o.claimed_until <= :now)", { now });
    if (serviceId !== undefined) s.andWhere("o.service_id = :serviceId", { serviceId });
    s.orderBy("o.created_at").addOrderBy("o.id").limit(limit);
    return c.d.skipLocked ? s.setLock("pessimistic_write").setOnLocked("skip_locked") : s;
  };
  const unprefixed = (r: Record<string, unknown>): DueRow =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k.replace(/^o_/, ""), v])) as unknown as DueRow;
  return {
    async claimOutbox(now, o) {
      const limit = Math.max(0, Math.trunc(o.limit));
      if (limit === 0) return [];
      return c.transaction(async (m) => {
        const rows = (await due(m, now, o.serviceId, limit).getRawMany<Record<string, unknown>>()).map(unprefixed);
        if (rows.length === 0) return [];
        await m.createQueryBuilder().update(SpocOutboxEntity).set({ claimed_until: now + o.leaseMs, claimed_by: o.workerId })
          .where("id IN (:...ids)", { ids: rows.map((r) => r.id) }).updateEntity(false).callListeners(false).execute();
        return rows.map(item);
      });
    },
    async markOutboxSent(id, at) {
      await c.manager.createQueryBuilder().update(SpocOutboxEntity)
        .set({ sent_at: at, attempts: () => "attempts + 1", claimed_until: null, claimed_by: null })
        .where("id = :id", { id }).updateEntity(false).callListeners(false).execute();
    },
    async markOutboxFailed(id, error, retryAt) {
      await c.manager.createQueryBuilder().update(SpocOutboxEntity)
        .set({ available_at: retryAt, last_error: error.slice(0, 2000), attempts: () => "attempts + 1", claimed_until: null, claimed_by: null })
        .where("id = :id AND sent_at IS NULL", { id }).updateEntity(false).callListeners(false).execute();
    },
  };
}
