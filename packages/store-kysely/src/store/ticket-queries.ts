import { type AgentId, type TicketId, decodeCursor, encodeCursor, pageLimit, type Store, type StoredEvent, type Ticket, type TicketEvent } from "@spoc/core";
import type { Kysely } from "kysely";
import type { StoreDialect } from "../dialect/store-dialect";
import type { SpocDatabase } from "../schema/tables";
import { searchCondition } from "./search-index";

type TicketQueryMethods = Pick<
  Store,
  "allocateTicketNumber" | "allocateTicketNumberBlock" | "releaseTicketNumberBlock" | "readEvents" | "getTicket" | "getTicketByNumber" | "listTickets" | "findTicketByExternalId" | "openTicketCounts" | "findCommand"
>;

/** Ticket numbers, event streams, the ticket projection and its lists. */
export function ticketQueries(db: Kysely<SpocDatabase>, d: StoreDialect): TicketQueryMethods {
  const ticket = (row: { doc: unknown } | undefined): Ticket | undefined => (row ? (d.readJson(row.doc) as Ticket) : undefined);
  return {
    allocateTicketNumber: (serviceId) => d.allocateNumber(db, serviceId),
    async allocateTicketNumberBlock(serviceId, count) {
      if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number ≥ 1, got ${count}`);
      return (await d.allocateNumber(db, serviceId, count)) - count + 1;
    },
    async releaseTicketNumberBlock(serviceId, first, count) {
      if (!Number.isSafeInteger(first) || !Number.isSafeInteger(count) || first < 1 || count < 1) {
        throw new RangeError(`a block is a first number ≥ 1 and a count ≥ 1, got ${first} and ${count}`);
      }
      // Compare-and-set on the counter: only a block that still ends it goes back.
      const r = await db.updateTable("spoc_counters").set({ last_number: first - 1 })
        .where("service_id", "=", serviceId).where("last_number", "=", first + count - 1).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async findCommand(serviceId, commandId) {
      const row = await db.selectFrom("spoc_commands").select("ticket_id").where("service_id", "=", serviceId).where("command_id", "=", commandId).executeTakeFirst();
      return row?.ticket_id as TicketId | undefined;
    },
    async readEvents(serviceId, ticketId) {
      const rows = await db
        .selectFrom("spoc_events")
        .select(["version", "payload"])
        .where("ticket_id", "=", ticketId)
        .where("service_id", "=", serviceId)
        .orderBy("version")
        .execute();
      return rows.map((r): StoredEvent => ({ ticketId, serviceId, version: Number(r.version), event: d.readJson(r.payload) as TicketEvent }));
    },
    async getTicket(serviceId, ticketId) {
      return ticket(await db.selectFrom("spoc_tickets").select("doc").where("id", "=", ticketId).where("service_id", "=", serviceId).executeTakeFirst());
    },
    async getTicketByNumber(serviceId, number) {
      return ticket(
        await db.selectFrom("spoc_tickets").select("doc").where("service_id", "=", serviceId).where("number", "=", number).executeTakeFirst(),
      );
    },
    async listTickets(serviceId, q) {
      const limit = pageLimit(q.limit);
      const after = q.after ? decodeCursor(q.after) : undefined;
      if (q.status?.length === 0 || q.priority?.length === 0) return { items: [], nextCursor: null };
      let s = db.selectFrom("spoc_tickets").select("doc").where("service_id", "=", serviceId);
      if (q.active !== undefined) s = s.where("active", "=", q.active ? 1 : 0);
      if (q.status) s = s.where("status", "in", q.status);
      if (q.priority) s = s.where("priority", "in", q.priority);
      if (q.groupId !== undefined) s = q.groupId === null ? s.where("group_id", "is", null) : s.where("group_id", "=", q.groupId);
      if (q.assigneeId !== undefined) s = q.assigneeId === null ? s.where("assignee_id", "is", null) : s.where("assignee_id", "=", q.assigneeId);
      if (q.requesterId !== undefined) s = s.where("requester_id", "=", q.requesterId);
      if (q.text !== undefined) {
        const matching = searchCondition(d, serviceId, q.text, q.audience ?? "public");
        if (matching === undefined) return { items: [], nextCursor: null };
        s = s.where(matching);
      }
      if (after) {
        // A row-value comparison is one index range on every database; an OR of two terms is a filter.
        s = s.where((eb) => eb(eb.refTuple("created_at", "id"), "<", eb.tuple(after.createdAt, after.id)));
      }
      const rows = await s.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit + 1).execute();
      const items = rows.slice(0, limit).map((r) => d.readJson(r.doc) as Ticket);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
    },
    async findTicketByExternalId(serviceId, externalId) {
      const row = await db
        .selectFrom("spoc_messages")
        .select("ticket_id")
        .where("service_id", "=", serviceId)
        .where("external_id", "=", externalId)
        .executeTakeFirst();
      return row?.ticket_id as Ticket["id"] | undefined;
    },
    async openTicketCounts(serviceId, agentIds) {
      const counts = new Map<AgentId, number>(agentIds.map((a) => [a, 0]));
      if (agentIds.length === 0) return counts;
      const rows = await db
        .selectFrom("spoc_tickets")
        .select(["assignee_id", (eb) => eb.fn.countAll().as("n")])
        .where("service_id", "=", serviceId)
        .where("active", "=", 1)
        .where("assignee_id", "in", [...agentIds])
        .groupBy("assignee_id")
        .execute();
      for (const r of rows) if (r.assignee_id !== null) counts.set(r.assignee_id as AgentId, Number(r.n));
      return counts;
    },
  };
}
