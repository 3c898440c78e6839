import { describe, expect, it } from "vitest";
import { agent, contact, ids, itSupport, system } from "../../test/it-support";
import { StoreError } from "../store/errors";
import { memoryStore } from "../store/memory-store";
import type { AppendRequest, Store } from "../store/port";
import { InvalidInput } from "../validation/invalid-input";
import { createDesk } from "./promise";

const lostAnswer = () => new StoreError({ reason: "Unavailable", message: "Connection terminated unexpectedly" });

/**
 * A memory store whose next `count` appends commit and then throw `Unavailable`: the answer of a
 * committed transaction lost with its connection. Records every append request.
 */
const answerLosingStore = () => {
  const inner = memoryStore();
  const seen: AppendRequest[] = [];
  let lose = 0;
  const store: Store = Object.assign(Object.create(inner) as Store, {
    async append(req: AppendRequest) {
      seen.push(req);
      await inner.append(req);
      if (lose > 0) {
        lose--;
        throw lostAnswer();
      }
    },
  });
  return { store, seen, loseNext: (n = 1) => { lose = n; } };
};

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

const setUp = async (newId?: () => string) => {
  const s = answerLosingStore();
  await itSupport({ store: s.store });
  const desk = createDesk({ store: s.store, storeRetry: { times: 3, baseDelayMs: 1 }, ...(newId ? { newId } : {}) });
  const t = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "VPN", channel: "web", requesterId: ids.dan });
  return { ...s, desk, t };
};

const notes = async (store: Store, ticketId: string) =>
  (await store.readEvents(ids.support as never, ticketId as never)).filter((e) => e.event.type === "MessageAdded" && e.event.kind === "note");

describe("a command applies exactly once", () => {
  it("a note whose commit's answer was lost is retried and recorded once, and the caller gets the ticket", async () => {
    const { desk, store, t, loseNext } = await setUp();
    loseNext();
    const after = await desk.addMessage(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, kind: "note", body: "once" });
    expect(await notes(store, t.id)).toHaveLength(1);
    expect(after.version).toBe((await store.getTicket(ids.support as never, t.id as never))?.version);
  });

  it("an opening whose answer was lost opens one ticket, not two", async () => {
    const { desk, store, loseNext } = await setUp();
    const before = (await store.listTickets(ids.support as never, {})).items.length;
    loseNext();
    const opened = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "printer", channel: "web", requesterId: ids.dan });
    const all = (await store.listTickets(ids.support as never, {})).items;
    expect(all).toHaveLength(before + 1);
    expect(all.some((x) => x.id === opened.id)).toBe(true);
  });

  it("a retry whose command would now be refused still answers with the first application (status change)", async () => {
    const { desk, store, t, loseNext } = await setUp();
    loseNext();
    // Deciding "resolve" again on a resolved ticket is a no-op or a rejection; the lookup answers first.
    const after = await desk.changeStatus(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, status: "resolved" });
    expect(after.status).toBe("resolved");
    const changes = (await store.readEvents(ids.support as never, t.id as never)).filter((e) => e.event.type === "StatusChanged");
    expect(changes).toHaveLength(1);
  });

  it("the host's idempotency key: the same key twice changes nothing the second time and answers with the same ticket", async () => {
    const { desk, store, t } = await setUp();
    const input = { serviceId: ids.support, ticketId: t.id, kind: "note" as const, body: "host retry" };
    const first = await desk.addMessage(agent(ids.ana), input, { commandId: "req-42" });
    const second = await desk.addMessage(agent(ids.ana), input, { commandId: "req-42" });
    expect(await notes(store, t.id)).toHaveLength(1);
    expect(second).toEqual(first);
    const opened1 = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "a", channel: "web", requesterId: ids.dan }, { commandId: "open-1" });
    const opened2 = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "a", channel: "web", requesterId: ids.dan }, { commandId: "open-1" });
    expect(opened2.id).toBe(opened1.id);
  });

  it("the store records the command id with the events; without a key the Desk makes one from its id source", async () => {
    let n = 0;
    const { desk, seen, t } = await setUp(() => `id-${++n}`);
    await desk.addMessage(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, kind: "note", body: "x" }, { commandId: "k-1" });
    expect(seen.at(-1)?.commandId).toMatch(/^[0-9a-f]{16}:k-1$/); // the key, as the caller's
    await desk.addMessage(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, kind: "note", body: "y" });
    expect(seen.at(-1)?.commandId).toMatch(/^id-\d+$/);
    const generated = new Set(seen.map((r) => r.commandId));
    expect(generated.size).toBe(seen.length);
  });

  it("a key is scoped to its service and checked as the caller: another actor's key does not reveal their ticket", async () => {
    const { desk, t } = await setUp();
    await desk.addMessage(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, kind: "note", body: "x" }, { commandId: "shared" });
    // A contact who is not the requester replays the key: the key is Ana's, not theirs, so it is a
    // new command of theirs, refused as theirs would be (Forbidden), never answered with Ana's ticket.
    const e = await failure(desk.addMessage(contact(ids.carla), { serviceId: ids.support, ticketId: t.id, kind: "customer", body: "y" }, { commandId: "shared" }));
    expect(e).toMatchObject({ _tag: "Forbidden" });
    expect(JSON.stringify(e)).not.toContain("VPN");
  });

  it("a malformed key is InvalidInput naming commandId, and nothing is written", async () => {
    const { desk, store, t } = await setUp();
    for (const bad of ["", "x".repeat(201), "a\u0000b", "\ud800"]) {
      const e = await failure(desk.addMessage(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, kind: "note", body: "n" }, { commandId: bad }));
      expect(e).toBeInstanceOf(InvalidInput);
      expect((e as InvalidInput).issues[0]?.path).toBe("commandId");
    }
    expect(await notes(store, t.id)).toHaveLength(0);
  });

  it("a store that refuses the append as a duplicate command gives the first application's ticket, not an error", async () => {
    const inner = memoryStore();
    await itSupport({ store: inner });
    const desk = createDesk({ store: inner });
    const t = await desk.openTicket(system, { serviceId: ids.support, subject: "x", channel: "web", requesterId: ids.dan });
    // Two concurrent runs with one key: one writes, the other is refused by the store and answers with it.
    const [a, b] = await Promise.all([0, 1].map((i) =>
      desk.addMessage(system, { serviceId: ids.support, ticketId: t.id, kind: "note", body: `n${i}` }, { commandId: "race" })));
    expect(a?.version).toBe(b?.version);
    expect(await notes(inner, t.id)).toHaveLength(1);
  });
});
