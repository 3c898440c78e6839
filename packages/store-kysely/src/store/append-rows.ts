import { type AppendRequest, outboxId } from "@spoc/core";
import type { Kysely, Transaction } from "kysely";
import type { SpocDatabase } from "../schema/tables";
import { ticketColumns } from "./ticket-row";
import { toJson } from "./upsert";

/** An update lost its race: the ticket's version is no longer the expected one. */
export class StaleVersion extends Error {}

/** Inbound message ids carried by a request's events. */
export const externalIds = (req: AppendRequest): string[] =>
  req.events.flatMap((e) => (e.type === "MessageAdded" && e.externalId !== null ? [e.externalId] : []));

// Rows per multi-row insert: well under every database's limit of bound parameters.
const CHUNK = 1000;
const chunks = <T>(rows: ReadonlyArray<T>): T[][] =>
  Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Writes appends inside a transaction: ticket rows first (inserts for new tickets, conditional
 * updates for existing ones), then events, outbox items and message ids as multi-row inserts.
 * `at(table)` is told which table each statement writes, for error classification.
 */
export async function writeAppends(tx: Transaction<SpocDatabase> | Kysely<SpocDatabase>, requests: ReadonlyArray<AppendRequest>, at: (table: string) => void): Promise<void> {
  at("spoc_tickets");
  const fresh = requests.filter((r) => r.expectedVersion === 0);
  for (const part of chunks(fresh)) {
    await tx.insertInto("spoc_tickets")
      .values(part.map((r) => ({ id: r.ticketId, ...ticketColumns(r.ticket, r.events.length), claimed_until: null, claimed_by: null })))
      .execute();
  }
  for (const r of requests.filter((x) => x.expectedVersion > 0)) {
    const u = await tx
      .updateTable("spoc_tickets")
      .set(ticketColumns(r.ticket, r.expectedVersion + r.events.length))
      .where("id", "=", r.ticketId)
      .where("service_id", "=", r.serviceId)
      .where("version", "=", r.expectedVersion)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) === 0) throw new StaleVersion(r.ticketId);
  }
  const events = requests.flatMap((r) =>
    r.events.map((e, i) => ({
      ticket_id: r.ticketId, version: r.expectedVersion + i + 1, service_id: r.serviceId, type: e.type, at: e.at,
      actor: toJson(e.by), payload: toJson(e),
    })),
  );
  at("spoc_events");
  for (const part of chunks(events)) await tx.insertInto("spoc_events").values(part).execute();
  const notices = requests.flatMap((r) =>
    r.events.flatMap((e, i) =>
      e.type === "NotificationRequested"
        ? [{
            id: outboxId(r.ticketId, r.expectedVersion + i + 1), service_id: r.serviceId, ticket_id: r.ticketId, kind: e.template,
            payload: toJson({ to: e.to, data: e.data }), created_at: e.at, sent_at: null, available_at: e.at,
            claimed_until: null, claimed_by: null, last_error: null,
          }]
        : [],
    ),
  );
  at("spoc_outbox");
  for (const part of chunks(notices)) await tx.insertInto("spoc_outbox").values(part).execute();
  const messages = requests.flatMap((r) => externalIds(r).map((external_id) => ({ service_id: r.serviceId, external_id, ticket_id: r.ticketId })));
  at("spoc_messages");
  for (const part of chunks(messages)) await tx.insertInto("spoc_messages").values(part).execute();
}
