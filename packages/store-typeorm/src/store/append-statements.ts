import type { EntitySchema } from "typeorm";
import { SpocCommandEntity, SpocEventEntity, SpocMessageEntity, SpocOutboxEntity, SpocTicketEntity } from "../entities/spoc-entities";
import type { StoreContext } from "./store-context";

/** One SQL statement with its parameters. */
export interface Statement {
  readonly sql: string;
  readonly params: unknown[];
}

const TICKET = [
  "service_id", "number", "version", "status", "priority", "active", "group_id", "assignee_id", "requester_id",
  "created_at", "updated_at", "resolved_at", "closed_at", "next_deadline", "doc",
] as const;
const EVENT = ["ticket_id", "version", "service_id", "type", "at", "actor", "payload"] as const;
const OUTBOX = ["id", "service_id", "ticket_id", "kind", "payload", "created_at", "sent_at", "attempts", "available_at", "claimed_until", "claimed_by", "last_error"] as const;
const MESSAGE = ["service_id", "external_id", "ticket_id"] as const;
const COMMAND = ["service_id", "command_id", "ticket_id", "version", "at"] as const;

/** The ticket row's writable columns, in `TICKET` order. */
export type TicketValues = { readonly [K in (typeof TICKET)[number]]: unknown };

/**
 * The append's statements as SQL text, built once per shape and kept: on the hot path the query
 * builder's per-call work (metadata walks, value preparation, parameter renaming) costs more than
 * the insert itself on SQLite. Tables come from the entities' metadata, so a DataSource `schema`
 * still applies, and the statements run on the host's manager (and its transaction).
 */
export function appendStatements(c: StoreContext) {
  const cache = new Map<string, string>();
  const q = (name: string) => c.manager.connection.driver.escape(name);
  const placeholders = (rows: number, width: number, from = 1) =>
    Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, i) => c.param(from + r * width + i)).join(", ")})`).join(", ");
  const once = (key: string, build: () => string) => {
    let sql = cache.get(key);
    if (sql === undefined) cache.set(key, (sql = build()));
    return sql;
  };
  const insert = (entity: EntitySchema<any>, columns: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<unknown>>): Statement => ({
    sql: once(`${entity.options.name}:${rows.length}`, () =>
      `insert into ${c.table(entity)} (${columns.map(q).join(", ")}) values ${placeholders(rows.length, columns.length)}`),
    params: rows.flat(),
  });
  return {
    insertTicket: (id: string, v: TicketValues): Statement =>
      insert(SpocTicketEntity, ["id", ...TICKET, "claimed_until", "claimed_by"], [[id, ...TICKET.map((k) => v[k]), null, null]]),
    updateTicket: (id: string, serviceId: string, expected: number, v: TicketValues): Statement => ({
      sql: once("ticket:update", () => {
        const n = TICKET.length;
        return `update ${c.table(SpocTicketEntity)} set ${TICKET.map((k, i) => `${q(k)} = ${c.param(i + 1)}`).join(", ")}` +
          ` where ${q("id")} = ${c.param(n + 1)} and ${q("service_id")} = ${c.param(n + 2)} and ${q("version")} = ${c.param(n + 3)}`;
      }),
      params: [...TICKET.map((k) => v[k]), id, serviceId, expected],
    }),
    insertEvents: (rows: ReadonlyArray<ReadonlyArray<unknown>>) => insert(SpocEventEntity, EVENT, rows),
    insertOutbox: (rows: ReadonlyArray<ReadonlyArray<unknown>>) => insert(SpocOutboxEntity, OUTBOX, rows),
    insertMessages: (rows: ReadonlyArray<ReadonlyArray<unknown>>) => insert(SpocMessageEntity, MESSAGE, rows),
    insertCommand: (row: ReadonlyArray<unknown>) => insert(SpocCommandEntity, COMMAND, [row]),
  };
}
