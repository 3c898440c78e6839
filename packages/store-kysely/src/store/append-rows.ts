import { type AppendRequest, outboxId } from "@spoc/core";
import type { Kysely, Transaction } from "kysely";
import type { StoreDialect } from "../dialect/store-dialect";
import type { SpocDatabase } from "../schema/tables";
import { insertRows, type InsertShape } from "./insert-rows";
import { ticketColumns } from "./ticket-row";
import { toJson } from "./upsert";

/** An update lost its race: the ticket's version is no longer the expected one. */
export class StaleVersion extends Error {}

/** Inbound message ids carried by a request's events. */
export const externalIds = (req: AppendRequest): string[] =>
  req.events.flatMap((e) => (e.type === "MessageAdded" && e.externalId !== null ? [e.externalId] : []));

const shapeOf = (d: StoreDialect): InsertShape => ({ placeholders: d.name === "postgres" ? "dollar" : "question", fixedSizes: d.name === "sqlite" });

const ticketInsertColumns = [
  "id", "service_id", "number", "version", "status", "priority", "active", "group_id", "assignee_id", "requester_id",
  "created_at", "updated_at", "resolved_at", "closed_at", "next_deadline", "doc",
] as const;
const eventColumns = ["ticket_id", "version", "service_id", "type", "at", "actor", "payload"] as const;
const outboxColumns = ["id", "service_id", "ticket_id", "kind", "payload", "created_at", "available_at"] as const;
const messageColumns = ["service_id", "external_id", "ticket_id"] as const;

/**
 * Writes appends inside a transaction: ticket rows first (inserts for new tickets, conditional
 * updates for existing ones), then events, outbox items and message ids as multi-row inserts.
 * `at(table)` is told which table each statement writes, for error classification.
 */
export async function writeAppends(
  tx: Transaction<SpocDatabase> | Kysely<SpocDatabase>, d: StoreDialect, requests: ReadonlyArray<AppendRequest>, at: (table: string) => void,
): Promise<void> {
  const shape = shapeOf(d);
  at("spoc_tickets");
  const fresh: unknown[][] = [];
  for (const r of requests) {
    if (r.expectedVersion !== 0) continue;
    const c = ticketColumns(r.ticket, r.events.length);
    fresh.push([r.ticketId, c.service_id, c.number, c.version, c.status, c.priority, c.active, c.group_id, c.assignee_id, c.requester_id,
      c.created_at, c.updated_at, c.resolved_at, c.closed_at, c.next_deadline, c.doc]);
  }
  await insertRows(tx, "spoc_tickets", ticketInsertColumns, fresh, shape);
  for (const r of requests) {
    if (r.expectedVersion === 0) continue;
    const u = await tx
      .updateTable("spoc_tickets")
      .set(ticketColumns(r.ticket, r.expectedVersion + r.events.length))
      .where("id", "=", r.ticketId)
      .where("service_id", "=", r.serviceId)
      .where("version", "=", r.expectedVersion)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) === 0) throw new StaleVersion(r.ticketId);
  }
  const events: unknown[][] = [];
  const notices: unknown[][] = [];
  const messages: unknown[][] = [];
  for (const r of requests) {
    r.events.forEach((e, i) => {
      const version = r.expectedVersion + i + 1;
      events.push([r.ticketId, version, r.serviceId, e.type, e.at, toJson(e.by), toJson(e)]);
      if (e.type === "NotificationRequested") {
        notices.push([outboxId(r.ticketId, version), r.serviceId, r.ticketId, e.template, toJson({ to: e.to, data: e.data }), e.at, e.at]);
      }
      if (e.type === "MessageAdded" && e.externalId !== null) messages.push([r.serviceId, e.externalId, r.ticketId]);
    });
  }
  at("spoc_events");
  await insertRows(tx, "spoc_events", eventColumns, events, shape);
  at("spoc_outbox");
  await insertRows(tx, "spoc_outbox", outboxColumns, notices, shape);
  at("spoc_messages");
  await insertRows(tx, "spoc_messages", messageColumns, messages, shape);
}
