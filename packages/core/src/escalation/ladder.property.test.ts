import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AgentId, GroupId, RuleId } from "../ids/ids";
import { customer, note, opened } from "../sla/test-history";
import type { TicketEvent } from "../ticket/events";
import { fold } from "../ticket/evolve";
import type { Ticket } from "../ticket/schema";
import { lastActivityAt } from "./arming";
import { escalationEvents } from "./events";
import type { EscalationRule } from "./rule";

const T0 = Date.UTC(2025, 0, 6, 9);
const MIN = 60_000;
const rule: EscalationRule = {
  id: "stalled" as RuleId,
  serviceId: "svc-support" as never,
  name: "Stalled",
  enabled: true,
  condition: { kind: "no-update", minutes: 60 },
  levels: [
    { level: 1, actions: [{ kind: "notify-lead" }] },
    { level: 2, afterMinutes: 60, actions: [{ kind: "raise-priority" }] },
    { level: 3, afterMinutes: 120, actions: [{ kind: "transfer", groupId: "l2" as GroupId }] },
  ],
};
const dir = { groups: [{ id: "l1" as GroupId, serviceId: "svc-support" as never, name: "L1", level: "1" as const, members: [], leadId: "lead" as AgentId }], agents: [] };

/** Steps: an update (note or customer message) or a sweep, each some minutes after the previous step. */
const stepsArb = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 200 }), kind: fc.constantFrom("note", "customer", "sweep", "sweep") }), {
  maxLength: 40,
});

const replay = (steps: ReadonlyArray<{ gap: number; kind: string }>) => {
  let history: ReadonlyArray<TicketEvent> = [opened(T0)];
  let now = T0;
  const firings: Array<{ key: string; at: number; lastActivity: number | null }> = [];
  for (const s of steps) {
    now += s.gap * MIN;
    if (s.kind === "note") history = [...history, note(now)];
    else if (s.kind === "customer") history = [...history, customer(now)];
    else {
      const ticket = fold(history) as Ticket;
      const out = escalationEvents(ticket, history, [rule], now, dir);
      for (const l of out.fired) firings.push({ key: l.key, at: now, lastActivity: lastActivityAt(history) });
      for (const l of out.fired) expect(l.dueAt).toBeLessThanOrEqual(now);
      history = [...history, ...out.events];
    }
  }
  return { firings, history };
};

describe("escalation (properties)", () => {
  it("fires each (rule, level, stall) at most once however often it is swept", () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const keys = replay(steps).firings.map((f) => f.key);
        return new Set(keys).size === keys.length;
      }),
    );
  });
  it("arms every firing at the last update before it", () => {
    fc.assert(
      fc.property(stepsArb, (steps) => replay(steps).firings.every((f) => f.key.endsWith(`@${f.lastActivity}`))),
    );
  });
  it("fires level 1 again after an update once the new stall is due", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 500 }), fc.integer({ min: 60, max: 500 }), (first, second) => {
        const { firings } = replay([
          { gap: first, kind: "sweep" },
          { gap: 1, kind: "note" },
          { gap: second, kind: "sweep" },
        ]);
        return firings.filter((f) => f.key.startsWith("stalled:1@")).length === 2;
      }),
    );
  });
  it("is deterministic", () => {
    // Message ids come from a counter in the builders, so compare what escalation decided.
    fc.assert(fc.property(stepsArb, (steps) => JSON.stringify(replay(steps).firings) === JSON.stringify(replay(steps).firings)));
  });
});
