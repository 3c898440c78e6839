import { conformanceFixture as fx, seedConformanceFixture } from "@spoc/store-conformance";
import { allocateTicketNumbers, evolve, type Ticket, type TicketEvent, type TicketId } from "@spoc/core";
import { describe, expect, it } from "vitest";
import { servers, sqliteDatabase, type TestDatabase, warnSkipped } from "../../test/databases";
import { kyselyStore } from "../kysely-store";

const opening = (ticketId: TicketId, at: number): TicketEvent[] => [{
  type: "TicketOpened", at, by: fx.system, ticketId, serviceId: fx.a, number: `N-${at}`, subject: "s", description: "",
  ticketType: "incident", category: null, channel: "api", priority: "normal", impact: null, urgency: null,
  requesterId: fx.requester, organizationId: null, tags: [], customFields: {}, handedOffFrom: null,
}];

const databases: Array<{ name: string; open: () => Promise<TestDatabase> }> = [
  { name: "sqlite", open: sqliteDatabase },
  ...servers().flatMap((s) => {
    if (s.url === undefined) {
      warnSkipped(s.name, s.name === "postgres" ? "SPOC_PG_URL" : "SPOC_MYSQL_URL");
      return [];
    }
    const url = s.url;
    return [{ name: s.name, open: () => s.open(url) }];
  }),
];

describe.each(databases)("bulk writes on $name", ({ open }) => {
  it("a block of ticket numbers is consecutive and never overlaps single allocations", async () => {
    const t = await open();
    const store = kyselyStore(t.db);
    await seedConformanceFixture(store);
    const one = await store.allocateTicketNumber(fx.a);
    const block = await allocateTicketNumbers(store, fx.a, 5);
    const next = await store.allocateTicketNumber(fx.a);
    expect(block).toEqual([one + 1, one + 2, one + 3, one + 4, one + 5]);
    expect(next).toBe(one + 6);
    expect(await store.allocateTicketNumberBlock?.(fx.b, 3)).toBe(1);
    await expect(store.allocateTicketNumberBlock?.(fx.a, 0)).rejects.toThrow(/count/);
    await t.drop();
  });

  it("appendMany writes thousands of events across statement sizes, each stream in version order", async () => {
    const t = await open();
    const store = kyselyStore(t.db);
    await seedConformanceFixture(store);
    // 1,234 events: one statement of 1000 rows, then 100s, 10s and single rows on SQLite.
    const requests = Array.from({ length: 2 }, (_, k) => {
      const ticketId = `bulk-${k}` as TicketId;
      const events: TicketEvent[] = [...opening(ticketId, 1 + k)];
      for (let i = 0; i < (k === 0 ? 1000 : 233); i++) events.push({ type: "FieldsChanged", at: 2 + i, by: fx.system, customFields: { i } });
      return { serviceId: fx.a, ticketId, expectedVersion: 0, events, ticket: events.reduce<Ticket | undefined>(evolve, undefined) as Ticket };
    });
    await store.appendMany?.(requests);
    const a = await store.readEvents(fx.a, "bulk-0" as TicketId);
    const b = await store.readEvents(fx.a, "bulk-1" as TicketId);
    expect(a.map((e) => e.version)).toEqual(Array.from({ length: 1001 }, (_, i) => i + 1));
    expect(b).toHaveLength(234);
    expect(b.at(-1)?.event).toMatchObject({ type: "FieldsChanged", customFields: { i: 232 } });
    expect((await store.getTicket(fx.a, "bulk-1" as TicketId))?.version).toBe(234);
    await t.drop();
  });
});
