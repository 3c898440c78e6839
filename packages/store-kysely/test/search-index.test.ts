import { type Actor, createDesk } from "@spoc/core";
import { conformanceFixture as fx, seedConformanceFixture } from "@spoc/store-conformance";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { kyselyStore } from "../src/kysely-store";
import { migrateToLatest } from "../src/migrations/migrate";
import { rebuildSearchIndex } from "../src/store/search-index";
import { type TestDatabase, servers, sqliteDatabase, warnSkipped } from "./databases";

const agent: Actor = { kind: "agent", id: fx.agentA };

// Each database as it was before 0007 (its search tables dropped, the migration not yet run), with
// tickets already written: on PostgreSQL and MySQL the migration runs inside a transaction.
const targets: Array<{ name: string; open: (() => Promise<TestDatabase>) | undefined; drops: string[] }> = [
  { name: "SQLite", open: sqliteDatabase, drops: ["drop trigger spoc_ticket_search_ai", "drop trigger spoc_ticket_search_ad", "drop trigger spoc_ticket_search_au", "drop table spoc_ticket_fts", "drop table spoc_ticket_search"] },
  ...servers().map((s) => ({ name: s.name, open: s.url === undefined ? undefined : () => s.open(s.url as string), drops: ["drop table spoc_ticket_search"] })),
];

for (const target of targets) {
  if (target.open === undefined) warnSkipped(`search index backfill on ${target.name}`, target.name === "postgres" ? "SPOC_PG_URL" : "SPOC_MYSQL_URL");
  describe.skipIf(target.open === undefined)(`search index backfill (migration 0007, rebuildSearchIndex) on ${target.name}`, () => {
    it("indexes tickets written before the migration: subject, requester, messages, notes for staff only", async () => {
      const t = await (target.open as () => Promise<TestDatabase>)();
      const store = kyselyStore(t.db);
      await seedConformanceFixture(store);
      const desk = createDesk({ store });
      const ticket = await desk.openTicket(fx.system, { serviceId: fx.a, subject: "Scanner offline", channel: "api", requesterId: fx.requester });
      await desk.addMessage(agent, { serviceId: fx.a, ticketId: ticket.id, kind: "note", body: "firmware rollback" });
      for (const s of target.drops) await sql.raw(s).execute(t.db);
      await sql`delete from spoc_migrations where name = '0007_ticket_search'`.execute(t.db);
      await migrateToLatest(t.db);
      const ids = async (actor: Actor, text: string) => (await desk.listTickets(actor, fx.a, { text })).items.map((x) => x.id);
      expect(await ids(agent, "scanner")).toEqual([ticket.id]);
      expect(await ids(agent, "zoe example")).toEqual([ticket.id]);
      expect(await ids(agent, "firmware")).toEqual([ticket.id]);
      expect(await ids({ kind: "contact", id: fx.requester }, "scanner")).toEqual([ticket.id]);
      expect(await ids({ kind: "contact", id: fx.requester }, "firmware")).toEqual([]);
      // Rebuilding again replaces each document rather than adding to it.
      expect(await rebuildSearchIndex(t.db)).toBe(1);
      expect(await ids(agent, "scanner firmware")).toEqual([ticket.id]);
      const docs = await t.db.selectFrom("spoc_ticket_search").selectAll().where("ticket_id", "=", ticket.id).execute();
      expect(docs).toHaveLength(1);
      expect(docs[0]).toMatchObject({ subject: "scanner offline", staff_text: "firmware rollback" });
      await t.drop();
    });
  });
}
