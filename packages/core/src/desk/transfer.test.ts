import { describe, expect, it } from "vitest";
import { agent, contact, ids, itSupport, system } from "../../test/it-support";
import { defaultServiceSettings } from "../service/schema";
import { StoreError } from "../store/errors";
import { memoryStore } from "../store/memory-store";
import type { Store } from "../store/port";
import type { Ticket } from "../ticket/schema";
import type { RoutingRuleInput } from "./inputs";

const T0 = Date.UTC(2026, 10, 2, 9, 0);

const rule = (id: string, serviceId: string, when: RoutingRuleInput["when"], actions: RoutingRuleInput["actions"],
  triggers: RoutingRuleInput["triggers"] = ["ticket-opened"]): RoutingRuleInput =>
  ({ id, serviceId, name: id, enabled: true, triggers, when, actions });

/** Support sends billing-looking tickets to Billing; Billing puts what it receives in its desk's queue. */
const billingWords: RoutingRuleInput["when"] = { any: [
  { field: "subject", op: "matches", pattern: "\\b(invoice|refund|charged)\\b", flags: "i" },
  { field: "body", op: "contains", value: "invoice" },
] };

async function company(store: Store = memoryStore()) {
  let now = T0;
  const desk = await itSupport({ store, clock: () => (now += 1_000) });
  await desk.configure.routingRules(system, ids.support, [
    rule("billing-to-billing", ids.support, billingWords, [{ type: "transfer-to-service", serviceId: ids.billing, reason: "a billing question" }], ["ticket-opened", "message-received"]),
    rule("default-l1", ids.support, { field: "group", op: "equals", value: null }, [{ type: "assign-group", groupId: ids.l1 }]),
  ]);
  await desk.configure.routingRules(system, ids.billing, [
    rule("billing-desk", ids.billing, { field: "service", op: "equals", value: ids.billing }, [{ type: "assign-group", groupId: ids.billingDesk }, { type: "add-tags", tags: ["from-support"] }]),
  ]);
  await desk.configure.sla(system, ids.billing, { policies: [{ id: "billing-standard", time: "calendar", targets: { "first-response": { high: 60, normal: 240 } } }] });
  return desk;
}

// Mail arrives through the email channel, which writes as the system (a contact sets no external id or priority).
const mail = { kind: "system", name: "email:carla@acme.example" } as const;
const invoiceMail = {
  serviceId: ids.support, subject: "Invoice 2231 charged twice", description: "Hello, my card was charged twice for invoice 2231.",
  channel: "email", requesterId: ids.carla, organizationId: "org-acme", priority: "high", category: "payments",
  tags: ["card"], customFields: { plan: "pro" }, externalId: "<mail-1@acme.example>",
} as const;

// What the contact's command returned, as the system reads it (a contact's own read hides links and groups).
const asSystem = async (desk: Awaited<ReturnType<typeof company>>, t: { serviceId: string; id: string }) => desk.getTicket(system, t.serviceId, t.id);

const billingTickets = async (desk: Awaited<ReturnType<typeof company>>) =>
  (await desk.listTickets(system, ids.billing)).items;

