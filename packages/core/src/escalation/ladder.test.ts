import { describe, expect, it } from "vitest";
import type { AgentId, CalendarId, ContactId, MessageId, RuleId, ServiceId, TicketId } from "../ids/ids";
import type { TicketEvent } from "../ticket/events";
import { fold } from "../ticket/evolve";
import type { Ticket } from "../ticket/schema";
import { dueEscalations, EscalationSetupError, escalationKey, nextEscalationDeadline, pendingEscalations } from "./ladder";
import type { EscalationRule } from "./rule";

const T0 = Date.UTC(2024, 2, 4, 9);
const MIN = 60_000;
const svc = "svc" as ServiceId;
const agentBy = { kind: "agent", id: "ag-1" as AgentId } as const;
const contactBy = { kind: "contact", id: "c-1" as ContactId } as const;

const opened = (at = T0): TicketEvent => ({
  type: "TicketOpened", at, by: contactBy, ticketId: "t-1" as TicketId, serviceId: svc, number: "IT-1", subject: "s", description: "d",
  ticketType: "incident", category: null, channel: "email", priority: "normal", impact: null, urgency: null,
  requesterId: "c-1" as ContactId, organizationId: null, tags: [], customFields: {}, handedOffFrom: null,
});
const message = (at: number, kind: "customer" | "reply" | "note", automatic = false): TicketEvent => ({
  type: "MessageAdded", at, by: kind === "customer" ? contactBy : agentBy, messageId: `m-${at}` as MessageId, kind, channel: "email",
  subject: null, body: "b", externalId: null, automatic,
});
const escalated = (at: number, ruleId: string, level: number): TicketEvent => ({
  type: "Escalated", at, by: { kind: "system", name: "escalation" }, ruleId, level, reason: "r", actions: [],
});
const status = (at: number, from: Ticket["status"], to: Ticket["status"]): TicketEvent => ({
  type: "StatusChanged", at, by: agentBy, from, to, reason: null,
});
const ticketOf = (history: ReadonlyArray<TicketEvent>): Ticket => fold(history) as Ticket;

const stalled = (extra: Partial<EscalationRule> = {}): EscalationRule => ({
  id: "stalled" as RuleId,
  serviceId: svc,
  name: "Stalled",
  enabled: true,
  condition: { kind: "no-update", minutes: 60 },
  levels: [
    { level: 1, actions: [{ kind: "notify-lead" }] },
    { level: 2, afterMinutes: 30, actions: [{ kind: "raise-priority" }] },
  ],
  ...extra,
});

describe("no-update rules", () => {
  it("arm each level at the last update plus its minutes", () => {
    const h = [opened(), message(T0 + 10 * MIN, "note")];
    expect(pendingEscalations(ticketOf(h), h, [stalled()], T0).map((l) => [l.level, l.dueAt])).toEqual([
      [1, T0 + 70 * MIN],
      [2, T0 + 100 * MIN],
    ]);
  });
  it("are not due before their deadline", () => {
    const h = [opened()];
    expect(dueEscalations(ticketOf(h), h, [stalled()], T0 + 60 * MIN - 1)).toEqual([]);
  });
  it("fire every level whose deadline has passed, in order", () => {
    const h = [opened()];
    expect(dueEscalations(ticketOf(h), h, [stalled()], T0 + 100 * MIN).map((l) => l.key)).toEqual([
      escalationKey("stalled", 1, T0),
      escalationKey("stalled", 2, T0),
    ]);
  });
  it("never fire a level again for the same stall", () => {
    const h = [opened(), escalated(T0 + 61 * MIN, "stalled", 1)];
    expect(dueEscalations(ticketOf(h), h, [stalled()], T0 + 200 * MIN).map((l) => l.level)).toEqual([2]);
  });
  it("re-arm after a new update starts a new stall", () => {
    const h = [opened(), escalated(T0 + 61 * MIN, "stalled", 1), message(T0 + 62 * MIN, "reply")];
    const due = dueEscalations(ticketOf(h), h, [stalled()], T0 + 122 * MIN);
    expect(due.map((l) => l.key)).toEqual([escalationKey("stalled", 1, T0 + 62 * MIN)]);
  });
  it("do not count escalation's own events or automatic messages as updates", () => {
    const h: Array<TicketEvent> = [
      opened(),
      escalated(T0 + 61 * MIN, "stalled", 1),
      { type: "PriorityChanged", at: T0 + 61 * MIN, by: { kind: "system", name: "escalation" }, from: "normal", to: "high", impact: null, urgency: null },
      message(T0 + 65 * MIN, "customer", true),
    ];
    expect(pendingEscalations(ticketOf(h), h, [stalled()], T0).map((l) => l.armedAt)).toEqual([T0]);
  });
  it("hold only in their statuses", () => {
    const h = [opened(), status(T0 + MIN, "new", "pending-customer")];
    expect(dueEscalations(ticketOf(h), h, [stalled()], T0 + 999 * MIN)).toEqual([]);
  });
  it("are skipped when disabled or of another service", () => {
    const h = [opened()];
    const rules = [stalled({ enabled: false }), stalled({ serviceId: "other" as ServiceId })];
    expect(dueEscalations(ticketOf(h), h, rules, T0 + 999 * MIN)).toEqual([]);
  });
  it("count business minutes through the given clock", () => {
    const h = [opened()];
    const clock = { addBusiness: (_: CalendarId, from: number, ms: number) => from + 2 * ms };
    const rule = stalled({ condition: { kind: "no-update", minutes: 60, calendarId: "office" as CalendarId } });
    expect(nextEscalationDeadline(ticketOf(h), h, [rule], T0, { clock })).toBe(T0 + 120 * MIN);
  });
  it("refuse business minutes without a clock", () => {
    const h = [opened()];
    const rule = stalled({ condition: { kind: "no-update", minutes: 60, calendarId: "office" as CalendarId } });
    expect(() => nextEscalationDeadline(ticketOf(h), h, [rule], T0)).toThrow(EscalationSetupError);
  });
});

