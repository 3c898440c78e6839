import { describe, expect, it } from "vitest";
import type { AgentId, GroupId, RuleId, ServiceId } from "../ids/ids";
import { compileRules } from "../routing/compile-rules";
import { routeTicket } from "../routing/route-ticket";
import type { Rule } from "../routing/rule-schema";
import type { Agent, Group } from "../service/schema";
import { compileSlaConfigOrThrow } from "../sla";
import { min, opened, reply } from "../sla/test-history";
import type { TicketEvent } from "../ticket/events";
import type { RouteFunction } from "./routing-outcome";
import { simulate, type SimulationInput } from "./simulate";
import { slaOutcomesOf } from "./sla-outcome";

const T0 = Date.UTC(2025, 0, 6, 9);
const svc = "svc-support" as ServiceId;
const agent = (id: string, extra: Partial<Agent> = {}): Agent => ({ id: id as AgentId, name: id, email: `${id}@x`, memberships: [], skills: [], absences: [], ...extra });
const l2: Group = { id: "l2" as GroupId, serviceId: svc, name: "L2", level: "2", members: ["a", "b", "c"].map((m) => m as AgentId) };
const ticket = (n: number, at: number, extra: ReadonlyArray<TicketEvent> = []): ReadonlyArray<TicketEvent> => [
  opened(at, { ticketId: `t-${n}` as never, number: `IT-${n}` }),
  { type: "Assigned", at, by: { kind: "system", name: "routing" }, groupId: "l1" as GroupId, agentId: null, reason: null },
  ...extra,
];
const toL2: RouteFunction = () => ({
  actions: [{ action: { type: "assign-strategy", strategy: "round-robin", groupId: "l2" } }, { action: { type: "set-priority", priority: "high" } }],
  fired: ["vip"],
});
const base = (extra: Partial<SimulationInput> = {}): SimulationInput => ({ route: toL2, groups: [l2], agents: [agent("a"), agent("b"), agent("c")], ...extra });

