import { type AgentId, StoreError, decodeCursor, encodeCursor, pageLimit, type Store, type StoredEvent, type Ticket, type TicketEvent } from "@spoc/core";
import { readJson } from "../dialect/typeorm-dialect";
import { SpocCommandEntity, SpocCounterEntity, SpocEventEntity, SpocMessageEntity, SpocTicketEntity } from "../entities/spoc-entities";
import type { StoreContext } from "./store-context";

type TicketQueryMethods = Pick<
  Store,
  "allocateTicketNumber" | "readEvents" | "getTicket" | "getTicketByNumber" | "listTickets" | "findTicketByExternalId" | "openTicketCounts" | "findCommand"
>;

/** Allocates the next number of a service in one atomic statement. */
async function allocateNumber(c: StoreContext, serviceId: string): Promise<number> {
  const t = c.table(SpocCounterEntity);
  if (c.d.name === "mysql") {
    // LAST_INSERT_ID(expr) makes the statement report the new value as its insert id.
    const r = (await c.manager.query(
      `insert into ${t} (service_id, last_number) values (?, last_insert_id(1)) on duplicate key update last_number = last_insert_id(last_number + 1)`,
      [serviceId],
    )) as { insertId: number | string };
    return Number(r.insertId);
  }
  const rows = (await c.manager.query(
    `insert into ${t} (service_id, last_number) values (${c.param(1)}, 1) on conflict (service_id) do update set last_number = ${t}.last_number + 1 returning last_number`,
    [serviceId],
  )) as Array<{ last_number: number | string }>;
  return Number(rows[0]?.last_number);
}

/** Ticket numbers, event streams, the ticket projection and its lists. */
export function ticketQueries(c: StoreContext): TicketQueryMethods {
  const m = c.manager;
  const ticket = (row: { doc: unknown } | undefined): Ticket | undefined => (row ? (readJson(row.doc) as Ticket) : undefined);
  const tickets = () => m.createQueryBuilder(SpocTicketEntity, "t").select("t.doc", "doc");
  return {
    allocateTicketNumber: (serviceId) => allocateNumber(c, serviceId),
    async readEvents(serviceId, ticketId) {
      const rows = await m.createQueryBuilder(SpocEventEntity, "e").select("e.version", "version").addSelect("e.payload", "payload")
        .where("e.ticket_id = :ticketId AND e.service_id = :serviceId", { ticketId, serviceId })
        .orderBy("e.version").getRawMany<{ version: number; payload: unknown }>();
      return rows.map((r): StoredEvent => ({ ticketId, serviceId, version: Number(r.version), event: readJson(r.payload) as TicketEvent }));
    },
    async getTicket(serviceId, ticketId) {
      return ticket(await tickets().where("t.id = :ticketId AND t.service_id = :serviceId", { ticketId, serviceId }).getRawOne());
    },
    async getTicketByNumber(serviceId, number) {
      return ticket(await tickets().where("t.service_id = :serviceId AND t.number = :number", { serviceId, number }).getRawOne());
    },
    async listTickets(serviceId, q) {
      // Ignoring the text would answer a search with every ticket: refuse it instead.
      if (q.text !== undefined) throw new StoreError({ reason: "Unknown", message: "full-text search is not supported by the TypeORM store (capabilities.search is false)" });
      const limit = pageLimit(q.limit);
      const after = q.after ? decodeCursor(q.after) : undefined;
      if (q.status?.length === 0 || q.priority?.length === 0) return { items: [], nextCursor: null };
      const s = tickets().where("t.service_id = :serviceId", { serviceId });
      if (q.active !== undefined) s.andWhere("t.active = :active", { active: q.active ? 1 : 0 });
      if (q.status) s.andWhere("t.status IN (:...status)", { status: q.status });
      if (q.priority) s.andWhere("t.priority IN (:...priority)", { priority: q.priority });
      if (q.groupId !== undefined) s.andWhere(q.groupId === null ? "t.group_id IS NULL" : "t.group_id = :groupId", { groupId: q.groupId });
      if (q.assigneeId !== undefined) {
        s.andWhere(q.assigneeId === null ? "t.assignee_id IS NULL" : "t.assignee_id = :assigneeId", { assigneeId: q.assigneeId });
      }
      if (q.requesterId !== undefined) s.andWhere("t.requester_id = :requesterId", { requesterId: q.requesterId });
      // A row-value comparison is one index range on every database; an OR of two terms is a filter.
      if (after) s.andWhere("(t.created_at, t.id) < (:afterAt, :afterId)", { afterAt: after.createdAt, afterId: after.id });
      const rows = await s.orderBy("t.created_at", "DESC").addOrderBy("t.id", "DESC").limit(limit + 1).getRawMany<{ doc: unknown }>();
      const items = rows.slice(0, limit).map((r) => readJson(r.doc) as Ticket);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
    },
    async findTicketByExternalId(serviceId, externalId) {
      const row = await m.createQueryBuilder(SpocMessageEntity, "m").select("m.ticket_id", "ticket_id")
        .where("m.service_id = :serviceId AND m.external_id = :externalId", { serviceId, externalId })
        .getRawOne<{ ticket_id: string }>();
      return row?.ticket_id as Ticket["id"] | undefined;
    },
    async findCommand(serviceId, commandId) {
      const row = await m.createQueryBuilder(SpocCommandEntity, "c").select("c.ticket_id", "ticket_id")
        .where("c.service_id = :serviceId AND c.command_id = :commandId", { serviceId, commandId })
        .getRawOne<{ ticket_id: string }>();
      return row?.ticket_id as Ticket["id"] | undefined;
    },
    async openTicketCounts(serviceId, agentIds) {
      const counts = new Map<AgentId, number>(agentIds.map((a) => [a, 0]));
      if (agentIds.length === 0) return counts;
      const rows = await m.createQueryBuilder(SpocTicketEntity, "t").select("t.assignee_id", "assignee_id").addSelect("count(*)", "n")
        .where("t.service_id = :serviceId AND t.active = 1 AND t.assignee_id IN (:...agentIds)", { serviceId, agentIds: [...agentIds] })
        .groupBy("t.assignee_id").getRawMany<{ assignee_id: string | null; n: number | string }>();
      for (const r of rows) if (r.assignee_id !== null) counts.set(r.assignee_id as AgentId, Number(r.n));
      return counts;
    },
  };
}
