import { describe, expect, it } from "vitest";
import { agent, contact, ids, itSupport, system } from "../../test/it-support";
import { defaultServiceSettings } from "../service/schema";
import { StoreError } from "../store/errors";
import { memoryStore } from "../store/memory-store";
import type { Store } from "../store/port";
import { Forbidden } from "../ticket/errors";
import type { Ticket } from "../ticket/schema";
import { timeline } from "../timeline/timeline";

const T0 = Date.UTC(2026, 10, 2, 9, 0);
const billingList = "cl-billing";

/**
 * The scenario: Carla's Support ticket gets a public reply, her answer, an internal note and 45 billable
 * minutes at 60.00/h (45.00), and is closed. Billing shares Support's contact list or has its own.
 */
async function closedSupportTicket(lists: "shared" | "separate", store: Store = memoryStore()) {
  let now = T0;
  const desk = await itSupport({ store, clock: () => (now += 60_000) });
  if (lists === "separate") {
    await desk.configure.contactList(system, { id: billingList, name: "Billing customers" });
    await desk.configure.service(system, { id: ids.billing, key: "BILL", name: "Billing & Collections", contactListId: billingList, settings: defaultServiceSettings });
  }
  const s = ids.support;
  const t = await desk.openTicket(contact(ids.carla), { serviceId: s, subject: "Charged for a cancelled plan", description: "I cancelled in May.", channel: "web", requesterId: ids.carla });
  await desk.addMessage(agent(ids.tom), { serviceId: s, ticketId: t.id, kind: "reply", body: "We are checking your plan." });
  await desk.addMessage(contact(ids.carla), { serviceId: s, ticketId: t.id, kind: "customer", body: "Thanks, the order was 88." });
  await desk.addMessage(agent(ids.tom), { serviceId: s, ticketId: t.id, kind: "note", body: "Cancellation never reached billing; refund due." });
  await desk.logTime(agent(ids.tom), { serviceId: s, ticketId: t.id, minutes: 45, billable: true, rateCentsPerHour: 6000, note: "plan audit" });
  await desk.logTime(agent(ids.tom), { serviceId: s, ticketId: t.id, minutes: 10, billable: false });
  await desk.changeStatus(agent(ids.tom), { serviceId: s, ticketId: t.id, status: "resolved" });
  const source = await desk.changeStatus(agent(ids.tom), { serviceId: s, ticketId: t.id, status: "closed" });
  const handOff = (by: string = ids.tom, toServiceId: string = ids.billing) =>
    desk.handOff(agent(by), { serviceId: s, ticketId: source.id, toServiceId, reason: "refund the May charge" });
  const billingTickets = async () => (await desk.listTickets(system, ids.billing)).items;
  return { desk, source, handOff, billingTickets };
}

