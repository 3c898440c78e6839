import { describe, expect, it } from "vitest";
import { agent, contact, ids, itSupport, system } from "../../test/it-support";
import { memoryStore } from "../store/memory-store";
import { InvalidInput } from "../validation/invalid-input";

const H = 3_600_000;
const monday9 = Date.UTC(2026, 10, 2, 8, 0); // 09:00 in Madrid

async function configured(startAt = monday9) {
  let now = startAt;
  const store = memoryStore();
  const desk = await itSupport({ store, clock: () => now });
  await desk.configure.agent(system, { id: "ag-l2b", name: "Kim (L2)", email: "kim@it.example", memberships: [{ serviceId: ids.support, role: "agent" }], skills: [], absences: [] });
  await desk.configure.group(system, { id: ids.l2, serviceId: ids.support, name: "Level 2", level: "2", members: [ids.lee, "ag-l2b"], leadId: ids.lee });
  await desk.configure.routingRules(system, ids.support, [
    { id: "gold-to-l2", serviceId: ids.support, name: "Gold customers go to level 2", enabled: true, triggers: ["ticket-opened"],
      when: { field: "tier", op: "equals", value: "gold" },
      actions: [{ type: "assign-group", groupId: ids.l2 }, { type: "assign-strategy", strategy: "round-robin", groupId: ids.l2 }, { type: "add-tags", tags: ["vip"] }] },
  ]);
  await desk.configure.sla(system, ids.support, {
    calendars: { madrid: { timeZone: "Europe/Madrid", hours: { mon: [["09:00", "18:00"]], tue: [["09:00", "18:00"]], wed: [["09:00", "18:00"]], thu: [["09:00", "18:00"]], fri: [["09:00", "18:00"]] } } },
    policies: [{ id: "standard", calendarId: "madrid", targets: { "first-response": { high: 60, normal: 240 }, resolution: { high: 480, normal: 1440 } } }],
  });
  await desk.configure.escalationRule(system, ids.support, {
    id: "no-answer", serviceId: ids.support, name: "Customer waiting", enabled: true,
    condition: { kind: "sla-threshold", metric: "first-response", threshold: "breach" },
    levels: [{ level: 1, actions: [{ kind: "notify-lead" }] }, { level: 2, afterMinutes: 60, actions: [{ kind: "raise-priority" }] }],
  });
  return { desk, store, at: (t: number) => { now = t; } };
}

const open = { serviceId: ids.support, subject: "Portal down", channel: "email", requesterId: ids.carla, organizationId: "org-acme" } as const;

