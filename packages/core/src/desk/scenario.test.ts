import { describe, expect, it } from "vitest";
import { agent, contact, ids, itSupport } from "../../test/it-support";
import { fold } from "../ticket/evolve";
import { Forbidden, TicketNotFound } from "../ticket/errors";

describe("the IT Support scenario, end to end", () => {
  it("a phoned-in ticket goes L1 → lead's group → L2, closes, and is handed off to Billing with its cost", async () => {
    let now = Date.UTC(2026, 10, 2, 9, 0);
    const desk = await itSupport({ clock: () => (now += 60_000) });
    const s = ids.support;
    // The customer calls; Ana at level 1 logs it.
    const t0 = await desk.openTicket(agent(ids.ana), {
      serviceId: s, subject: "Invoice portal shows error 500", description: "Carla called: the portal fails when she downloads October's invoice.",
      channel: "phone", requesterId: ids.carla, organizationId: "org-acme", impact: "medium", urgency: "high",
    });
    expect(t0.number).toBe("IT-000001");
    expect(t0.priority).toBe("high");
    const id = t0.id;
    await desk.assign(agent(ids.ana), { serviceId: s, ticketId: id, groupId: ids.lead, reason: "application fault" });
    await desk.assign(agent(ids.tom), { serviceId: s, ticketId: id, agentId: ids.tom });
    await desk.addMessage(agent(ids.tom), { serviceId: s, ticketId: id, kind: "reply", body: "We are looking at it; can you send a screenshot?" });
    await desk.addMessage(contact(ids.carla), { serviceId: s, ticketId: id, kind: "customer", body: "Screenshot attached.", channel: "email" });
    await desk.addMessage(agent(ids.tom), { serviceId: s, ticketId: id, kind: "note", body: "Database timeout; beyond level 1." });
    await desk.transfer(agent(ids.tom), { serviceId: s, ticketId: id, toGroupId: ids.l2, toAgentId: ids.lee, reason: "needs a database fix" });

    // Level 2 sees who opened it, who first attended and every exchange.
    const seen = await desk.getTicket(agent(ids.lee), s, id);
    expect(seen.openedBy).toEqual(agent(ids.ana));
    expect(seen.responders[0]).toBe(ids.tom);
    const history = await desk.history(agent(ids.lee), s, id);
    expect(history.filter((e) => e.event.type === "MessageAdded")).toHaveLength(4);

    await desk.logTime(agent(ids.lee), { serviceId: s, ticketId: id, minutes: 90, billable: true, rateCentsPerHour: 8000 });
    await desk.changeStatus(agent(ids.lee), { serviceId: s, ticketId: id, status: "resolved" });
    const closed = await desk.changeStatus(agent(ids.lee), { serviceId: s, ticketId: id, status: "closed" });
    expect(closed.costCents).toBe(12_000);

    // The admin hands the closed ticket to Billing.
    await desk.handOff(agent(ids.boss), { serviceId: s, ticketId: id, toServiceId: ids.billing, reason: "credit the customer" });
    const billingTickets = await desk.listTickets(agent(ids.bea), ids.billing);
    expect(billingTickets.items).toHaveLength(1);
    const b = billingTickets.items[0]!;
    expect(b.number).toBe("BILL-000001");
    expect(b.handedOffFrom).toEqual({ serviceId: s, ticketId: id, number: "IT-000001" });
    const excerpt = await desk.handOffExcerpt(agent(ids.bea), ids.billing, b.id);
    expect(excerpt?.totals).toEqual({ timeMinutes: 90, billableMinutes: 90, costCents: 12_000, currency: "EUR" });
    expect(b.requesterId).toBe(ids.carla);

    // A Support agent cannot read Billing's ticket.
    await expect(desk.getTicket(agent(ids.tom), ids.billing, b.id)).rejects.toBeInstanceOf(Forbidden);
    // And the projection is the fold of the history.
    const full = await desk.store.readEvents(s as never, id);
    expect(fold(full.map((e) => e.event))).toEqual(await desk.store.getTicket(s as never, id));
  });

  it("a contact sees only their own tickets; another's is forbidden", async () => {
    const desk = await itSupport();
    const t = await desk.openTicket(contact(ids.carla), { serviceId: ids.support, subject: "Password reset", channel: "web", requesterId: ids.carla });
    await expect(desk.getTicket(contact(ids.dan), ids.support, t.id)).rejects.toBeInstanceOf(Forbidden);
    await expect(desk.history(contact(ids.dan), ids.support, t.id)).rejects.toBeInstanceOf(Forbidden);
    await expect(desk.getTicket(contact(ids.carla), ids.support, "t-missing")).rejects.toBeInstanceOf(TicketNotFound);
    expect((await desk.listTickets(contact(ids.dan), ids.support)).items).toHaveLength(0);
    expect((await desk.listTickets(contact(ids.carla), ids.support)).items).toHaveLength(1);
  });

  it("the customer reads their ticket and history and sees none of the internal notes or costs", async () => {
    const { desk, id } = await playedScenario();
    const mine = await desk.getTicket(contact(ids.carla), ids.support, id);
    expect(mine).toMatchObject({ number: "IT-000001", status: "closed" });
    expect(mine).not.toHaveProperty("costCents");
    const history = await desk.history(contact(ids.carla), ids.support, id);
    const shown = JSON.stringify([mine, history, await desk.listTickets(contact(ids.carla), ids.support)]);
    expect(shown).toContain("can you send a screenshot?");
    expect(shown).not.toContain("Database timeout");
    expect(shown).not.toMatch(/TimeLogged|costCents|12000|needs a database fix|grp-/);
    await expect(desk.slaStatus(contact(ids.carla), ids.support, id)).rejects.toBeInstanceOf(Forbidden);
  });

  it("a viewer sees the notes and the time logged but no cost", async () => {
    const { desk, id } = await playedScenario();
    expect((await desk.getTicket(agent(ids.vic), ids.support, id)).costCents).toBeNull();
    const history = (await desk.history(agent(ids.vic), ids.support, id)).map((e) => e.event);
    expect(history.some((e) => e.type === "MessageAdded" && e.body.startsWith("Database timeout"))).toBe(true);
    expect(history.filter((e) => e.type === "TimeLogged")).toEqual([expect.objectContaining({ minutes: 90, rateCentsPerHour: null, costCents: null })]);
    expect(JSON.stringify((await desk.listTickets(agent(ids.vic), ids.support)).items)).not.toContain("12000");
  });

  it("an agent of the service sees everything, cost included", async () => {
    const { desk, id } = await playedScenario();
    expect((await desk.getTicket(agent(ids.ana), ids.support, id)).costCents).toBe(12_000);
    expect(await desk.history(agent(ids.ana), ids.support, id)).toEqual(await desk.store.readEvents(ids.support as never, id));
  });
});

