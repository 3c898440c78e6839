import type { OutboxItem, ServiceId, Store, TicketId } from "@spoc/core";
import type { Kysely } from "kysely";
import type { StoreDialect } from "../dialect/store-dialect";
import type { SpocDatabase } from "../schema/tables";

type OutboxMethods = Pick<Store, "claimOutbox" | "markOutboxSent" | "markOutboxFailed">;

interface OutboxRow { id: string; service_id: string; ticket_id: string | null; kind: string; payload: unknown; created_at: number; attempts: number }

/**
 * The outbox: notifications written with their events, claimed by delivery workers like due
 * tickets are by sweepers (`FOR UPDATE SKIP LOCKED` where the database has it), retried later on failure.
 */
export function outboxMethods(db: Kysely<SpocDatabase>, d: StoreDialect): OutboxMethods {
  const item = (r: OutboxRow): OutboxItem => {
    const payload = d.readJson(r.payload) as { to: string[]; data: Record<string, unknown> };
    return {
      id: r.id, serviceId: r.service_id as ServiceId, ticketId: r.ticket_id as TicketId, template: r.kind,
      to: payload.to, data: payload.data, createdAt: Number(r.created_at), attempts: Number(r.attempts),
    };
  };
  const due = (q: Kysely<SpocDatabase>, now: number, serviceId: ServiceId | undefined, limit: number) => {
    let s = q.selectFrom("spoc_outbox")
      .select(["id", "service_id", "ticket_id", "kind", "payload", "created_at", "attempts"])
      .where("sent_at", "is", null)
      .where("available_at", "<=", now)
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<=", now)]));
    if (serviceId !== undefined) s = s.where("service_id", "=", serviceId);
    return s.orderBy("created_at").orderBy("id").limit(limit);
  };
  return {
    async claimOutbox(now, o) {
      const limit = Math.max(0, Math.trunc(o.limit));
      if (limit === 0) return [];
      const lease = { claimed_until: now + o.leaseMs, claimed_by: o.workerId };
      if (!d.skipLocked) {
        const rows = await db.updateTable("spoc_outbox").set(lease)
          .where("id", "in", due(db, now, o.serviceId, limit).clearSelect().select("id"))
          .returning(["id", "service_id", "ticket_id", "kind", "payload", "created_at", "attempts"])
          .execute();
        return rows.map(item).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
      }
      return db.transaction().execute(async (tx) => {
        const rows = await due(tx, now, o.serviceId, limit).forUpdate().skipLocked().execute();
        if (rows.length === 0) return [];
        await tx.updateTable("spoc_outbox").set(lease).where("id", "in", rows.map((r) => r.id)).execute();
        return rows.map(item);
      });
    },
    async markOutboxSent(id, at) {
      await db.updateTable("spoc_outbox")
        .set((eb) => ({ sent_at: at, attempts: eb("attempts", "+", 1), claimed_until: null, claimed_by: null }))
        .where("id", "=", id).execute();
    },
    async markOutboxFailed(id, error, retryAt) {
      await db.updateTable("spoc_outbox")
        .set((eb) => ({ available_at: retryAt, last_error: error.slice(0, 2000), attempts: eb("attempts", "+", 1), claimed_until: null, claimed_by: null }))
        .where("id", "=", id).where("sent_at", "is", null).execute();
    },
  };
}
