import { type AppendRequest, outboxId } from "@spoc/core";
import type { Kysely, Transaction } from "kysely";
import type { StoreDialect } from "../dialect/store-dialect";
import type { SpocDatabase, TicketsTable } from "../schema/tables";
import { insertRows, type InsertShape } from "./insert-rows";
import { ticketColumns } from "./ticket-row";
import { toJson } from "./upsert";
import { type Requesters, type SearchUpdate, searchRowsOf, writeSearchUpdates } from "./search-index";

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
const commandColumns = ["service_id", "command_id", "ticket_id", "version", "at"] as const;
const searchColumns = ["ticket_id", "service_id", "subject", "public_text", "staff_text"] as const;

/** What an append checks: which ticket, at which version, with which inbound message ids. */
export interface AppendCheck {
  readonly ticketId: string;
  readonly serviceId: string;
  readonly expectedVersion: number;
  readonly externalIds: ReadonlyArray<string>;
}

/**
 * The rows a batch of appends writes, already encoded (JSON text, numbers): plain data, so it can
 * be built on one thread and written on another. Each table's rows are one flat array of values in
 * its column order; updates of existing tickets carry their version condition.
 */
export interface AppendRows {
  readonly checks: ReadonlyArray<AppendCheck>;
  readonly ticketInserts: ReadonlyArray<unknown>;
  readonly ticketUpdates: ReadonlyArray<{
    readonly ticketId: string;
    readonly serviceId: string;
    readonly expectedVersion: number;
    readonly columns: Omit<TicketsTable, "id" | "claimed_until" | "claimed_by">;
  }>;
  readonly events: ReadonlyArray<unknown>;
  readonly outbox: ReadonlyArray<unknown>;
  readonly messages: ReadonlyArray<unknown>;
  readonly commands: ReadonlyArray<unknown>;
  /** New tickets' search documents (`searchRowsOf`). */
  readonly searchInserts: ReadonlyArray<unknown>;
  /** Text appended to existing tickets' search documents. */
  readonly searchUpdates: ReadonlyArray<SearchUpdate>;
}

/**
 * Encodes appends into the rows they write: a new ticket's projection row, an existing ticket's
 * conditional update, one row per event, outbox items, inbound message ids and the search index's
 * changes (`requesters`: the new tickets' requesters, from `requestersOf`). Pure.
 * @example const rows = appendRows([request]); await writeAppendRows(tx, dialect, rows, () => {})
 */
export function appendRows(requests: ReadonlyArray<AppendRequest>, requesters: Requesters = new Map()): AppendRows {
  const checks: AppendCheck[] = [];
  const ticketInserts: unknown[] = [];
  const ticketUpdates: Array<AppendRows["ticketUpdates"][number]> = [];
  const events: unknown[] = [];
  const outbox: unknown[] = [];
  const messages: unknown[] = [];
  const commands: unknown[] = [];
  for (const r of requests) {
    const ids = externalIds(r);
    checks.push({ ticketId: r.ticketId, serviceId: r.serviceId, expectedVersion: r.expectedVersion, externalIds: ids });
    const c = ticketColumns(r.ticket, r.expectedVersion + r.events.length);
    if (r.expectedVersion === 0) {
      ticketInserts.push(r.ticketId, c.service_id, c.number, c.version, c.status, c.priority, c.active, c.group_id, c.assignee_id,
        c.requester_id, c.created_at, c.updated_at, c.resolved_at, c.closed_at, c.next_deadline, c.doc);
    } else {
      ticketUpdates.push({ ticketId: r.ticketId, serviceId: r.serviceId, expectedVersion: r.expectedVersion, columns: c });
    }
    let version = r.expectedVersion;
    for (const e of r.events) {
      version++;
      events.push(r.ticketId, version, r.serviceId, e.type, e.at, toJson(e.by), toJson(e));
      if (e.type === "NotificationRequested") {
        outbox.push(outboxId(r.ticketId, version), r.serviceId, r.ticketId, e.template, toJson({ to: e.to, data: e.data }), e.at, e.at);
      }
    }
    for (const id of ids) messages.push(r.serviceId, id, r.ticketId);
    if (r.commandId !== undefined) commands.push(r.serviceId, r.commandId, r.ticketId, version, r.events[0]?.at ?? r.ticket.updatedAt);
  }
  const search = searchRowsOf(requests, requesters);
  return { checks, ticketInserts, ticketUpdates, events, outbox, messages, searchInserts: search.inserts, searchUpdates: search.updates, commands };
}

/**
 * Writes encoded appends inside a transaction: ticket rows first (inserts for new tickets,
 * conditional updates for existing ones), then events, outbox items, message ids and search
 * documents as multi-row inserts, and the search documents' updates. `at(table)` is told which table each statement writes, for error classification.
 */
export async function writeAppendRows(
  tx: Transaction<SpocDatabase> | Kysely<SpocDatabase>, d: StoreDialect, rows: AppendRows, at: (table: string) => void,
): Promise<void> {
  const shape = shapeOf(d);
  at("spoc_tickets");
  await insertRows(tx, "spoc_tickets", ticketInsertColumns, rows.ticketInserts, shape);
  for (const u of rows.ticketUpdates) {
    const r = await tx
      .updateTable("spoc_tickets")
      .set(u.columns)
      .where("id", "=", u.ticketId)
      .where("service_id", "=", u.serviceId)
      .where("version", "=", u.expectedVersion)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new StaleVersion(u.ticketId);
  }
  // Right after the ticket rows: a command applied before fails the transaction before its events are sent.
  at("spoc_commands");
  await insertRows(tx, "spoc_commands", commandColumns, rows.commands, shape);
  at("spoc_events");
  await insertRows(tx, "spoc_events", eventColumns, rows.events, shape);
  at("spoc_outbox");
  await insertRows(tx, "spoc_outbox", outboxColumns, rows.outbox, shape);
  at("spoc_messages");
  await insertRows(tx, "spoc_messages", messageColumns, rows.messages, shape);
  at("spoc_ticket_search");
  await insertRows(tx, "spoc_ticket_search", searchColumns, rows.searchInserts, shape);
  await writeSearchUpdates(tx, d, rows.searchUpdates);
}
