import { isActive } from "@spoc/core";
import type { IngestTicket } from "./fixtures.ts";

/** The rows the store writes for one ticket, built the same way (JSON text, epoch-ms numbers). */
export const rowsOf = (x: IngestTicket) => {
  const t = x.ticket;
  return {
    ticket: [
      t.id, t.serviceId, t.number, x.events.length, t.status, t.priority, isActive(t.status) ? 1 : 0, t.groupId, t.assigneeId,
      t.requesterId, t.createdAt, t.updatedAt, t.resolvedAt, t.closedAt, t.nextDeadline, JSON.stringify(t),
    ],
    events: x.events.map((e, i) => [x.ticketId, i + 1, x.serviceId, e.type, e.at, JSON.stringify(e.by), JSON.stringify(e)]),
    messages: x.events.flatMap((e) => (e.type === "MessageAdded" && e.externalId !== null ? [[x.serviceId, e.externalId, x.ticketId]] : [])),
  };
};

const TICKET_COLUMNS =
  "id, service_id, number, version, status, priority, active, group_id, assignee_id, requester_id, created_at, updated_at, resolved_at, closed_at, next_deadline, doc";

interface SqliteDb {
  prepare(sql: string): { run(...params: unknown[]): unknown };
  transaction<F extends (...a: any[]) => void>(f: F): F;
}

/** Raw better-sqlite3: prepared statements, one transaction per ticket (what one append does). */
export function rawSqliteIngest(db: SqliteDb, tickets: ReadonlyArray<IngestTicket>): void {
  const ticket = db.prepare(`insert into spoc_tickets (${TICKET_COLUMNS}) values (${Array(16).fill("?").join(", ")})`);
  const event = db.prepare("insert into spoc_events (ticket_id, version, service_id, type, at, actor, payload) values (?, ?, ?, ?, ?, ?, ?)");
  const message = db.prepare("insert into spoc_messages (service_id, external_id, ticket_id) values (?, ?, ?)");
  const one = db.transaction((x: IngestTicket) => {
    const r = rowsOf(x);
    ticket.run(...r.ticket);
    for (const e of r.events) event.run(...e);
    for (const m of r.messages) message.run(...m);
  });
  for (const x of tickets) one(x);
}

interface PgClient {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

const placeholders = (rows: number, cols: number) =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: cols }, (_, c) => `$${r * cols + c + 1}`).join(", ")})`).join(", ");

/** Raw pg: multi-row inserts of `batch` tickets (and their events and messages) per transaction. */
export async function rawPgIngest(client: PgClient, tickets: ReadonlyArray<IngestTicket>, batch = 500): Promise<void> {
  for (let i = 0; i < tickets.length; i += batch) {
    const rows = tickets.slice(i, i + batch).map(rowsOf);
    const t = rows.map((r) => r.ticket);
    const e = rows.flatMap((r) => r.events);
    const m = rows.flatMap((r) => r.messages);
    await client.query("begin");
    await client.query(`insert into spoc_tickets (${TICKET_COLUMNS}) values ${placeholders(t.length, 16)}`, t.flat());
    await client.query(`insert into spoc_events (ticket_id, version, service_id, type, at, actor, payload) values ${placeholders(e.length, 7)}`, e.flat());
    await client.query(`insert into spoc_messages (service_id, external_id, ticket_id) values ${placeholders(m.length, 3)}`, m.flat());
    await client.query("commit");
  }
}