describe("no-response rules", () => {
  const rule = stalled({ id: "silent" as RuleId, condition: { kind: "no-response", minutes: 30 } });
  it("arm at the first unanswered customer message", () => {
    const h = [opened(), message(T0 + MIN, "reply"), message(T0 + 5 * MIN, "customer"), message(T0 + 9 * MIN, "customer")];
    expect(pendingEscalations(ticketOf(h), h, [rule], T0)[0]?.armedAt).toBe(T0 + 5 * MIN);
  });
  it("disarm once an agent replies", () => {
    const h = [opened(), message(T0 + MIN, "reply")];
    expect(pendingEscalations(ticketOf(h), h, [rule], T0)).toEqual([]);
  });
  it("do not count an internal note as a response", () => {
    const h = [opened(), message(T0 + MIN, "note")];
    expect(pendingEscalations(ticketOf(h), h, [rule], T0)[0]?.armedAt).toBe(T0);
  });
});

describe("sla-threshold rules", () => {
  const rule = stalled({
    id: "near-breach" as RuleId,
    condition: { kind: "sla-threshold", metric: "resolution", threshold: "warning" },
    levels: [
      { level: 1, actions: [{ kind: "notify-lead" }] },
      { level: 2, threshold: "breach", afterMinutes: 10, actions: [{ kind: "raise-priority" }] },
    ],
  });
  const lookup = (at: Record<string, number>, cycleStart = T0) => (_: Ticket, __: unknown, ___: string, threshold: string) =>
    at[threshold] === undefined ? null : { at: at[threshold] as number, cycleStart };

  it("fall due at each level's threshold plus its minutes", () => {
    const h = [opened()];
    const slaThreshold = lookup({ warning: T0 + 80 * MIN, breach: T0 + 100 * MIN });
    expect(pendingEscalations(ticketOf(h), h, [rule], T0, { slaThreshold }).map((l) => [l.level, l.dueAt])).toEqual([
      [1, T0 + 80 * MIN],
      [2, T0 + 110 * MIN],
    ]);
  });
  it("do not re-fire a level when a re-target moves the threshold within the cycle", () => {
    const h = [opened(), escalated(T0 + 81 * MIN, "near-breach", 1)];
    const slaThreshold = lookup({ warning: T0 + 85 * MIN, breach: T0 + 100 * MIN });
    expect(dueEscalations(ticketOf(h), h, [rule], T0 + 90 * MIN, { slaThreshold })).toEqual([]);
  });
  it("re-arm in a new cycle of the metric", () => {
    const h = [opened(), escalated(T0 + 81 * MIN, "near-breach", 1)];
    const slaThreshold = lookup({ warning: T0 + 200 * MIN }, T0 + 150 * MIN);
    expect(dueEscalations(ticketOf(h), h, [rule], T0 + 200 * MIN, { slaThreshold }).map((l) => l.level)).toEqual([1]);
  });
  it("refuse to run without an SLA lookup", () => {
    const h = [opened()];
    expect(() => pendingEscalations(ticketOf(h), h, [rule], T0)).toThrow(EscalationSetupError);
  });
});

describe("escalation deadlines", () => {
  it("are the earliest unfired level, or null when nothing is armed", () => {
    const h = [opened()];
    expect(nextEscalationDeadline(ticketOf(h), h, [stalled()], T0)).toBe(T0 + 60 * MIN);
    expect(nextEscalationDeadline(ticketOf(h), h, [], T0)).toBeNull();
  });
  it("are the same for the same inputs and leave the inputs untouched", () => {
    const h = [opened(), message(T0 + MIN, "customer")];
    const t = ticketOf(h);
    const before = structuredClone({ h, t });
    const a = pendingEscalations(t, h, [stalled()], T0);
    expect(pendingEscalations(t, h, [stalled()], T0)).toEqual(a);
    expect({ h, t }).toEqual(before);
  });
});
