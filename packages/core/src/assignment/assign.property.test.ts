import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AgentId, GroupId, ServiceId } from "../ids/ids";
import { absenceAt, type Agent, type Group } from "../service/schema";
import { assign } from "./assign";
import { ChooserKind } from "./strategy";

const NOW = 1_000_000;
const IDS = ["a", "b", "c", "d", "e", "f"] as const;

const agentArb = (id: string) =>
  fc.record({
    capacity: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    absent: fc.boolean(),
    substitute: fc.option(fc.constantFrom(...IDS), { nil: undefined }),
    skills: fc.subarray(["fr", "de", "vip"]),
  }).map(({ capacity, absent, substitute, skills }): Agent => ({
    id: id as AgentId,
    name: id,
    email: "",
    memberships: [],
    skills,
    ...(capacity !== undefined ? { capacity } : {}),
    absences: absent
      ? [{ from: NOW - 10, to: NOW + 10, reason: "vacation", ...(substitute ? { substituteId: substitute as AgentId } : {}) }]
      : [],
  }));

const worldArb = fc.record({
  agents: fc.tuple(...IDS.map(agentArb)),
  members: fc.subarray<string>([...IDS]),
  open: fc.dictionary(fc.constantFrom(...IDS), fc.integer({ min: 0, max: 4 })),
  last: fc.dictionary(fc.constantFrom(...IDS), fc.integer({ min: 0, max: NOW })),
  cursor: fc.option(fc.constantFrom(...IDS), { nil: null }),
  kind: fc.constantFrom(...ChooserKind.literals),
  skills: fc.subarray(["fr", "de", "vip"], { maxLength: 1 }),
});

type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

const run = (w: World) => {
  const group: Group = { id: "g" as GroupId, serviceId: "s" as ServiceId, name: "g", level: "1", members: w.members.map((m) => m as AgentId) };
  return assign(
    { group, strategy: { kind: w.kind, requiredSkills: w.skills, respectCapacity: true, respectShift: true } },
    { agents: w.agents, openCounts: w.open, lastAssigned: w.last, cursor: w.cursor as AgentId | null },
    NOW,
  );
};

describe("assign (properties)", () => {
  it("never picks an absent agent", () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const r = run(w);
        const chosen = w.agents.find((a) => a.id === r.agentId);
        return r.agentId === null || (chosen !== undefined && absenceAt(chosen, NOW) === undefined);
      }),
    );
  });
  it("never picks an agent at or over capacity", () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const r = run(w);
        const chosen = w.agents.find((a) => a.id === r.agentId);
        return r.agentId === null || (chosen !== undefined && (chosen.capacity === undefined || (w.open[chosen.id] ?? 0) < chosen.capacity));
      }),
    );
  });
  it("only picks a group member or a substitute for an absent member", () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const r = run(w);
        if (r.agentId === null) return true;
        if (r.standsInFor !== undefined) return w.members.includes(r.standsInFor) && r.agentId !== r.standsInFor;
        return w.members.includes(r.agentId);
      }),
    );
  });
  it("is deterministic and does not mutate its inputs", () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const before = structuredClone(w);
        const a = run(w);
        expect(w).toEqual(before);
        expect(run(w)).toEqual(a);
      }),
    );
  });
});
