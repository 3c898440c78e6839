import { describe, expect, it } from "vitest";
import type { AgentId, ContactId, GroupId, RuleId, ServiceId, TicketId } from "../ids/ids";
import type { Group } from "../service/schema";
import { memoryStore } from "../store/memory-store";
import type { Store } from "../store/port";
import type { TicketEvent } from "../ticket/events";
import { fold } from "../ticket/evolve";
import type { Ticket } from "../ticket/schema";
import type { EscalationRule } from "./rule";
import { escalationSources, sweep, type SweepDeps } from "./sweep";

const T0 = Date.UTC(2024, 2, 4, 9);
const MIN = 60_000;
const svc = "svc" as ServiceId;
const rule: EscalationRule = {
  id: "stalled" as RuleId,
  serviceId: svc,
  name: "Stalled",
  enabled: true,
  condition: { kind: "no-update", minutes: 60 },
  levels: [
    { level: 1, actions: [{ kind: "notify-lead" }] },
    { level: 2, afterMinutes: 30, actions: [{ kind: "raise-priority" }, { kind: "transfer", groupId: "l2" as GroupId }] },
  ],
};
const group: Group = { id: "l1" as GroupId, serviceId: svc, name: "L1", level: "1", members: [], leadId: "lead" as AgentId };

const openTicket = async (store: Store, n: number): Promise<TicketId> => {
  const ticketId = `t-${n}` as TicketId;
  const events: ReadonlyArray<TicketEvent> = [
    {
      type: "TicketOpened", at: T0, by: { kind: "contact", id: "c-1" as ContactId }, ticketId, serviceId: svc, number: `IT-${n}`,
      subject: "s", description: "d", ticketType: "incident", category: null, channel: "email", priority: "normal", impact: null,
      urgency: null, requesterId: "c-1" as ContactId, organizationId: null, tags: [], customFields: {}, handedOffFrom: null,
    },
    { type: "Assigned", at: T0, by: { kind: "system", name: "routing" }, groupId: group.id, agentId: null, reason: null },
    { type: "DeadlineSet", at: T0, by: { kind: "system", name: "escalation" }, nextDeadline: T0 + 60 * MIN, reason: "test" },
  ];
  await store.append({ serviceId: svc, ticketId, expectedVersion: 0, events, ticket: fold(events) as Ticket });
  return ticketId;
};

const setup = async (tickets: number) => {
  const store = memoryStore();
  await store.putGroup(group);
  await store.putAgent({ id: "lead" as AgentId, name: "Lea", email: "lea@example.com", memberships: [{ serviceId: svc, role: "lead" }], skills: [], absences: [] });
  await store.putConfig(svc, "escalation-rule", rule.id, rule);
  const ids = await Promise.all(Array.from({ length: tickets }, (_, i) => openTicket(store, i + 1)));
  const deps = (workerId: string, extra: Partial<SweepDeps> = {}): SweepDeps => ({ store, workerId, ...escalationSources(store), ...extra });
  return { store, ids, deps };
};

const escalationKeys = async (store: Store, ticketId: TicketId) =>
  (await store.readEvents(svc, ticketId)).flatMap((s) => (s.event.type === "Escalated" ? [`${s.event.ruleId}:${s.event.level}`] : []));

describe("sweep", () => {
  it("fires the due level, records it and moves the ticket's deadline to the next level", async () => {
    const { store, ids, deps } = await setup(1);
    const id = ids[0] as TicketId;
    const report = await sweep(deps("w1"), T0 + 61 * MIN);
    expect(report.fired.map((f) => f.key)).toEqual([`stalled:1@${T0}`]);
    expect(await escalationKeys(store, id)).toEqual(["stalled:1"]);
    expect((await store.getTicket(svc, id))?.nextDeadline).toBe(T0 + 90 * MIN);
  });
  it("claims nothing before the deadline", async () => {
    const { deps } = await setup(1);
    expect((await sweep(deps("w1"), T0 + 59 * MIN)).claimed).toBe(0);
  });
  it("fires the next level on a later sweep and then has no deadline left", async () => {
    const { store, ids, deps } = await setup(1);
    const id = ids[0] as TicketId;
    await sweep(deps("w1"), T0 + 61 * MIN);
    await sweep(deps("w1"), T0 + 91 * MIN);
    const t = await store.getTicket(svc, id);
    expect(await escalationKeys(store, id)).toEqual(["stalled:1", "stalled:2"]);
    expect([t?.priority, t?.groupId, t?.nextDeadline]).toEqual(["high", "l2", null]);
  });
  it("lets several sweepers with overlapping claims fire each (ticket, rule, level) exactly once", async () => {
    const { store, ids, deps } = await setup(8);
    // A zero lease lets every sweeper claim every due ticket: only the expected version guards them.
    const reports = await Promise.all(Array.from({ length: 5 }, (_, i) => sweep(deps(`w${i}`, { leaseMs: 0 }), T0 + 100 * MIN)));
    for (const id of ids) expect(await escalationKeys(store, id)).toEqual(["stalled:1", "stalled:2"]);
    expect(reports.flatMap((r) => r.fired)).toHaveLength(16);
    expect(reports.reduce((n, r) => n + r.conflicts, 0)).toBeGreaterThan(0);
    expect(reports.flatMap((r) => r.failed)).toEqual([]);
  });
  it("lets several sweepers with leases share the due tickets without firing twice", async () => {
    const { store, ids, deps } = await setup(9);
    await Promise.all(Array.from({ length: 3 }, (_, i) => sweep(deps(`w${i}`, { limit: 2 }), T0 + 100 * MIN)));
    await Promise.all(Array.from({ length: 3 }, (_, i) => sweep(deps(`w${i}`, { limit: 2 }), T0 + 100 * MIN)));
    const keys = await Promise.all(ids.map((id) => escalationKeys(store, id)));
    expect(keys).toEqual(ids.map(() => ["stalled:1", "stalled:2"]));
  });
  it("re-arms the ladder after a new update", async () => {
    const { store, ids, deps } = await setup(1);
    const id = ids[0] as TicketId;
    await sweep(deps("w1"), T0 + 61 * MIN);
    const note: TicketEvent = { type: "MessageAdded", at: T0 + 70 * MIN, by: { kind: "agent", id: "ag-1" as AgentId }, messageId: "m" as never,
      kind: "note", channel: "web", subject: null, body: "looking", externalId: null, automatic: false };
    const history = (await store.readEvents(svc, id)).map((s) => s.event);
    const deadline: TicketEvent = { type: "DeadlineSet", at: T0 + 70 * MIN, by: { kind: "system", name: "desk" }, nextDeadline: T0 + 130 * MIN, reason: "update" };
    await store.append({ serviceId: svc, ticketId: id, expectedVersion: history.length, events: [note, deadline], ticket: fold([...history, note, deadline]) as Ticket });
    const report = await sweep(deps("w1"), T0 + 131 * MIN);
    expect(report.fired.map((f) => f.key)).toEqual([`stalled:1@${T0 + 70 * MIN}`]);
    expect(await escalationKeys(store, id)).toEqual(["stalled:1", "stalled:1"]);
  });
  it("keeps a future deadline set by someone else when no level is armed", async () => {
    const { store, ids, deps } = await setup(1);
    const id = ids[0] as TicketId;
    await sweep(deps("w1", { otherDeadline: () => T0 + 500 * MIN }), T0 + 100 * MIN);
    expect((await store.getTicket(svc, id))?.nextDeadline).toBe(T0 + 500 * MIN);
  });
});
