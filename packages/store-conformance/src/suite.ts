import { appendAll, eventsOf, fold, isStoreError, type ServiceId, type Store, type TicketId } from "@spoc/core";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apply, fx, note, openingEvents, seed } from "./fixtures";
import { searchConformance } from "./search-suite";

/**
 * A fresh, empty store for one test, and how to dispose of it.
 * @example
 * const handle: StoreHandle = { store: opened.store, cleanup: () => opened.close() }
 */
export interface StoreHandle {
  readonly store: Store;
  /** Run after the test (close connections, drop the scratch database). */
  readonly cleanup?: () => Promise<void>;
}

/**
 * Options of the conformance run.
 * @example
 * storeConformance({ name: "kysely/sqlite", concurrency: 4, makeStore: async () => ({ store: memoryStore() }) })
 */
export interface ConformanceOptions {
  /** Shown in test names, e.g. "kysely/sqlite". */
  readonly name: string;
  /** Makes an empty store; called once per test, so tests never depend on each other. */
  readonly makeStore: () => Promise<StoreHandle>;
  /** Concurrent writers to use in the race tests (default 8). */
  readonly concurrency?: number;
}

const tid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}` as TicketId;

/**
 * The contract every `Store` adapter passes: call it from the adapter's own vitest file.
 * @example storeConformance({ name: "memory", makeStore: async () => ({ store: memoryStore() }) })
 */
export function storeConformance(options: ConformanceOptions): void {
  const k = options.concurrency ?? 8;
  describe(`Store conformance: ${options.name}`, () => {
    let handle: StoreHandle;
    let store: Store;
    beforeEach(async () => {
      handle = await options.makeStore();
      store = handle.store;
    });
    afterEach(async () => {
      await handle.cleanup?.();
    });

    it("appends at the expected version and rejects a stale one with a VersionConflict", async () => {
      await seed(store);
      const opened = openingEvents(fx.a, tid(1), "AA-1", 1000);
      const t1 = apply(undefined, opened);
      await store.append({ serviceId: fx.a, ticketId: tid(1), expectedVersion: 0, events: opened, ticket: t1 });
      const e2 = [note(2000, "second")];
      await store.append({ serviceId: fx.a, ticketId: tid(1), expectedVersion: 1, events: e2, ticket: apply(t1, e2) });
      const stale = store.append({ serviceId: fx.a, ticketId: tid(1), expectedVersion: 1, events: [note(3000, "stale")], ticket: t1 });
      await expect(stale).rejects.toSatisfy((e: unknown) => isStoreError(e, "VersionConflict"));
      const events = await store.readEvents(fx.a, tid(1));
      expect(events.map((e) => e.version)).toEqual([1, 2]);
      expect((await store.getTicket(fx.a, tid(1)))?.version).toBe(2);
    });

    it("two concurrent appenders on one ticket: exactly one conflicts and nothing is lost", async () => {
      await seed(store);
      const opened = openingEvents(fx.a, tid(2), "AA-2", 1000);
      const t1 = apply(undefined, opened);
      await store.append({ serviceId: fx.a, ticketId: tid(2), expectedVersion: 0, events: opened, ticket: t1 });
      const attempts = Array.from({ length: 2 }, (_, i) => {
        const ev = [note(2000 + i, `writer ${i}`)];
        return store.append({ serviceId: fx.a, ticketId: tid(2), expectedVersion: 1, events: ev, ticket: apply(t1, ev) });
      });
      const results = await Promise.allSettled(attempts);
      const rejected = results.filter((r) => r.status === "rejected");
      expect(rejected).toHaveLength(1);
      expect(isStoreError((rejected[0] as PromiseRejectedResult).reason, "VersionConflict")).toBe(true);
      const events = await store.readEvents(fx.a, tid(2));
      expect(events).toHaveLength(2);
      expect(fold(events.map((e) => e.event))).toEqual(await store.getTicket(fx.a, tid(2)));
    });

    it("concurrent Desk commands on one ticket all land, retried after conflicts, none lost", async () => {
      const desk = await seed(store);
      const t = await desk.openTicket(fx.system, { serviceId: fx.a, subject: "busy", channel: "api", requesterId: fx.requester });
      await Promise.all(Array.from({ length: k }, (_, i) =>
        desk.addMessage(fx.system, { serviceId: fx.a, ticketId: t.id, kind: "note", body: `note ${i}` })));
      const events = await store.readEvents(fx.a, t.id);
      expect(events.filter((e) => e.event.type === "MessageAdded")).toHaveLength(k);
      expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    });

    it("the projection equals the fold of the history after random command sequences", async () => {
      const desk = await seed(store);
      const commands = fc.array(fc.constantFrom("reply", "note", "pending", "open", "resolve", "priority", "tag", "time"), { maxLength: 12 });
      await fc.assert(fc.asyncProperty(commands, async (steps) => {
        const t = await desk.openTicket(fx.system, { serviceId: fx.a, subject: "p", channel: "web", requesterId: fx.requester });
        for (const step of steps) {
          const base = { serviceId: fx.a, ticketId: t.id };
          const run = {
            reply: () => desk.addMessage(fx.system, { ...base, kind: "reply", body: "r" }),
            note: () => desk.addMessage(fx.system, { ...base, kind: "note", body: "n" }),
            pending: () => desk.changeStatus(fx.system, { ...base, status: "pending-customer" }),
            open: () => desk.changeStatus(fx.system, { ...base, status: "open" }),
            resolve: () => desk.changeStatus(fx.system, { ...base, status: "resolved" }),
            priority: () => desk.changePriority(fx.system, { ...base, priority: "urgent" }),
            tag: () => desk.updateFields(fx.system, { ...base, addTags: ["x"] }),
            time: () => desk.logTime(fx.system, { ...base, minutes: 5, billable: true, rateCentsPerHour: 6000, agentId: fx.agentA }),
          }[step];
          await run().catch(() => undefined); // illegal transitions are expected; they must change nothing
        }
        const events = await store.readEvents(fx.a, t.id);
        expect(fold(events.map((e) => e.event))).toEqual(await store.getTicket(fx.a, t.id));
      }), { numRuns: 15 });
    });

    it("what service A writes is never visible through service B", async () => {
      const desk = await seed(store);
      const t = await desk.openTicket(fx.system, { serviceId: fx.a, subject: "secret", channel: "email", requesterId: fx.requester, externalId: "<a@x>" });
      expect(await store.getTicket(fx.b, t.id)).toBeUndefined();
      expect(await store.readEvents(fx.b, t.id)).toEqual([]);
      expect(await store.getTicketByNumber(fx.b, t.number)).toBeUndefined();
      expect(await store.findTicketByExternalId(fx.b, "<a@x>")).toBeUndefined();
      expect((await store.listTickets(fx.b, {})).items).toEqual([]);
      expect(await store.findTicketByExternalId(fx.a, "<a@x>")).toBe(t.id);
      await expect(desk.getTicket({ kind: "agent", id: fx.agentB }, fx.b, t.id)).rejects.toThrow();
      await expect(desk.getTicket({ kind: "agent", id: fx.agentB }, fx.a, t.id)).rejects.toThrow();
    });

    it("ticket numbers stay unique under concurrent allocation, per service", async () => {
      await seed(store);
      const a = await Promise.all(Array.from({ length: k * 4 }, () => store.allocateTicketNumber(fx.a)));
      const b = await Promise.all(Array.from({ length: k }, () => store.allocateTicketNumber(fx.b)));
      expect(new Set(a).size).toBe(a.length);
      expect(new Set(b).size).toBe(b.length);
      expect(Math.min(...b)).toBe(1);
    });

    it("a block of ticket numbers is consecutive and shares the counter with single numbers (when the store allocates blocks)", async () => {
      if (!store.allocateTicketNumberBlock) return;
      await seed(store);
      const one = await store.allocateTicketNumber(fx.a);
      const [first, second] = await Promise.all([store.allocateTicketNumberBlock(fx.a, 3), store.allocateTicketNumberBlock(fx.a, 2)]);
      const taken = [one, ...[0, 1, 2].map((i) => (first as number) + i), ...[0, 1].map((i) => (second as number) + i), await store.allocateTicketNumber(fx.a)];
      expect(new Set(taken).size).toBe(taken.length);
      expect(Math.max(...taken)).toBe(one + 6);
      await expect(store.allocateTicketNumberBlock(fx.a, 0)).rejects.toThrow();
    });

    it("a released block is handed out again only while nothing was allocated after it (when the store releases blocks)", async () => {
      if (!store.allocateTicketNumberBlock || !store.releaseTicketNumberBlock) return;
      await seed(store);
      const first = await store.allocateTicketNumberBlock(fx.a, 5);
      // The last two of the five go back: the counter ends at first + 2 again.
      expect(await store.releaseTicketNumberBlock(fx.a, first + 3, 2)).toBe(true);
      expect(await store.allocateTicketNumber(fx.a)).toBe(first + 3);
      // Something was allocated after this block: giving it back would hand out a number twice.
      const block = await store.allocateTicketNumberBlock(fx.a, 3);
      const after = await store.allocateTicketNumber(fx.a);
      expect(await store.releaseTicketNumberBlock(fx.a, block, 3)).toBe(false);
      expect(await store.allocateTicketNumber(fx.a)).toBe(after + 1);
      // Another service's counter is its own.
      expect(await store.releaseTicketNumberBlock(fx.b, block, 3)).toBe(false);
      await expect(store.releaseTicketNumberBlock(fx.a, 0, 1)).rejects.toThrow();
    });

    it("an inbound message id stored twice is rejected as a duplicate and the append changes nothing", async () => {
      await seed(store);
      const opened = [...openingEvents(fx.a, tid(3), "AA-3", 1000), note(1001, "hello", "<m1@example.org>")];
      const t = apply(undefined, opened);
      await store.append({ serviceId: fx.a, ticketId: tid(3), expectedVersion: 0, events: opened, ticket: t });
      const again = [note(2000, "again", "<m1@example.org>")];
      await expect(store.append({ serviceId: fx.a, ticketId: tid(3), expectedVersion: 2, events: again, ticket: apply(t, again) }))
        .rejects.toSatisfy((e: unknown) => isStoreError(e, "DuplicateMessageId"));
      expect(await store.readEvents(fx.a, tid(3))).toHaveLength(2);
      // The same id in another service is a different message.
      const other = [...openingEvents(fx.b, tid(4), "BB-1", 1000), note(1001, "hello", "<m1@example.org>")];
      await store.append({ serviceId: fx.b, ticketId: tid(4), expectedVersion: 0, events: other, ticket: apply(undefined, other) });
    });

    it("a command id is applied once per service: a second append with it is a DuplicateCommand and changes nothing", async () => {
      await seed(store);
      const opened = openingEvents(fx.a, tid(11), "AA-11", 1000);
      const t = apply(undefined, opened);
      await store.append({ serviceId: fx.a, ticketId: tid(11), expectedVersion: 0, events: opened, ticket: t, commandId: "cmd-1" });
      expect(await store.findCommand(fx.a, "cmd-1")).toBe(tid(11));
      expect(await store.findCommand(fx.a, "cmd-2")).toBeUndefined();
      // The same ticket at the right version, and another ticket (a retried opening gets a new id): both refused.
      const again = [note(2000, "again")];
      await expect(store.append({ serviceId: fx.a, ticketId: tid(11), expectedVersion: 1, events: again, ticket: apply(t, again), commandId: "cmd-1" }))
        .rejects.toSatisfy((e: unknown) => isStoreError(e, "DuplicateCommand"));
      const other = openingEvents(fx.a, tid(12), "AA-12", 1000);
      await expect(store.append({ serviceId: fx.a, ticketId: tid(12), expectedVersion: 0, events: other, ticket: apply(undefined, other), commandId: "cmd-1" }))
        .rejects.toSatisfy((e: unknown) => isStoreError(e, "DuplicateCommand"));
      expect(await store.readEvents(fx.a, tid(11))).toHaveLength(1);
      expect(await store.getTicket(fx.a, tid(12))).toBeUndefined();
      expect(await store.readEvents(fx.a, tid(12))).toEqual([]);
      // A failed append records nothing: its command id stays free.
      const stale = [note(3000, "stale")];
      await expect(store.append({ serviceId: fx.a, ticketId: tid(11), expectedVersion: 5, events: stale, ticket: apply(t, stale), commandId: "cmd-3" }))
        .rejects.toSatisfy((e: unknown) => isStoreError(e, "VersionConflict"));
      expect(await store.findCommand(fx.a, "cmd-3")).toBeUndefined();
      // Another service's command ids are its own.
      const inB = openingEvents(fx.b, tid(13), "BB-13", 1000);
      await store.append({ serviceId: fx.b, ticketId: tid(13), expectedVersion: 0, events: inB, ticket: apply(undefined, inB), commandId: "cmd-1" });
      expect(await store.findCommand(fx.b, "cmd-1")).toBe(tid(13));
      expect(await store.findCommand(fx.a, "cmd-1")).toBe(tid(11));
    });

    it("concurrent appends with one command id on different tickets: exactly one lands", async () => {
      await seed(store);
      const results = await Promise.allSettled(Array.from({ length: k }, (_, i) => {
        const ev = openingEvents(fx.a, tid(20 + i), `AA-${20 + i}`, 1000);
        return store.append({ serviceId: fx.a, ticketId: tid(20 + i), expectedVersion: 0, events: ev, ticket: apply(undefined, ev), commandId: "burst" });
      }));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect(isStoreError(r.reason, "DuplicateCommand")).toBe(true);
      expect((await store.listTickets(fx.a, {})).items).toHaveLength(1);
    });

    it("a batch repeating a recorded command id is refused whole (when the store appends batches)", async () => {
      if (!store.appendMany) return;
      await seed(store);
      const first = openingEvents(fx.a, tid(30), "AA-30", 1000);
      await store.append({ serviceId: fx.a, ticketId: tid(30), expectedVersion: 0, events: first, ticket: apply(undefined, first), commandId: "batch-1" });
      const a = openingEvents(fx.a, tid(31), "AA-31", 1000);
      const b = openingEvents(fx.a, tid(32), "AA-32", 1000);
      await expect(store.appendMany([
        { serviceId: fx.a, ticketId: tid(31), expectedVersion: 0, events: a, ticket: apply(undefined, a), commandId: "batch-2" },
        { serviceId: fx.a, ticketId: tid(32), expectedVersion: 0, events: b, ticket: apply(undefined, b), commandId: "batch-1" },
      ])).rejects.toSatisfy((e: unknown) => isStoreError(e, "DuplicateCommand"));
      expect(await store.getTicket(fx.a, tid(31))).toBeUndefined();
      expect(await store.findCommand(fx.a, "batch-2")).toBeUndefined();
    });

    it("the Desk treats a redelivered message as already handled: one ticket, one message", async () => {
      const desk = await seed(store);
      const open = { serviceId: fx.a, subject: "mail", channel: "email", requesterId: fx.requester, description: "hi", externalId: "<dup@x>" } as const;
      const [t1, t2] = await Promise.all([desk.openTicket(fx.system, open), desk.openTicket(fx.system, open)]);
      expect(t1.id).toBe(t2.id);
      expect((await store.listTickets(fx.a, {})).items).toHaveLength(1);
    });

    it("cursor pagination is stable while tickets are added", async () => {
      const desk = await seed(store);
      let now = 1_700_000_000_000;
      const timed = () => ({ at: (now += 1000) });
      for (let i = 0; i < 25; i++) await desk.openTicket(fx.system, { serviceId: fx.a, subject: `t${i}`, channel: "api", requesterId: fx.requester }, timed());
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await store.listTickets(fx.a, { limit: 7, ...(after ? { after } : {}) });
        seen.push(...page.items.map((t) => t.subject));
        // New tickets arrive between pages; they sort before the cursor and never shift later pages.
        await desk.openTicket(fx.system, { serviceId: fx.a, subject: "late", channel: "api", requesterId: fx.requester }, timed());
        after = page.nextCursor ?? undefined;
      } while (after);
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `t${24 - i}`));
    });

    it("list filters narrow by status, assignee and activity", async () => {
      const desk = await seed(store);
      const t1 = await desk.openTicket(fx.system, { serviceId: fx.a, subject: "one", channel: "api", requesterId: fx.requester });
      await desk.openTicket(fx.system, { serviceId: fx.a, subject: "two", channel: "api", requesterId: fx.requester });
      await desk.assign(fx.system, { serviceId: fx.a, ticketId: t1.id, agentId: fx.agentA });
      await desk.changeStatus(fx.system, { serviceId: fx.a, ticketId: t1.id, status: "resolved" });
      expect((await store.listTickets(fx.a, { active: true })).items.map((t) => t.subject)).toEqual(["two"]);
      expect((await store.listTickets(fx.a, { status: ["resolved"] })).items.map((t) => t.subject)).toEqual(["one"]);
      expect((await store.listTickets(fx.a, { assigneeId: fx.agentA })).items.map((t) => t.subject)).toEqual(["one"]);
      expect((await store.listTickets(fx.a, { assigneeId: null })).items.map((t) => t.subject)).toEqual(["two"]);
    });

    it("concurrent sweepers claim each due ticket once while the lease holds", async () => {
      const desk = await seed(store);
      const ids: TicketId[] = [];
      for (let i = 0; i < 6; i++) {
        const t = await desk.openTicket(fx.system, { serviceId: fx.a, subject: `due ${i}`, channel: "api", requesterId: fx.requester });
        const ev = [{ type: "DeadlineSet" as const, at: t.createdAt, by: fx.system, nextDeadline: 5_000 + i, reason: "test" }];
        await store.append({ serviceId: fx.a, ticketId: t.id, expectedVersion: t.version, events: ev, ticket: apply(t, ev) });
        ids.push(t.id);
      }
      const claims = await Promise.all(Array.from({ length: 4 }, (_, w) => store.claimDue(10_000, { limit: 6, leaseMs: 60_000, workerId: `w${w}` })));
      const claimed = claims.flat().map((c) => c.ticketId);
      expect(claimed.sort()).toEqual([...ids].sort());
      expect(await store.claimDue(10_000, { limit: 10, leaseMs: 60_000, workerId: "late" })).toEqual([]);
      // After the lease runs out, a ticket still due can be claimed again.
      expect((await store.claimDue(80_000, { limit: 10, leaseMs: 1, workerId: "next" })).length).toBe(6);
    });

    it("a released claim is claimable again at once; only its holder can release it; claims keep to a service", async () => {
      const desk = await seed(store);
      const due = async (serviceId: ServiceId, at: number) => {
        const t = await desk.openTicket(fx.system, { serviceId, subject: `due ${at}`, channel: "api", requesterId: fx.requester });
        const ev = [{ type: "DeadlineSet" as const, at: t.createdAt, by: fx.system, nextDeadline: at, reason: "test" }];
        await store.append({ serviceId, ticketId: t.id, expectedVersion: t.version, events: ev, ticket: apply(t, ev) });
        return t.id;
      };
      const first = await due(fx.a, 5_000);
      const second = await due(fx.a, 6_000);
      const lease = { leaseMs: 60_000 };
      const [one] = await store.claimDue(10_000, { ...lease, limit: 1, workerId: "w1" });
      expect(one).toEqual({ serviceId: fx.a, ticketId: first, nextDeadline: 5_000 });
      await store.releaseClaim(fx.a, first, "someone-else");
      expect((await store.claimDue(10_000, { ...lease, limit: 5, workerId: "w2" })).map((c) => c.ticketId)).toEqual([second]);
      await store.releaseClaim(fx.a, first, "w1");
      expect((await store.claimDue(10_000, { ...lease, limit: 5, workerId: "w3" })).map((c) => c.ticketId)).toEqual([first]);
      const other = await due(fx.b, 4_000);
      expect(await store.claimDue(10_000, { ...lease, limit: 5, workerId: "w4", serviceId: fx.a })).toEqual([]);
      expect((await store.claimDue(10_000, { ...lease, limit: 5, workerId: "w4", serviceId: fx.b })).map((c) => c.ticketId)).toEqual([other]);
    });

    it("an appended notification request lands in the outbox in the same write, and is delivered once", async () => {
      await seed(store);
      const opened = openingEvents(fx.a, tid(5), "AA-5", 1000);
      const ask = { type: "NotificationRequested" as const, at: 1500, by: fx.system, template: "ack", to: ["zoe@example.org"], data: { n: "Ζωή" } };
      const events = [...opened, ask];
      await store.append({ serviceId: fx.a, ticketId: tid(5), expectedVersion: 0, events, ticket: apply(undefined, events) });
      const [first, second] = await Promise.all([
        store.claimOutbox(2000, { limit: 10, leaseMs: 60_000, workerId: "w1" }),
        store.claimOutbox(2000, { limit: 10, leaseMs: 60_000, workerId: "w2" }),
      ]);
      const claimed = [...(first ?? []), ...(second ?? [])];
      expect(claimed).toHaveLength(1);
      expect(claimed[0]).toMatchObject({ id: `${tid(5)}:2`, template: "ack", to: ["zoe@example.org"], data: { n: "Ζωή" }, attempts: 0 });
      await store.markOutboxFailed(claimed[0]!.id, "421 try later", 5000);
      expect(await store.claimOutbox(4000, { limit: 10, leaseMs: 1, workerId: "w3" })).toEqual([]);
      const retried = await store.claimOutbox(5000, { limit: 10, leaseMs: 60_000, workerId: "w3" });
      expect(retried.map((i) => i.attempts)).toEqual([1]);
      await store.markOutboxSent(retried[0]!.id, 5001);
      expect(await store.claimOutbox(999_999, { limit: 10, leaseMs: 1, workerId: "w4" })).toEqual([]);
    });

    it("appends a batch of tickets all or nothing", async () => {
      await seed(store);
      const batch = [6, 7, 8].map((n) => {
        const events = [...openingEvents(fx.a, tid(n), `AA-${n}`, 1000 + n), note(2000 + n, `n${n}`, `<batch-${n}@x>`)];
        return { serviceId: fx.a, ticketId: tid(n), expectedVersion: 0, events, ticket: apply(undefined, events) };
      });
      if (!store.appendMany) console.warn(`${options.name}: no appendMany; appendAll falls back to one append per ticket`);
      await appendAll(store, batch.slice(0, 2));
      // A batch with one stale request (ticket 6 exists) writes nothing at all, where the store batches.
      const mixed = [batch[2]!, batch[0]!];
      await expect(appendAll(store, mixed)).rejects.toSatisfy((e: unknown) => isStoreError(e, "VersionConflict") || isStoreError(e, "DuplicateMessageId"));
      if (store.appendMany) expect(await store.getTicket(fx.a, tid(8))).toBeUndefined();
      expect(await store.findTicketByExternalId(fx.a, "<batch-6@x>")).toBe(tid(6));
      expect((await store.readEvents(fx.a, tid(7))).map((e) => e.version)).toEqual([1, 2]);
    });

    it("streams every event of one service in (ticket, version) order, and none of another", async () => {
      const desk = await seed(store);
      for (let i = 0; i < 3; i++) {
        const t = await desk.openTicket(fx.system, { serviceId: fx.a, subject: `a${i}`, channel: "api", requesterId: fx.requester });
        await desk.addMessage(fx.system, { serviceId: fx.a, ticketId: t.id, kind: "note", body: "n" });
      }
      await desk.openTicket(fx.system, { serviceId: fx.b, subject: "b", channel: "api", requesterId: fx.requester });
      const seen: Array<[string, number]> = [];
      for await (const e of eventsOf(store, fx.a)) {
        expect(e.serviceId).toBe(fx.a);
        seen.push([e.ticketId, e.version]);
      }
      expect(seen).toHaveLength(6);
      const sorted = [...seen].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]));
      expect(seen).toEqual(sorted);
    });

    it("keeps directory entries, configuration documents and cursors per service", async () => {
      await seed(store);
      expect((await store.getService(fx.a))?.key).toBe("AA");
      expect((await store.findContactByEmail(fx.list, "ZOE@example.org"))?.id).toBe(fx.requester);
      expect((await store.listAgents(fx.a)).map((a) => a.id)).toEqual([fx.agentA]);
      await store.putConfig(fx.a, "routing-rule", "r2", { n: 2 });
      await store.putConfig(fx.a, "routing-rule", "r1", { n: 1, name: "Ωμέγα" });
      expect(await store.listConfig(fx.a, "routing-rule")).toEqual([{ id: "r1", doc: { n: 1, name: "Ωμέγα" } }, { id: "r2", doc: { n: 2 } }]);
      expect(await store.listConfig(fx.b, "routing-rule")).toEqual([]);
      await store.deleteConfig(fx.a, "routing-rule", "r2");
      expect(await store.listConfig(fx.a, "routing-rule")).toHaveLength(1);
      await store.setCursor(fx.a, "rr", "ag-a");
      expect(await store.getCursor(fx.a, "rr")).toBe("ag-a");
      expect(await store.getCursor(fx.b, "rr")).toBeUndefined();
    });

    searchConformance(options, () => handle);
  });
}