describe("transfer-to-service in the Desk", () => {
  it("moves a billing-looking Support ticket to Billing: the source leaves the queue with the link and a note naming the rule", async () => {
    const desk = await company();
    const source = await asSystem(desk, await desk.openTicket(mail, invoiceMail));
    expect(source.status).toBe("closed");
    expect(source.handedOffTo).toHaveLength(1);
    expect(source.handedOffTo[0]).toMatchObject({ serviceId: ids.billing, number: "BILL-000001" });
    expect((await desk.listTickets(system, ids.support, { active: true })).items).toHaveLength(0);
    const types = (await desk.history(system, ids.support, source.id)).map((e) => e.event);
    expect(types.map((e) => e.type)).toContain("TransferRequested");
    const closing = types.find((e) => e.type === "StatusChanged" && e.to === "closed");
    expect(closing).toMatchObject({ reason: "transferred to Billing & Collections as BILL-000001" });
    const note = types.find((e) => e.type === "MessageAdded" && e.kind === "note" && e.body.includes("BILL-000001"));
    expect(note).toMatchObject({ body: "Routing rule billing-to-billing transferred this ticket to Billing & Collections as BILL-000001: a billing question." });
    // The later Support rule still saw the ticket, but the SLA clocks there stopped with the close.
    expect((await desk.getTicket(system, ids.support, source.id)).nextDeadline).toBeNull();
  });

  it("opens a Billing ticket with the contents, on which Billing's own rules and SLA ran", async () => {
    const desk = await company();
    const source = await desk.openTicket(mail, invoiceMail);
    const [moved] = await billingTickets(desk);
    expect(moved).toMatchObject({
      serviceId: ids.billing, subject: invoiceMail.subject, requesterId: ids.carla, organizationId: "org-acme", channel: "email",
      priority: "high", category: "payments", customFields: { plan: "pro" }, status: "new",
      handedOffFrom: { serviceId: ids.support, ticketId: source.id, number: source.number },
      groupId: ids.billingDesk,
    });
    expect(moved?.tags).toEqual(["card", "from-support"]);
    expect(moved?.links).toEqual([{ kind: "related", ticket: { serviceId: ids.support, ticketId: source.id, number: source.number } }]);
    expect(moved?.sla).toMatchObject({ policyId: "billing-standard" });
    const history = (await desk.history(system, ids.billing, (moved as Ticket).id)).map((e) => e.event);
    const messages = history.flatMap((e) => (e.type === "MessageAdded" ? [[e.kind, e.body]] : []));
    expect(messages[0]?.[0]).toBe("note");
    expect(messages[0]?.[1]).toContain(`Transferred from ${source.number} (Customer Support) by routing rule billing-to-billing: a billing question.`);
    expect(messages[1]).toEqual(["customer", invoiceMail.description]);
  });

  it("carries the customer's later messages when a message triggers the transfer", async () => {
    const desk = await company();
    const t = await asSystem(desk, await desk.openTicket(contact(ids.carla), { serviceId: ids.support, subject: "Portal question", description: "How do I log in?", channel: "web", requesterId: ids.carla }));
    expect(t.groupId).toBe(ids.l1);
    const after = await desk.addMessage(contact(ids.carla), { serviceId: ids.support, ticketId: t.id, kind: "customer", body: "Also, where is my invoice?" });
    expect(after.status).toBe("closed");
    const [moved] = await billingTickets(desk);
    const history = (await desk.history(system, ids.billing, (moved as Ticket).id)).map((e) => e.event);
    const customer = history.flatMap((e) => (e.type === "MessageAdded" && e.kind === "customer" ? [e.body] : []));
    expect(customer).toEqual(["How do I log in?", "Also, where is my invoice?"]);
    expect(moved?.channel).toBe("web");
  });

  it("never opens a second Billing ticket: a redelivered message, concurrent retries, or a retry after a failed transfer", async () => {
    // Down for the first try and the Desk's 3 retries, so the first run does fail.
    let failBilling = 4;
    const inner = memoryStore();
    const flaky: Store = Object.assign(Object.create(inner) as Store, {
      append: async (req: Parameters<Store["append"]>[0]) => {
        if (req.serviceId === ids.billing && failBilling-- > 0) throw new StoreError({ reason: "Unavailable", message: "billing database down" });
        return inner.append(req);
      },
    });
    const desk = await company(flaky);
    // The first run writes the request on the Support ticket, then fails to open the Billing ticket.
    await expect(desk.openTicket(mail, invoiceMail)).rejects.toMatchObject({ reason: "Unavailable" });
    expect(await billingTickets(desk)).toHaveLength(0);
    const [stuck] = (await desk.listTickets(system, ids.support)).items;
    expect(stuck?.status).toBe("new");
    // The mail arrives again (twice at once): the pending transfer is finished exactly once.
    const [a, b] = await Promise.all([desk.openTicket(mail, invoiceMail), desk.openTicket(mail, invoiceMail)]);
    expect([a.id, b.id]).toEqual([stuck?.id, stuck?.id]);
    expect(await billingTickets(desk)).toHaveLength(1);
    const again = await asSystem(desk, await desk.openTicket(mail, invoiceMail));
    expect(again.status).toBe("closed");
    expect(again.handedOffTo).toHaveLength(1);
    expect(await billingTickets(desk)).toHaveLength(1);
    const handedOff = (await desk.history(system, ids.support, again.id)).filter((e) => e.event.type === "HandedOff");
    expect(handedOff).toHaveLength(1);
  });

  it("stops a loop: Billing's rule sending the ticket back to Support is refused with the reason", async () => {
    const desk = await company();
    await desk.configure.routingRules(system, ids.billing, [
      rule("back-to-support", ids.billing, { field: "subject", op: "contains", value: "invoice" }, [{ type: "transfer-to-service", serviceId: ids.support }]),
    ]);
    const source = await desk.openTicket(mail, invoiceMail);
    expect(source.status).toBe("closed");
    expect((await desk.listTickets(system, ids.support)).items).toHaveLength(1);
    const [moved] = await billingTickets(desk);
    expect(moved?.status).toBe("new");
    expect(moved?.handedOffTo).toEqual([]);
    const notes = (await desk.history(system, ids.billing, (moved as Ticket).id)).flatMap((e) => (e.event.type === "MessageAdded" && e.event.kind === "note" ? [e.event.body] : []));
    expect(notes).toContain(`Rule back-to-support: not transferred to service ${ids.support}: transfer back to ${ids.support} would loop (${ids.support} → ${ids.billing} → ${ids.support}).`);
  });

  it("caps the hops of a chain of transfers", async () => {
    const desk = await company();
    const chain = ["svc-c", "svc-d", "svc-e"];
    for (const [i, id] of chain.entries()) {
      await desk.configure.service(system, { id, key: `S${i}`, name: id, contactListId: ids.list, settings: defaultServiceSettings });
    }
    const hops = [ids.billing, ...chain];
    for (const [i, from] of hops.slice(0, -1).entries()) {
      await desk.configure.routingRules(system, from, [rule(`onward-${i}`, from, { field: "subject", op: "contains", value: "invoice" }, [{ type: "transfer-to-service", serviceId: hops[i + 1]! }])]);
    }
    await desk.openTicket(mail, invoiceMail);
    // Support → Billing → C → D: three hops; D's rule to E is refused.
    const d = (await desk.listTickets(system, "svc-d" as never)).items;
    expect(d.map((t) => t.status)).toEqual(["new"]);
    expect((await desk.listTickets(system, "svc-e" as never)).items).toHaveLength(0);
    const notes = (await desk.history(system, "svc-d" as never, (d[0] as Ticket).id)).flatMap((e) => (e.event.type === "MessageAdded" ? [e.event.body] : []));
    expect(notes.some((n) => n.includes("already transferred 3 times (limit 3)"))).toBe(true);
  });

  it("refuses an unknown or the same service with a note, and the ticket stays in the queue", async () => {
    const desk = await company();
    await desk.configure.routingRules(system, ids.support, [
      rule("nowhere", ids.support, billingWords, [{ type: "transfer-to-service", serviceId: "svc-nowhere" }, { type: "transfer-to-service", serviceId: ids.support }]),
    ]);
    const t = await asSystem(desk, await desk.openTicket(mail, invoiceMail));
    expect([t.status, t.handedOffTo]).toEqual(["new", []]);
    const notes = (await desk.history(system, ids.support, t.id)).flatMap((e) => (e.event.type === "MessageAdded" && e.event.kind === "note" ? [e.event.body] : []));
    expect(notes).toEqual([
      "Rule nowhere: not transferred to service svc-nowhere: service svc-nowhere does not exist.",
      `Rule nowhere: not transferred to service ${ids.support}: the ticket is already in service ${ids.support}.`,
    ]);
    expect(await billingTickets(desk)).toHaveLength(0);
  });

  it("finds or copies the requester into a target service with its own contact list", async () => {
    const desk = await company();
    await desk.configure.contactList(system, { id: "cl-hr", name: "Staff" });
    await desk.configure.service(system, { id: "svc-hr", key: "HR", name: "HR", contactListId: "cl-hr", settings: defaultServiceSettings });
    await desk.configure.routingRules(system, ids.support, [rule("to-hr", ids.support, billingWords, [{ type: "transfer-to-service", serviceId: "svc-hr" }])]);
    await desk.openTicket(mail, invoiceMail);
    const [moved] = (await desk.listTickets(system, "svc-hr" as never)).items;
    expect(moved?.organizationId).toBeNull();
    const inHr = await desk.store.getContact("cl-hr" as never, (moved as Ticket).requesterId);
    expect(inHr?.emails).toEqual(["carla@acme.example"]);
    // The HR ticket is readable by its requester through HR's list, and Support agents cannot read it.
    expect((await desk.getTicket(contact((moved as Ticket).requesterId), "svc-hr" as never, (moved as Ticket).id)).subject).toBe(invoiceMail.subject);
    await expect(desk.getTicket(agent(ids.ana), "svc-hr" as never, (moved as Ticket).id)).rejects.toBeDefined();
  });

  it("never overwrites a contact of the target list that has the requester's id: the moved ticket's requester is a copy under a new id", async () => {
    const desk = await company();
    await desk.configure.contactList(system, { id: "cl-hr", name: "Staff" });
    await desk.configure.service(system, { id: "svc-hr", key: "HR", name: "HR", contactListId: "cl-hr", settings: defaultServiceSettings });
    const impostor = { id: ids.carla, contactListId: "cl-hr", name: "Mallory", emails: ["mallory@evil.example"], phones: [] };
    await desk.configure.contact(system, impostor);
    await desk.configure.routingRules(system, ids.support, [rule("to-hr", ids.support, billingWords, [{ type: "transfer-to-service", serviceId: "svc-hr" }])]);
    await desk.openTicket(mail, invoiceMail);
    expect(await desk.store.getContact("cl-hr" as never, ids.carla as never)).toEqual(impostor);
    const [moved] = (await desk.listTickets(system, "svc-hr" as never)).items;
    expect(moved?.requesterId).not.toBe(ids.carla);
    expect(await desk.store.getContact("cl-hr" as never, (moved as Ticket).requesterId)).toMatchObject({ name: "Carla Díaz", emails: ["carla@acme.example"] });
  });
});