describe.each(["shared", "separate"] as const)("a hand-off from Support to Billing (%s contact list)", (lists) => {
  it("lets Billing's agent read the excerpt: messages, notes marked internal, the work log and the cost as numbers", async () => {
    const { desk, source, handOff, billingTickets } = await closedSupportTicket(lists);
    await handOff();
    const [received] = await billingTickets();
    const excerpt = await desk.handOffExcerpt(agent(ids.bea), ids.billing, (received as Ticket).id);
    expect(excerpt?.from).toEqual({ serviceId: ids.support, ticketId: source.id, number: source.number });
    expect(excerpt?.totals).toEqual({ timeMinutes: 55, billableMinutes: 45, costCents: 4500, currency: "EUR" });
    expect(excerpt?.messages.map((m) => [m.kind, m.internal, m.body])).toEqual([
      ["customer", false, "I cancelled in May."],
      ["reply", false, "We are checking your plan."],
      ["customer", false, "Thanks, the order was 88."],
      ["note", true, "Cancellation never reached billing; refund due."],
    ]);
    expect(excerpt?.messages[1]?.by).toEqual(agent(ids.tom));
    expect(excerpt?.workLog).toMatchObject([
      { agentId: ids.tom, minutes: 45, billable: true, rateCentsPerHour: 6000, costCents: 4500, note: "plan audit" },
      { agentId: ids.tom, minutes: 10, billable: false, costCents: 0 },
    ]);
    expect(excerpt?.handedOffBy).toEqual(agent(ids.tom));
  });

  it("writes the excerpt in the receiving ticket's opening, right after TicketOpened", async () => {
    const { desk, handOff, billingTickets } = await closedSupportTicket(lists);
    await handOff();
    const [received] = await billingTickets();
    const history = await desk.history(agent(ids.bea), ids.billing, (received as Ticket).id);
    expect(history.slice(0, 2).map((e) => [e.version, e.event.type])).toEqual([[1, "TicketOpened"], [2, "HandOffReceived"]]);
  });

  it("keeps the receiving ticket's description short and human", async () => {
    const { source, handOff, billingTickets } = await closedSupportTicket(lists);
    await handOff();
    const [received] = await billingTickets();
    expect(received?.description).toBe(`Handed off from ${source.number} (Customer Support): "Charged for a cancelled plan". ` +
      "The source ticket's messages, work log and cost are attached as a hand-off excerpt.");
  });

  it("shows the excerpt in the timeline with its totals", async () => {
    const { desk, source, handOff, billingTickets } = await closedSupportTicket(lists);
    await handOff();
    const [received] = await billingTickets();
    const lines = timeline((await desk.history(agent(ids.bea), ids.billing, (received as Ticket).id)).map((e) => e.event));
    expect(lines.some((l) => l.endsWith(`received from ${source.number} (Customer Support): 4 messages (1 internal), 55 min logged (45 billable), cost 45.00 EUR`))).toBe(true);
  });

  it("still refuses a Billing agent reading the Support ticket directly", async () => {
    const { desk, source, handOff } = await closedSupportTicket(lists);
    await handOff();
    await expect(desk.getTicket(agent(ids.bea), ids.support, source.id)).rejects.toBeInstanceOf(Forbidden);
    await expect(desk.history(agent(ids.bea), ids.support, source.id)).rejects.toBeInstanceOf(Forbidden);
  });

  it("never shows the excerpt to a contact, not even the receiving ticket's requester", async () => {
    const { desk, handOff, billingTickets } = await closedSupportTicket(lists);
    await handOff();
    const [received] = await billingTickets();
    await expect(desk.handOffExcerpt(contact((received as Ticket).requesterId), ids.billing, (received as Ticket).id)).rejects.toBeInstanceOf(Forbidden);
  });

  it("returns the same Billing ticket and opens nothing when the same ticket is handed to Billing again", async () => {
    const { desk, source, handOff, billingTickets } = await closedSupportTicket(lists);
    const first = await handOff();
    const [received] = await billingTickets();
    const billingVersion = (received as Ticket).version;
    const second = await handOff(ids.boss);
    expect(second.handedOffTo).toEqual(first.handedOffTo);
    expect(second.version).toBe(first.version);
    expect(await billingTickets()).toHaveLength(1);
    expect((await desk.getTicket(system, ids.billing, (received as Ticket).id)).version).toBe(billingVersion);
    const handedOff = (await desk.history(system, ids.support, source.id)).filter((e) => e.event.type === "HandedOff");
    expect(handedOff).toHaveLength(1);
  });

  it("allows handing the same ticket to a different service", async () => {
    const { desk, handOff, billingTickets } = await closedSupportTicket(lists);
    await desk.configure.service(system, { id: "svc-legal", key: "LEGAL", name: "Legal", contactListId: ids.list, settings: defaultServiceSettings });
    await handOff();
    const after = await handOff(ids.tom, "svc-legal");
    expect(after.handedOffTo.map((r) => r.serviceId)).toEqual([ids.billing, "svc-legal"]);
    expect(await billingTickets()).toHaveLength(1);
    expect((await desk.listTickets(system, "svc-legal")).items).toHaveLength(1);
  });

  it("lets a plain agent of the source service hand off by default", async () => {
    const { handOff, billingTickets } = await closedSupportTicket(lists);
    const after = await handOff(ids.tom);
    expect(after.handedOffTo).toHaveLength(1);
    expect(await billingTickets()).toHaveLength(1);
  });

  it("refuses a role the source service's handOffRoles setting leaves out, and opens nothing", async () => {
    const { desk, handOff, billingTickets } = await closedSupportTicket(lists);
    await desk.configure.service(system, {
      id: ids.support, key: "IT", name: "Customer Support", contactListId: ids.list, settings: { ...defaultServiceSettings, handOffRoles: ["lead", "admin"] },
    });
    await expect(handOff(ids.tom)).rejects.toBeInstanceOf(Forbidden);
    expect(await billingTickets()).toHaveLength(0);
    await handOff(ids.boss);
    expect(await billingTickets()).toHaveLength(1);
  });
});

