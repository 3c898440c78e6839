import { conformanceFixture as fx, seedConformanceFixture } from "@spoc/store-conformance";
import { evolve, isStoreError, type Ticket, type TicketEvent, type TicketId } from "@spoc/core";
import { describe, expect, it } from "vitest";
import { sqliteDatabase } from "../test/databases";
import { kyselyStore } from "./kysely-store";

const opening = (serviceId: typeof fx.a, ticketId: TicketId, at: number): TicketEvent[] => [{
  type: "TicketOpened", at, by: fx.system, ticketId, serviceId, number: `N-${at}`, subject: "s", description: "",
  ticketType: "incident", category: null, channel: "api", priority: "normal", impact: null, urgency: null,
  requesterId: fx.requester, organizationId: null, tags: [], customFields: {}, handedOffFrom: null,
}];
const fold = (events: ReadonlyArray<TicketEvent>, t?: Ticket) => events.reduce<Ticket | undefined>(evolve, t) as Ticket;

const setup = async () => {
  const t = await sqliteDatabase();
  const store = kyselyStore(t.db);
  await seedConformanceFixture(store);
  return { ...t, store };
};

describe("kyselyStore", () => {
  it("a ticket id taken in another service is a DuplicateKey, not a version conflict", async () => {
    const { store, drop } = await setup();
    const id = "t-1" as TicketId;
    await store.append({ serviceId: fx.a, ticketId: id, expectedVersion: 0, events: opening(fx.a, id, 1), ticket: fold(opening(fx.a, id, 1)) });
    const other = opening(fx.b, id, 2);
    await expect(store.append({ serviceId: fx.b, ticketId: id, expectedVersion: 0, events: other, ticket: fold(other) }))
      .rejects.toSatisfy((e: unknown) => isStoreError(e, "DuplicateKey"));
    await drop();
  });

  it("an append keeps the sweeper's lease on the ticket", async () => {
    const { store, drop } = await setup();
    const id = "t-2" as TicketId;
    const e1: TicketEvent[] = [...opening(fx.a, id, 1), { type: "DeadlineSet", at: 1, by: fx.system, nextDeadline: 10, reason: "t" }];
    const t1 = fold(e1);
    await store.append({ serviceId: fx.a, ticketId: id, expectedVersion: 0, events: e1, ticket: t1 });
    expect(await store.claimDue(100, { limit: 5, leaseMs: 1000, workerId: "w1" })).toHaveLength(1);
    const e2: TicketEvent[] = [{ type: "FieldsChanged", at: 2, by: fx.system, tags: ["x"] }];
    await store.append({ serviceId: fx.a, ticketId: id, expectedVersion: 2, events: e2, ticket: fold(e2, t1) });
    expect(await store.claimDue(100, { limit: 5, leaseMs: 1000, workerId: "w2" })).toEqual([]);
    await drop();
  });

  it("a driver error leaves the store as a classified StoreError", async () => {
    const { store, db, drop } = await setup();
    await db.schema.dropTable("spoc_cursors").execute();
    await expect(store.getCursor(fx.a, "k")).rejects.toSatisfy((e: unknown) => isStoreError(e, "Unknown"));
    await drop();
  });

  it("claims are released only by the worker that holds them", async () => {
    const { store, drop } = await setup();
    const id = "t-3" as TicketId;
    const e1: TicketEvent[] = [...opening(fx.a, id, 1), { type: "DeadlineSet", at: 1, by: fx.system, nextDeadline: 10, reason: "t" }];
    await store.append({ serviceId: fx.a, ticketId: id, expectedVersion: 0, events: e1, ticket: fold(e1) });
    await store.claimDue(100, { limit: 5, leaseMs: 1000, workerId: "w1" });
    await store.releaseClaim(fx.a, id, "w2");
    expect(await store.claimDue(100, { limit: 5, leaseMs: 1000, workerId: "w2" })).toEqual([]);
    await store.releaseClaim(fx.a, id, "w1");
    expect(await store.claimDue(100, { limit: 5, leaseMs: 1000, workerId: "w2" })).toHaveLength(1);
    await drop();
  });

  it("appendMany writes batches larger than one multi-row insert, and streamEvents pages through them in order", async () => {
    const { store, drop } = await setup();
    const requests = Array.from({ length: 1100 }, (_, i) => {
      const id = `b-${String(i).padStart(5, "0")}` as TicketId;
      const events: TicketEvent[] = [...opening(fx.a, id, 10_000 + i), { type: "FieldsChanged", at: 20_000 + i, by: fx.system, tags: ["bulk"] }];
      return { serviceId: fx.a, ticketId: id, expectedVersion: 0, events, ticket: fold(events) };
    });
    await store.appendMany?.(requests);
    const seen: string[] = [];
    for await (const e of store.streamEvents?.(fx.a) ?? []) seen.push(`${e.ticketId}/${e.version}`);
    expect(seen).toEqual(requests.flatMap((r) => [`${r.ticketId}/1`, `${r.ticketId}/2`]));
    await drop();
  });
});
