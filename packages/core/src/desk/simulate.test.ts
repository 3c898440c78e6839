import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agent, contact, ids, itSupport, system } from "../../test/it-support";
import type { ServiceId } from "../ids/ids";
import { memoryStore } from "../store/memory-store";
import { Forbidden } from "../ticket/errors";
import { InvalidInput } from "../validation/invalid-input";
import type { RoutingRuleInput } from "./inputs";

const MIN = 60_000;
const DAY = 86_400_000;
const monday9 = Date.UTC(2026, 10, 2, 8, 0); // 09:00 in Madrid
const weekdays = Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "18:00"]]]));
const rule = (id: string, when: RoutingRuleInput["when"], actions: RoutingRuleInput["actions"]): RoutingRuleInput =>
  ({ id, serviceId: ids.support, name: id, enabled: true, triggers: ["ticket-opened", "message-received"], when, actions });

/** Level 1 and 2 with agents on calendars, one away, rules using every strategy, an SLA and an escalation ladder. */
const rules = [
  rule("vip", { field: "tier", op: "in", values: ["gold", "platinum"] },
    [{ type: "set-priority", priority: "high" }, { type: "assign-strategy", strategy: "round-robin", groupId: ids.l2 }, { type: "stop" }]),
  rule("network", { field: "subject", op: "contains", value: "vpn" }, [{ type: "assign-strategy", strategy: "skills", skills: ["network"], groupId: ids.l2 }, { type: "stop" }]),
  rule("quiet", { field: "subject", op: "contains", value: "later" }, [{ type: "assign-strategy", strategy: "least-recent", groupId: ids.l1 }, { type: "stop" }]),
  rule("queue", { field: "channel", op: "equals", value: "chat" }, [{ type: "assign-strategy", strategy: "queue", groupId: ids.l1 }, { type: "stop" }]),
  rule("default", { field: "channel", op: "exists" }, [{ type: "assign-strategy", strategy: "least-loaded", groupId: ids.l1 }]),
];

async function desk(startAt = monday9) {
  let now = startAt;
  const store = memoryStore();
  const d = await itSupport({ store, clock: () => now });
  const c = d.configure;
  const person = (id: string, extra: object) =>
    c.agent(system, { id, name: id, email: `${id}@it.example`, memberships: [{ serviceId: ids.support, role: "agent" }], skills: [], absences: [], ...extra });
  await person(ids.ana, { calendarId: "madrid", capacity: 3 });
  await person("ag-omar", { absences: [{ from: startAt + DAY, to: startAt + 3 * DAY, reason: "illness", substituteId: ids.ana }] });
  await person(ids.lee, { skills: ["network"], calendarId: "madrid" });
  await person("ag-kim", { skills: ["network"], absences: [{ from: startAt + 2 * DAY, to: startAt + 4 * DAY, reason: "vacation", substituteId: ids.lee }] });
  await c.group(system, { id: ids.l1, serviceId: ids.support, name: "Level 1", level: "1", members: [ids.ana, "ag-omar", ids.tom], leadId: ids.ana });
  await c.group(system, { id: ids.l2, serviceId: ids.support, name: "Level 2", level: "2", members: [ids.lee, "ag-kim"], leadId: ids.lee });
  await c.routingRules(system, ids.support, rules);
  await c.sla(system, ids.support, {
    calendars: { madrid: { timeZone: "Europe/Madrid", hours: weekdays } },
    policies: [{ id: "standard", calendarId: "madrid", targets: { "first-response": { normal: 60, high: 30 }, resolution: { normal: 480, high: 240 } } }],
  });
  await c.escalationRule(system, ids.support, {
    id: "late", serviceId: ids.support, name: "Late first answer", enabled: true,
    condition: { kind: "sla-threshold", metric: "first-response", threshold: "breach" },
    levels: [{ level: 1, actions: [{ kind: "notify-lead" }] }, { level: 2, afterMinutes: 60, actions: [{ kind: "raise-priority" }] }],
  });
  return { desk: d, store, at: (t: number) => { now = t; }, now: () => now };
}

type Op =
  | { kind: "open"; subject: string; channel: "email" | "chat" | "phone"; who: 0 | 1 }
  | { kind: "customer"; n: number } | { kind: "reply"; n: number } | { kind: "resolve"; n: number }
  | { kind: "take"; n: number; who: 0 | 1 | 2 } | { kind: "sweep" };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("open" as const), subject: fc.constantFrom("vpn down", "call me later", "printer", "invoice"), channel: fc.constantFrom("email" as const, "chat" as const, "phone" as const), who: fc.constantFrom(0 as const, 1 as const) }) },
  fc.record({ kind: fc.constant("customer" as const), n: fc.nat(20) }),
  fc.record({ kind: fc.constant("reply" as const), n: fc.nat(20) }),
  fc.record({ kind: fc.constant("resolve" as const), n: fc.nat(20) }),
  fc.record({ kind: fc.constant("take" as const), n: fc.nat(20), who: fc.constantFrom(0 as const, 1 as const, 2 as const) }),
  fc.record({ kind: fc.constant("sweep" as const) }),
);

/**
 * Plays random traffic through a real Desk: commands at least a minute apart (the store does not
 * record the order of two tickets' writes at one instant; that case is explained, not reproduced),
 * sweeps also at the instant of a command.
 * Commands the Desk refuses are simply skipped.
 */
