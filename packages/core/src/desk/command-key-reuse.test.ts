import { describe, expect, it } from "vitest";
import { agent, ids, itSupport } from "../../test/it-support";
import { isStoreError } from "../store/errors";
import { memoryStore } from "../store/memory-store";
import { createDesk } from "./promise";

// attack20: a host's idempotency key is the caller's, not the service's. Two clients that number
// their requests from 1, or a second command sent with a stale key, were answered "applied" with
// the first command's ticket while their own command was dropped without a word.
const setUp = async () => {
  const store = memoryStore();
  await itSupport({ store });
  const desk = createDesk({ store });
  const t1 = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "VPN", channel: "web", requesterId: ids.dan });
  const t2 = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "Printer", channel: "web", requesterId: ids.dan });
  const notes = async (ticketId: string) =>
    (await store.readEvents(ids.support as never, ticketId as never)).filter((e) => e.event.type === "MessageAdded").map((e) => (e.event as { body: string }).body);
  return { store, desk, t1, t2, notes };
};
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe("a key is the caller's: another caller's same key is a command of their own", () => {
  it("another agent's command with the same key on the same ticket is applied", async () => {
    const { desk, t1, notes } = await setUp();
    await desk.addMessage(agent(ids.ana), { serviceId: ids.support, ticketId: t1.id, kind: "note", body: "from ana" }, { commandId: "1" });
    await desk.addMessage(agent(ids.tom), { serviceId: ids.support, ticketId: t1.id, kind: "note", body: "from tom" }, { commandId: "1" });
    await desk.addMessage(agent(ids.tom), { serviceId: ids.support, ticketId: t1.id, kind: "note", body: "from tom" }, { commandId: "1" });
    expect(await notes(t1.id)).toEqual(["from ana", "from tom"]);
  });

  it("another actor's opening with the same key opens their own ticket, and cannot block the first caller's", async () => {
    const { desk, store } = await setUp();
    // Tom uses Ana's next key first: it is his own key, so Ana's command still applies.
    const toms = await desk.openTicket(agent(ids.tom), { serviceId: ids.support, subject: "b", channel: "web", requesterId: ids.dan }, { commandId: "open" });
    const anas = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "a", channel: "web", requesterId: ids.dan }, { commandId: "open" });
    expect(anas.id).not.toBe(toms.id);
    const again = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "a", channel: "web", requesterId: ids.dan }, { commandId: "open" });
    expect(again.id).toBe(anas.id);
    expect((await store.listTickets(ids.support as never, {})).items.filter((t) => t.subject === "a" || t.subject === "b")).toHaveLength(2);
  });
});

describe("a key used again by the same caller for another command is refused, never answered as applied", () => {
  it("the same key on another ticket", async () => {
    const { desk, t1, t2, notes } = await setUp();
    await desk.addMessage(agent(ids.ana), { serviceId: ids.support, ticketId: t1.id, kind: "note", body: "one" }, { commandId: "k" });
    const e = await failure(desk.addMessage(agent(ids.ana), { serviceId: ids.support, ticketId: t2.id, kind: "note", body: "two" }, { commandId: "k" }));
    expect(isStoreError(e, "DuplicateCommand")).toBe(true);
    expect(await notes(t2.id)).toEqual([]);
  });
});
