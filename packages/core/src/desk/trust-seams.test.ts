import { describe, expect, it } from "vitest";
import { agent, contact, ids, itSupport, system } from "../../test/it-support";
import type { Actor } from "../auth/actor";
import { Forbidden } from "../ticket/errors";
import type { RoutingRuleInput, RoutingRulesInput } from "./inputs";

// What an attack on "Trust at the seams" found: each test reproduces one way around a boundary.
const mail = { kind: "system", name: "email:carla@acme.example" } as const;
const open = { serviceId: ids.support, subject: "Invoice portal down", channel: "web", requesterId: ids.carla } as const;

describe("a contact opening a ticket", () => {
  it("cannot claim a ticket someone else opened by giving its external id", async () => {
    const desk = await itSupport();
    await desk.openTicket(mail, { ...open, channel: "email", externalId: "<msg-1@acme.example>" });
    await expect(desk.openTicket(contact(ids.dan), { ...open, requesterId: ids.dan, externalId: "<msg-1@acme.example>" }))
      .rejects.toBeInstanceOf(Forbidden);
    expect((await desk.listTickets(system, ids.support)).items).toHaveLength(1);
  });

  it("opens tickets for themselves only, under their own organisation, and sets nothing staff decide", async () => {
    const desk = await itSupport();
    const dan = contact(ids.dan);
    const as = (extra: object) => desk.openTicket(dan, { ...open, requesterId: ids.dan, ...extra });
    await expect(desk.openTicket(dan, open)).rejects.toMatchObject({ _tag: "Forbidden", message: expect.stringMatching(/^requesterId/) });
    await expect(as({ organizationId: "org-acme" })).rejects.toMatchObject({ message: expect.stringMatching(/^organizationId/) });
    await expect(as({ priority: "urgent" })).rejects.toMatchObject({ message: expect.stringMatching(/^priority/) });
    await expect(as({ tags: ["Internal:VIP"] })).rejects.toMatchObject({ message: expect.stringMatching(/^tags/) });
    await expect(as({ customFields: { discount: 50 } })).rejects.toMatchObject({ message: expect.stringMatching(/^customFields\.discount/) });
    expect((await desk.listTickets(system, ids.support)).items).toHaveLength(0);
    // What a customer may say: their own request, with impact and urgency.
    const t = await as({ impact: "high", urgency: "high", tags: ["portal"] });
    expect((await desk.getTicket(system, ids.support, t.id)).priority).toBe("urgent");
  });

  it("leaves the Desk's own external ids (hand-offs, transfers) to the system", async () => {
    const desk = await itSupport();
    const t = await desk.openTicket(agent(ids.ana), open);
    await expect(desk.openTicket(agent(ids.bea), { ...open, serviceId: ids.billing, externalId: `handoff:${t.id}` }))
      .rejects.toMatchObject({ _tag: "Forbidden", message: expect.stringMatching(/^externalId/) });
    await expect(desk.openTicket(agent(ids.bea), { ...open, serviceId: ids.billing, externalId: `transfer:${t.id}` })).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("a contact signed in from one contact list", () => {
  it("is refused in every service on another list, even where a contact there has the same id", async () => {
    const desk = await itSupport();
    await desk.configure.contactList(system, { id: "cl-hr", name: "Staff" });
    await desk.configure.service(system, { id: "svc-hr", key: "HR", name: "HR", contactListId: "cl-hr", settings: (await desk.store.getService(ids.support as never))!.settings });
    await desk.configure.contact(system, { id: ids.carla, contactListId: "cl-hr", name: "Another Carla", emails: ["carla@staff.example"], phones: [] });
    const hr = await desk.openTicket(system, { serviceId: "svc-hr", subject: "Payslip", channel: "web", requesterId: ids.carla });
    const signedIn = { ...contact(ids.carla), contactListId: ids.list } as Extract<Actor, { kind: "contact" }>;
    await expect(desk.getTicket(signedIn, "svc-hr", hr.id)).rejects.toBeInstanceOf(Forbidden);
    await expect(desk.listTickets(signedIn, "svc-hr")).rejects.toBeInstanceOf(Forbidden);
    const own = await desk.openTicket(signedIn, open);
    expect((await desk.getTicket(signedIn, ids.support, own.id)).number).toBe("IT-000001");
  });
});

describe("a contact listing tickets", () => {
  it("may not filter by group or assignee, which would tell them who holds their ticket", async () => {
    const desk = await itSupport();
    await desk.openTicket(agent(ids.ana), open);
    await expect(desk.listTickets(contact(ids.carla), ids.support, { assigneeId: ids.ana as never })).rejects.toMatchObject({ _tag: "Forbidden", message: expect.stringMatching(/^assigneeId/) });
    await expect(desk.listTickets(contact(ids.carla), ids.support, { groupId: null })).rejects.toMatchObject({ _tag: "Forbidden", message: expect.stringMatching(/^groupId/) });
    expect((await desk.listTickets(contact(ids.carla), ids.support, { active: true })).items).toHaveLength(1);
  });
});

describe("a status change's reason", () => {
  it("stays with staff unless the agent marks it for the requester", async () => {
    const desk = await itSupport();
    const t = await desk.openTicket(agent(ids.ana), open);
    const s = { serviceId: ids.support, ticketId: t.id } as const;
    await desk.changeStatus(agent(ids.ana), { ...s, status: "pending-third-party", reason: "on hold: fraud check on this customer" });
    await desk.changeStatus(agent(ids.ana), { ...s, status: "open", reason: "We have what we need and are working on it.", publicReason: true });
    const reasons = (await desk.history(contact(ids.carla), ids.support, t.id)).flatMap((e) => (e.event.type === "StatusChanged" ? [e.event.reason] : []));
    expect(reasons).toEqual([null, "We have what we need and are working on it."]);
    const staff = (await desk.history(agent(ids.tom), ids.support, t.id)).flatMap((e) => (e.event.type === "StatusChanged" ? [e.event.reason] : []));
    expect(staff).toEqual(["on hold: fraud check on this customer", "We have what we need and are working on it."]);
  });
});

describe("internal tags crossing services", () => {
  it("stay internal in a receiving service with another prefix", async () => {
    const desk = await itSupport();
    const billing = (await desk.store.getService(ids.billing as never))!;
    await desk.configure.service(system, { ...billing, settings: { ...billing.settings, visibility: { internalTagPrefix: "Priv:" } } });
    const t = await desk.openTicket(agent(ids.ana), { ...open, tags: ["portal", "internal:fraud-suspect"] });
    await desk.changeStatus(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, status: "resolved" });
    await desk.changeStatus(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, status: "closed" });
    await desk.handOff(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, toServiceId: ids.billing });
    const [received] = (await desk.listTickets(system, ids.billing)).items;
    expect(received?.tags).toEqual(["portal", "priv:fraud-suspect"]);
    const theirs = await desk.getTicket(contact(ids.carla), ids.billing, received!.id);
    expect(JSON.stringify([theirs, await desk.history(contact(ids.carla), ids.billing, received!.id)])).not.toContain("fraud-suspect");
  });
});

describe("a hand-off's receiving group", () => {
  it("must be a group of the receiving service, checked before anything is opened", async () => {
    const desk = await itSupport();
    const t = await desk.openTicket(agent(ids.ana), open);
    await desk.changeStatus(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, status: "resolved" });
    await desk.changeStatus(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, status: "closed" });
    for (const toGroupId of [ids.l1, "grp-typo"]) {
      await expect(desk.handOff(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, toServiceId: ids.billing, toGroupId }))
        .rejects.toMatchObject({ _tag: "CommandRejected", field: "toGroupId", id: toGroupId });
    }
    expect((await desk.listTickets(system, ids.billing)).items).toHaveLength(0);
    await desk.handOff(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, toServiceId: ids.billing, toGroupId: ids.billingDesk });
    expect((await desk.listTickets(system, ids.billing)).items.map((b) => b.groupId)).toEqual([ids.billingDesk]);
  });
});