describe("automation inside the Desk", () => {
  it("routing rules assign a gold customer's ticket to level 2 by round robin, fairly", async () => {
    const { desk } = await configured();
    // A contact's own read is the public view: the routing outcome is read as the system.
    const a = await desk.getTicket(system, ids.support, (await desk.openTicket(contact(ids.carla), open)).id);
    const b = await desk.getTicket(system, ids.support, (await desk.openTicket(contact(ids.carla), open)).id);
    expect([a.groupId, b.groupId]).toEqual([ids.l2, ids.l2]);
    expect(new Set([a.assigneeId, b.assigneeId])).toEqual(new Set([ids.lee, "ag-l2b"]));
    expect(a.tags).toEqual(["vip"]);
  });

  it("the SLA policy sets a due date in business hours and the ticket carries its next deadline", async () => {
    const { desk } = await configured(Date.UTC(2026, 10, 6, 16, 30)); // Friday 17:30 Madrid
    const t = await desk.openTicket(agent(ids.ana), { ...open, impact: "high", urgency: "medium" });
    // 60 business minutes from Friday 17:30: 30 on Friday, 30 on Monday → Monday 09:30 Madrid.
    expect(t.nextDeadline).toBe(Date.UTC(2026, 10, 9, 8, 30));
    const status = await desk.slaStatus(agent(ids.ana), ids.support, t.id);
    expect(status.cycles.find((c) => c.metric === "first-response")?.due).toBe(Date.UTC(2026, 10, 9, 8, 30));
  });

  it("a sweep records the breach once and escalates by levels, never twice under concurrent sweepers", async () => {
    const { desk, at } = await configured();
    const t = await desk.openTicket(agent(ids.ana), { ...open, impact: "high", urgency: "medium" });
    at(monday9 + 2 * H);
    const reports = await Promise.all([desk.sweep({ workerId: "a" }), desk.sweep({ workerId: "b" }), desk.sweep({ workerId: "c" })]);
    expect(reports.flatMap((r) => r.breaches)).toEqual([{ ticketId: t.id, metric: "first-response", cycle: 1 }]);
    const levels = reports.flatMap((r) => r.escalations).map((e) => e.key.split("@")[0]);
    expect(levels.sort()).toEqual(["no-answer:1", "no-answer:2"]);
    await desk.sweep();
    const history = await desk.history(system, ids.support, t.id);
    expect(history.filter((e) => e.event.type === "Escalated")).toHaveLength(2);
    expect(history.filter((e) => e.event.type === "SlaBreached")).toHaveLength(1);
    expect((await desk.getTicket(system, ids.support, t.id)).priority).toBe("urgent");
  });

  it("a bad rule set is refused with the rule and field named, and the old rules stay", async () => {
    const { desk } = await configured();
    const err = await desk.configure.routingRules(system, ids.support, [{ id: "bad", serviceId: ids.support, name: "x", enabled: true, triggers: ["ticket-opened"],
      when: { field: "priority", op: "equals", value: "sky-high" }, actions: [] }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInput);
    expect((err as InvalidInput).message).toContain("bad");
    expect((await desk.getTicket(system, ids.support, (await desk.openTicket(contact(ids.carla), open)).id)).groupId).toBe(ids.l2);
  });
});

describe("a routing rule forcing an SLA policy", () => {
  it("applies the named policy ahead of first-match", async () => {
    const { desk } = await configured();
    await desk.configure.sla(system, ids.support, {
      policies: [
        { id: "standard", targets: { "first-response": { normal: 240, high: 240 } } },
        { id: "express", all: [{ field: "channel", in: ["never"] }], targets: { "first-response": { normal: 15, high: 15 } } },
      ],
    });
    await desk.configure.routingRules(system, ids.support, [{ id: "force", serviceId: ids.support, name: "Web gets express", enabled: true,
      triggers: ["ticket-opened"], when: { field: "channel", op: "equals", value: "web" }, actions: [{ type: "apply-sla-policy", policyId: "express" }] }]);
    const web = await desk.getTicket(system, ids.support, (await desk.openTicket(contact(ids.carla), { ...open, channel: "web" })).id);
    const mail = await desk.getTicket(system, ids.support, (await desk.openTicket(contact(ids.carla), open)).id);
    expect((web.sla as { policyId: string }).policyId).toBe("express");
    expect((mail.sla as { policyId: string }).policyId).toBe("standard");
  });
});

describe("sweeps and the host's hooks", () => {
  it("a breach found by a sweep reaches the host's hooks, in the same write", async () => {
    let now = monday9;
    const store = memoryStore();
    const seen: string[] = [];
    const base = await itSupport({ store, clock: () => now });
    await base.configure.sla(system, ids.support, { policies: [{ id: "p", targets: { "first-response": { normal: 30 } } }] });
    const { createDesk } = await import("../desk/promise");
    const desk = createDesk({ store, clock: () => now, hooks: [{ name: "spy", afterChange: (c) => {
      if (c.command === undefined) seen.push(c.newEvents.map((e) => e.type).join("+"));
      return [];
    } }] });
    await desk.openTicket(agent(ids.ana), open);
    now += H;
    await desk.sweep();
    expect(seen.some((s) => s.includes("SlaBreached"))).toBe(true);
  });
});