describe("the hand-off settings", () => {
  it("gives the excerpt's totals the source service's currency setting", async () => {
    const { desk, handOff, billingTickets } = await closedSupportTicket("shared");
    await desk.configure.service(system, {
      id: ids.support, key: "IT", name: "Customer Support", contactListId: ids.list, settings: { ...defaultServiceSettings, currency: "USD" },
    });
    await handOff();
    const [received] = await billingTickets();
    expect((await desk.handOffExcerpt(agent(ids.bea), ids.billing, (received as Ticket).id))?.totals).toMatchObject({ costCents: 4500, currency: "USD" });
  });

  it("refuses a currency that is not an ISO 4217 code or an unknown role, naming the field, and keeps the service as it was", async () => {
    const { desk } = await closedSupportTicket("shared");
    const support = { id: ids.support, key: "IT", name: "Customer Support", contactListId: ids.list };
    await expect(desk.configure.service(system, { ...support, settings: { ...defaultServiceSettings, currency: "euro" } }))
      .rejects.toMatchObject({ _tag: "InvalidInput", issues: [expect.objectContaining({ path: "settings.currency" })] });
    // @ts-expect-error "owner" is no role (the type says so too; the Desk still decodes what a JS host passes).
    await expect(desk.configure.service(system, { ...support, settings: { ...defaultServiceSettings, handOffRoles: ["agent", "owner"] } }))
      .rejects.toMatchObject({ _tag: "InvalidInput", issues: [expect.objectContaining({ path: "settings.handOffRoles.1" })] });
    expect((await desk.store.getService(ids.support as never))?.settings).toEqual(defaultServiceSettings);
  });
});

describe("hand-off idempotency across failures", () => {
  it("a retry after the source's write failed finds the receiving ticket instead of opening a second", async () => {
    let failSupport = 0;
    const inner = memoryStore();
    const flaky: Store = Object.assign(Object.create(inner) as Store, {
      append: async (req: Parameters<Store["append"]>[0]) => {
        if (req.serviceId === ids.support && failSupport-- > 0) throw new StoreError({ reason: "Unavailable", message: "support database down" });
        return inner.append(req);
      },
    });
    const { handOff, billingTickets } = await closedSupportTicket("shared", flaky);
    // Down for longer than the Desk's own retries of an unavailable store.
    failSupport = 100;
    await expect(handOff()).rejects.toMatchObject({ reason: "Unavailable" });
    expect(await billingTickets()).toHaveLength(1);
    failSupport = 0;
    const retried = await handOff();
    const [received] = await billingTickets();
    expect(retried.handedOffTo).toEqual([{ serviceId: ids.billing, ticketId: (received as Ticket).id, number: "BILL-000001" }]);
    expect(await billingTickets()).toHaveLength(1);
  });
});

describe("the requester of a hand-off to a service with its own contact list", () => {
  it("never overwrites a contact of the other list that has the requester's id (the impostor keeps no reply path)", async () => {
    const { desk, handOff, billingTickets } = await closedSupportTicket("separate");
    const impostor = { id: ids.carla, contactListId: billingList, name: "Mallory", emails: ["mallory@evil.example"], phones: [] };
    await desk.configure.contact(system, impostor);
    await handOff();
    expect(await desk.store.getContact(billingList as never, ids.carla as never)).toEqual(impostor);
    const [received] = await billingTickets();
    expect(received?.requesterId).not.toBe(ids.carla);
    const requester = await desk.store.getContact(billingList as never, (received as Ticket).requesterId);
    expect(requester).toMatchObject({ name: "Carla Díaz", emails: ["carla@acme.example"], contactListId: billingList });
  });

  it("uses the contact of the other list that has one of the requester's emails", async () => {
    const { desk, handOff, billingTickets } = await closedSupportTicket("separate");
    await desk.configure.contact(system, { id: "c-carla-billing", contactListId: billingList, name: "C. Díaz", emails: ["CARLA@acme.example"], phones: [] });
    await handOff();
    const [received] = await billingTickets();
    expect(received?.requesterId).toBe("c-carla-billing");
    expect((await desk.store.getContact(billingList as never, "c-carla-billing" as never))?.name).toBe("C. Díaz");
  });
});