async function play(ops: ReadonlyArray<readonly [number, Op]>) {
  const d = await desk();
  const tickets: string[] = [];
  const on = (n: number) => ({ serviceId: ids.support, ticketId: tickets[n % Math.max(1, tickets.length)] as string });
  const people = [ids.ana, ids.tom, ids.lee];
  for (const [gap, o] of ops) {
    d.at(d.now() + gap * MIN);
    if (o.kind !== "open" && o.kind !== "sweep" && tickets.length === 0) continue;
    await (async () => {
      switch (o.kind) {
        case "open": tickets.push((await d.desk.openTicket(contact(o.who === 0 ? ids.carla : ids.dan), { serviceId: ids.support, subject: o.subject, channel: o.channel, requesterId: o.who === 0 ? ids.carla : ids.dan })).id); break;
        case "customer": await d.desk.addMessage(contact(ids.carla), { ...on(o.n), kind: "customer", body: "any news?" }); break;
        case "reply": await d.desk.addMessage(agent(ids.ana), { ...on(o.n), kind: "reply", body: "on it" }); break;
        case "resolve": await d.desk.changeStatus(agent(ids.ana), { ...on(o.n), status: "resolved" }); break;
        case "take": await d.desk.assign(agent(ids.ana), { ...on(o.n), agentId: people[o.who] as string }); break;
        case "sweep": await d.desk.sweep({ limit: 500 }); break;
      }
    })().catch(() => undefined);
  }
  return d;
}

describe("desk.simulate", () => {
  it("reports no change when it replays random traffic with the stored configuration", async () => {
    const stats = { tickets: 0, assigned: 0 };
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), op).map(([gap, o]) => [o.kind === "sweep" ? gap : Math.max(1, gap), o] as const), { minLength: 5, maxLength: 60, size: "large" }), async (ops) => {
      const { desk: d } = await play(ops);
      const report = await d.simulate(system, { serviceId: ids.support });
      expect(report.changed).toEqual({ group: 0, agent: 0, priority: 0, slaOutcome: 0 });
      expect(report.details.flatMap((t) => t.explanation)).toEqual([]);
      stats.tickets += report.tickets;
      stats.assigned += report.details.filter((t) => t.live.agentId !== null).length;
    }), { numRuns: Number(process.env.SIM_RUNS ?? 30) });
    // The traffic is not trivial: tickets were opened and the automation assigned most of them.
    expect(stats.assigned).toBeGreaterThan(100);
  }, 120_000);

  it("reports the tickets a changed rule would place elsewhere, each with its explanation", async () => {
    const { desk: d } = await play([[0, { kind: "open", subject: "printer", channel: "email", who: 1 }], [5, { kind: "open", subject: "vpn down", channel: "email", who: 1 }]]);
    const proposed = [rule("all-to-l2", { field: "channel", op: "exists" }, [{ type: "set-priority", priority: "urgent" }, { type: "assign-strategy", strategy: "queue", groupId: ids.l2 }])];
    const report = await d.simulate(system, { serviceId: ids.support, rules: proposed });
    expect(report.tickets).toBe(2);
    expect(report.changed).toMatchObject({ group: 1, agent: 2, priority: 2 });
    const printer = report.details[0];
    expect(printer?.changed).toEqual(["group", "agent", "priority", "slaOutcome"]);
    expect(printer?.explanation[0]).toMatch(/^group after OpenTicket at .*: live grp-l1, replay grp-l2$/);
    expect(printer?.explanation.some((l) => l.includes("replay automation: PriorityChanged normal → urgent"))).toBe(true);
  });

  it("tries rules on a service that has none yet, comparing every ticket", async () => {
    const d = await itSupport();
    for (let i = 0; i < 2; i++) await d.openTicket(contact(ids.dan), { serviceId: ids.support, subject: "printer", channel: "email", requesterId: ids.dan });
    const report = await d.simulate(system, { serviceId: ids.support, rules: [rule("to-l1", { field: "channel", op: "exists" }, [{ type: "assign-group", groupId: ids.l1 }])] });
    expect([report.tickets, report.changed.group, report.notes]).toEqual([2, 2, []]);
  });

  it("replays a ticket recorded before the service had automation as it was, and says it is not compared", async () => {
    const d = await itSupport();
    const early = await d.openTicket(contact(ids.dan), { serviceId: ids.support, subject: "printer", channel: "email", requesterId: ids.dan });
    await d.configure.routingRules(system, ids.support, [rule("to-l1", { field: "channel", op: "exists" }, [{ type: "assign-group", groupId: ids.l1 }])]);
    await d.openTicket(contact(ids.dan), { serviceId: ids.support, subject: "printer", channel: "email", requesterId: ids.dan });
    const report = await d.simulate(system, { serviceId: ids.support });
    expect([report.tickets, report.changed.group]).toEqual([1, 0]);
    expect(report.details.find((t) => t.ticketId === early.id)?.explanation[0]).toMatch(/^not compared: recorded without automation/);
  });

  it("writes nothing to the store it replays", async () => {
    const { desk: d, store } = await play([[0, { kind: "open", subject: "printer", channel: "email", who: 1 }]]);
    const svc = ids.support as ServiceId;
    const snapshot = async () => JSON.stringify([await store.listTickets(svc, {}), await store.getCursor(svc, "round-robin:grp-l1"), await store.listConfig(svc, "routing-rule")]);
    const before = await snapshot();
    await d.simulate(system, { serviceId: ids.support, rules: [] });
    const after = await snapshot();
    expect(after).toBe(before);
  });

  it("refuses an agent who is not an admin of the service", async () => {
    const { desk: d } = await desk();
    await expect(d.simulate(agent(ids.ana), { serviceId: ids.support })).rejects.toBeInstanceOf(Forbidden);
  });

  it("refuses invalid proposed rules, naming the rule and the field", async () => {
    const { desk: d } = await desk();
    const bad = [rule("x", { field: "priority", op: "equals", value: "hgh" }, [])];
    const error = await d.simulate(agent(ids.boss), { serviceId: ids.support, rules: bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as InvalidInput).message).toContain("rules[0] (x)");
  });
});
