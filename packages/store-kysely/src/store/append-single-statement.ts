import { type AppendRequest, outboxId } from "@spoc/core";
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { SpocDatabase } from "../schema/tables";
import { ticketColumns } from "./ticket-row";
import { toJson } from "./upsert";
import { maxSearchPartLength, type SearchUpdate } from "./search-index";

const row = (values: ReadonlyArray<RawBuilder<unknown>>) => sql`(${sql.join(values)})`;

/**
 * The whole append as one PostgreSQL statement of data-modifying CTEs: one round trip, atomic on
 * its own, holding the ticket's row lock for the shortest time. The ticket row goes first (insert
 * for a new ticket, `UPDATE … WHERE version = expected` otherwise); events, outbox items and
 * message ids are written only if it was. Returns whether the ticket row was written (false: another writer won).
 */
export async function appendInOneStatement(
  db: Kysely<SpocDatabase>, req: AppendRequest, externalIds: ReadonlyArray<string>,
  search: { readonly inserts: ReadonlyArray<unknown>; readonly updates: ReadonlyArray<SearchUpdate> } = { inserts: [], updates: [] },
): Promise<boolean> {
  const version = req.expectedVersion + req.events.length;
  const c = ticketColumns(req.ticket, version);
  const values = [
    c.service_id, c.number, c.version, c.status, c.priority, c.active, c.group_id, c.assignee_id, c.requester_id,
    c.created_at, c.updated_at, c.resolved_at, c.closed_at, c.next_deadline,
  ] as const;
  const names = [
    "service_id", "number", "version", "status", "priority", "active", "group_id", "assignee_id", "requester_id",
    "created_at", "updated_at", "resolved_at", "closed_at", "next_deadline",
  ] as const;
  const ticket =
    req.expectedVersion === 0
      ? sql`insert into spoc_tickets (id, ${sql.join(names.map((n) => sql.ref(n)))}, doc)
            values (${req.ticketId}, ${sql.join(values.map((v) => sql`${v}`))}, ${c.doc}::json) returning id`
      : sql`update spoc_tickets set ${sql.join(names.map((n, i) => sql`${sql.ref(n)} = ${values[i]}`))}, doc = ${c.doc}::json
            where id = ${req.ticketId} and service_id = ${req.serviceId} and version = ${req.expectedVersion} returning id`;
  const parts: RawBuilder<unknown>[] = [sql`t as (${ticket})`];
  if (req.events.length > 0) {
    const rows = req.events.map((e, i) =>
      row([
        sql`${req.ticketId}`, sql`${req.expectedVersion + i + 1}::int`, sql`${req.serviceId}`, sql`${e.type}`, sql`${e.at}::bigint`,
        sql`${toJson(e.by)}::json`, sql`${toJson(e)}::json`,
      ]),
    );
    parts.push(sql`e as (insert into spoc_events (ticket_id, version, service_id, type, at, actor, payload)
      select v.* from (values ${sql.join(rows)}) as v(ticket_id, version, service_id, type, at, actor, payload)
      where exists (select 1 from t))`);
  }
  const notices = req.events.flatMap((e, i) => (e.type === "NotificationRequested" ? [{ e, version: req.expectedVersion + i + 1 }] : []));
  if (notices.length > 0) {
    const rows = notices.map(({ e, version: v }) =>
      row([
        sql`${outboxId(req.ticketId, v)}`, sql`${req.serviceId}`, sql`${req.ticketId}`, sql`${e.template}`,
        sql`${toJson({ to: e.to, data: e.data })}::json`, sql`${e.at}::bigint`, sql`${e.at}::bigint`,
      ]),
    );
    parts.push(sql`o as (insert into spoc_outbox (id, service_id, ticket_id, kind, payload, created_at, available_at)
      select v.* from (values ${sql.join(rows)}) as v(id, service_id, ticket_id, kind, payload, created_at, available_at)
      where exists (select 1 from t))`);
  }
  if (externalIds.length > 0) {
    const rows = externalIds.map((x) => row([sql`${req.serviceId}`, sql`${x}`, sql`${req.ticketId}`]));
    parts.push(sql`m as (insert into spoc_messages (service_id, external_id, ticket_id)
      select v.* from (values ${sql.join(rows)}) as v(service_id, external_id, ticket_id)
      where exists (select 1 from t))`);
  }
  if (req.commandId !== undefined) {
    parts.push(sql`c as (insert into spoc_commands (service_id, command_id, ticket_id, version, at)
      select ${req.serviceId}, ${req.commandId}, ${req.ticketId}, ${version}::int, ${req.events[0]?.at ?? req.ticket.updatedAt}::bigint
      where exists (select 1 from t))`);
  }
  if (search.inserts.length === 5) {
    const [ticketId, serviceId, subject, publicText, staffText] = search.inserts;
    parts.push(sql`s as (insert into spoc_ticket_search (ticket_id, service_id, subject, public_text, staff_text)
      select ${ticketId}, ${serviceId}, ${subject}, ${publicText}, ${staffText} where exists (select 1 from t))`);
  }
  for (const u of search.updates) {
    const sets: RawBuilder<unknown>[] = [];
    if (u.subject !== null) sets.push(sql`subject = ${u.subject}`);
    if (u.publicText !== "") sets.push(sql`public_text = substr(public_text || ${u.publicText}, 1, ${maxSearchPartLength})`);
    if (u.staffText !== "") sets.push(sql`staff_text = substr(staff_text || ${u.staffText}, 1, ${maxSearchPartLength})`);
    parts.push(sql`s as (update spoc_ticket_search set ${sql.join(sets)} where ticket_id = ${u.ticketId} and exists (select 1 from t))`);
  }
  const r = await sql<{ n: number }>`with ${sql.join(parts)} select count(*)::int as n from t`.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}