describe("simulate", () => {
  it("reports the group, agent and priority the new rules would have given", () => {
    const r = simulate(base(), [ticket(1, T0)]);
    expect(r.tickets[0]?.actual).toEqual({ groupId: "l1", agentId: null, priority: "normal" });
    expect(r.tickets[0]?.simulated).toEqual({ groupId: "l2", agentId: "a", priority: "high", policyId: null, transferTo: null });
    expect(r.tickets[0]?.firedRules).toEqual(["vip"]);
  });
  it("replays in opening order so round robin turns as it would have", () => {
    const r = simulate(base(), [ticket(3, T0 + 2), ticket(1, T0), ticket(2, T0 + 1)]);
    expect(r.tickets.map((t) => [t.number, t.simulated.agentId])).toEqual([["IT-3", "c"], ["IT-1", "a"], ["IT-2", "b"]]);
  });
  it("counts the simulated load against capacity until the ticket was resolved", () => {
    const agents = [agent("a", { capacity: 1 }), agent("b", { capacity: 1 }), agent("c", { capacity: 0 })];
    const resolved: TicketEvent = { type: "StatusChanged", at: T0 + 5, by: { kind: "agent", id: "a" as AgentId }, from: "new", to: "resolved", reason: null };
    const r = simulate(base({ agents }), [ticket(1, T0, [resolved]), ticket(2, T0 + 1), ticket(3, T0 + 2), ticket(4, T0 + 10)]);
    expect(r.tickets.map((t) => t.simulated.agentId)).toEqual(["a", "b", null, "a"]);
  });
  it("totals the tickets whose group, agent or priority would change", () => {
    const r = simulate(base(), [ticket(1, T0), ticket(2, T0 + 1)]);
    expect(r.totals).toMatchObject({ tickets: 2, groupChanged: 2, agentChanged: 2, priorityChanged: 2 });
  });
  it("compares SLA breaches under the current and the proposed policies", () => {
    const current = slaOutcomesOf(compileSlaConfigOrThrow({ policies: [{ id: "old", time: "calendar", targets: { "first-response": { normal: 30, high: 30 } } }] }));
    const proposed = slaOutcomesOf(compileSlaConfigOrThrow({ policies: [{ id: "new", time: "calendar", targets: { "first-response": { normal: 30, high: 120 } } }] }));
    const r = simulate(base({ sla: { current, proposed } }), [ticket(1, T0, [reply(T0 + min(60))])]);
    expect(r.tickets[0]?.sla.before).toMatchObject([{ metric: "first-response", state: "breached" }]);
    expect(r.tickets[0]?.sla.after).toMatchObject([{ metric: "first-response", state: "met", policyId: "new" }]);
    expect([r.totals.breachesBefore, r.totals.breachesAfter]).toEqual([1, 0]);
  });
  it("applies the simulated priority to the proposed SLA", () => {
    const sla = slaOutcomesOf(compileSlaConfigOrThrow({ policies: [{ id: "p", time: "calendar", targets: { "first-response": { normal: 120, high: 30 } } }] }));
    const r = simulate(base({ sla: { proposed: sla } }), [ticket(1, T0, [reply(T0 + min(60))])]);
    expect([r.tickets[0]?.sla.before[0]?.state, r.tickets[0]?.sla.after[0]?.state]).toEqual(["met", "breached"]);
  });
  it("leaves the ticket in the queue of a group assigned directly", () => {
    const r = simulate(base({ route: () => ({ actions: [{ action: { type: "assign-group", groupId: "l2" } }], fired: ["x"] }) }), [ticket(1, T0)]);
    expect(r.tickets[0]?.simulated).toMatchObject({ groupId: "l2", agentId: null });
  });
  it("reports a transfer to another service as the outcome, with no SLA measured here", () => {
    const sla = slaOutcomesOf(compileSlaConfigOrThrow({ policies: [{ id: "p", time: "calendar", targets: { "first-response": { normal: 30 } } }] }));
    const route: RouteFunction = () => ({
      actions: [{ action: { type: "transfer-to-service", serviceId: "svc-billing" } }, { action: { type: "transfer-to-service", serviceId: "svc-hr" } }],
      fired: ["billing", "hr"],
    });
    const r = simulate(base({ route, sla: { proposed: sla } }), [ticket(1, T0, [reply(T0 + min(60))])]);
    expect(r.tickets[0]?.simulated.transferTo).toBe("svc-billing");
    expect(r.tickets[0]?.explanation.some((l) => l.startsWith("transfer: to service svc-billing"))).toBe(true);
    expect(r.tickets[0]?.explanation.some((l) => l.includes("not simulated"))).toBe(false);
    expect([r.tickets[0]?.sla.before[0]?.state, r.tickets[0]?.sla.after]).toEqual(["breached", []]);
    expect(r.totals.transferred).toBe(1);
  });
  it("skips a history that does not start with TicketOpened", () => {
    const r = simulate(base(), [ticket(1, T0).slice(1)]);
    expect([r.tickets.length, r.skipped]).toEqual([0, [{ index: 0, reason: "the history does not start with TicketOpened" }]]);
  });
  it("accepts the routing engine's own output", () => {
    const rules: ReadonlyArray<Rule> = [{
      id: "vip" as RuleId, serviceId: svc, name: "VIP", enabled: true, triggers: ["ticket-opened"],
      when: { field: "subject", op: "contains", value: "fire" },
      actions: [{ type: "assign-strategy", strategy: "fewest-open", groupId: "l2" as GroupId }],
    } as Rule];
    const compiled = compileRules(rules);
    const r = simulate(base({ route: (t, now) => routeTicket(compiled, { trigger: "ticket-opened", now, ticket: t }) }), [ticket(1, T0)]);
    expect(r.tickets[0]?.simulated).toMatchObject({ groupId: "l2", agentId: "a" });
    expect(r.tickets[0]?.firedRules).toEqual(["vip"]);
  });
  it("does not mutate its inputs and gives the same report twice", () => {
    const input = base({ openCounts: { a: 1 }, cursors: { l2: "a" as AgentId } });
    const histories = [ticket(1, T0), ticket(2, T0 + 1)];
    const before = structuredClone({ input: { ...input, route: undefined }, histories });
    const r1 = simulate(input, histories);
    expect({ input: { ...input, route: undefined }, histories }).toEqual(before);
    expect(simulate(input, histories)).toEqual(r1);
  });
});