describe("assignments written by automation", () => {
  const rule = (actions: RoutingRuleInput["actions"]): RoutingRulesInput => [{
    id: "r1", serviceId: ids.support, name: "r1", enabled: true, triggers: ["ticket-opened"], when: { field: "channel", op: "exists" }, actions,
  }];

  it("never put a ticket on a viewer or in another service's group: the rule's assignment becomes a note", async () => {
    const desk = await itSupport();
    await desk.configure.routingRules(system, ids.support, rule([{ type: "assign-agent", agentId: ids.vic }, { type: "assign-group", groupId: ids.billingDesk }]));
    const t = await desk.openTicket(agent(ids.ana), open);
    const seen = await desk.getTicket(system, ids.support, t.id);
    expect([seen.groupId, seen.assigneeId]).toEqual([null, null]);
    const notes = (await desk.history(system, ids.support, t.id)).flatMap((e) => (e.event.type === "MessageAdded" && e.event.kind === "note" ? [e.event.body] : []));
    expect(notes.join("\n")).toMatch(new RegExp(`${ids.vic}|${ids.billingDesk}`));
  });

  it("give an absent agent's ticket to their substitute", async () => {
    let now = Date.UTC(2026, 10, 2, 9, 0);
    const desk = await itSupport({ clock: () => now });
    await desk.configure.agent(system, {
      id: ids.lee, name: "Lee (L2)", email: "lee@it.example", memberships: [{ serviceId: ids.support, role: "agent" }], skills: [],
      absences: [{ from: now - 1, to: now + 86_400_000, reason: "vacation", substituteId: ids.tom }],
    });
    await desk.configure.routingRules(system, ids.support, rule([{ type: "assign-agent", agentId: ids.lee }]));
    const t = await desk.openTicket(agent(ids.ana), open);
    expect((await desk.getTicket(system, ids.support, t.id)).assigneeId).toBe(ids.tom);
  });

  it("hold escalation ladders to the same rules: no viewer, no group of another service", async () => {
    let now = Date.UTC(2026, 10, 2, 8, 0);
    const desk = await itSupport({ clock: () => now });
    await desk.configure.escalationRule(system, ids.support, {
      id: "e1", serviceId: ids.support, name: "stalled", enabled: true, condition: { kind: "no-update", minutes: 10 },
      levels: [
        { level: 1, actions: [{ kind: "reassign", agentId: ids.vic }] },
        { level: 2, afterMinutes: 10, actions: [{ kind: "transfer", groupId: ids.billingDesk }] },
      ],
    });
    const t = await desk.openTicket(agent(ids.ana), { ...open, requesterId: ids.dan });
    for (let i = 0; i < 2; i++) {
      now += 15 * 60_000;
      await desk.sweep({ now });
      const seen = await desk.getTicket(system, ids.support, t.id);
      expect(seen.assigneeId).not.toBe(ids.vic);
      expect(seen.groupId).not.toBe(ids.billingDesk);
    }
  });
});