describe("the scenario's seams, read from the other side", () => {
  it("a Support agent cannot put the ticket on a Billing agent; Billing reads the excerpt's cost as a number; the customer reads neither", async () => {
    const { desk, id } = await playedScenario();
    const s = ids.support;
    // The Support side cannot reach into Billing: not its agent, not its group.
    const live = await desk.openTicket(agent(ids.ana), { serviceId: s, subject: "Refund question", channel: "phone", requesterId: ids.carla });
    await expect(desk.assign(agent(ids.tom), { serviceId: s, ticketId: live.id, agentId: ids.bea }))
      .rejects.toMatchObject({ _tag: "CommandRejected", field: "agentId", id: ids.bea });
    await expect(desk.assign(agent(ids.tom), { serviceId: s, ticketId: live.id, groupId: ids.billingDesk }))
      .rejects.toMatchObject({ _tag: "CommandRejected", field: "groupId", id: ids.billingDesk });
    expect((await desk.getTicket(agent(ids.tom), s, live.id)).assigneeId).toBeNull();

    await desk.handOff(agent(ids.tom), { serviceId: s, ticketId: id, toServiceId: ids.billing, reason: "credit the customer for the outage" });
    const [received] = (await desk.listTickets(agent(ids.bea), ids.billing)).items;
    const excerpt = await desk.handOffExcerpt(agent(ids.bea), ids.billing, received!.id);
    expect(excerpt?.totals.costCents).toBe(12_000);
    expect(typeof excerpt?.totals.costCents).toBe("number");
    expect(excerpt?.messages.find((m) => m.body.startsWith("Database timeout"))?.internal).toBe(true);
    // Billing never reads the Support ticket itself.
    await expect(desk.history(agent(ids.bea), s, id)).rejects.toBeInstanceOf(Forbidden);

    // The customer owns the receiving ticket too (one shared contact list), and reads only its public side.
    const theirs = await desk.getTicket(contact(ids.carla), ids.billing, received!.id);
    const shown = JSON.stringify([theirs, await desk.history(contact(ids.carla), ids.billing, received!.id)]);
    expect(shown).toContain("Handed off from IT-000001");
    expect(shown).not.toMatch(/Database timeout|HandOffReceived|12000|credit the customer|costCents/);
    await expect(desk.handOffExcerpt(contact(ids.carla), ids.billing, received!.id)).rejects.toBeInstanceOf(Forbidden);
  });
});

// The first scenario's Support ticket up to its closing: notes, a transfer, 90 billable minutes.
async function playedScenario() {
  const desk = await itSupport();
  const s = ids.support;
  const { id } = await desk.openTicket(agent(ids.ana), { serviceId: s, subject: "Invoice portal shows error 500", channel: "phone", requesterId: ids.carla });
  await desk.assign(agent(ids.ana), { serviceId: s, ticketId: id, groupId: ids.lead, reason: "application fault" });
  await desk.addMessage(agent(ids.tom), { serviceId: s, ticketId: id, kind: "reply", body: "We are looking at it; can you send a screenshot?" });
  await desk.addMessage(contact(ids.carla), { serviceId: s, ticketId: id, kind: "customer", body: "Screenshot attached.", channel: "email" });
  await desk.addMessage(agent(ids.tom), { serviceId: s, ticketId: id, kind: "note", body: "Database timeout; beyond level 1." });
  await desk.transfer(agent(ids.tom), { serviceId: s, ticketId: id, toGroupId: ids.l2, toAgentId: ids.lee, reason: "needs a database fix" });
  await desk.logTime(agent(ids.lee), { serviceId: s, ticketId: id, minutes: 90, billable: true, rateCentsPerHour: 8000 });
  await desk.changeStatus(agent(ids.lee), { serviceId: s, ticketId: id, status: "resolved" });
  await desk.changeStatus(agent(ids.lee), { serviceId: s, ticketId: id, status: "closed" });
  return { desk, id };
}
