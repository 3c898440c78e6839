import { describe, expect, it } from "vitest";
import type { AgentId, GroupId, ServiceId } from "../ids/ids";
import type { Absence, Agent, Group } from "../service/schema";
import type { Candidate } from "./candidate";
import { hasSkills, inGroup, notAbsent, onShift, underCapacity } from "./filters";

const NOW = Date.UTC(2024, 2, 4, 10);
const agent = (id: string, extra: Partial<Agent> = {}): Agent => ({
  id: id as AgentId,
  name: id,
  email: `${id}@example.com`,
  memberships: [],
  skills: [],
  absences: [],
  ...extra,
});
const away = (substituteId?: string): Absence => ({
  from: NOW - 1000,
  to: NOW + 1000,
  reason: "vacation",
  ...(substituteId ? { substituteId: substituteId as AgentId } : {}),
});
const group = (members: ReadonlyArray<string>): Group => ({
  id: "grp-1" as GroupId,
  serviceId: "svc" as ServiceId,
  name: "L1",
  level: "1",
  members: members as ReadonlyArray<AgentId>,
});
const own = (...agents: ReadonlyArray<Agent>): ReadonlyArray<Candidate> => agents.map((a) => ({ agent: a, standsInFor: null }));
const ids = (cs: ReadonlyArray<Candidate>) => cs.map((c) => c.agent.id);

describe("inGroup", () => {
  it("keeps only members of the group", () => {
    expect(ids(inGroup(group(["a", "c"]))(own(agent("a"), agent("b"), agent("c")), NOW).kept)).toEqual(["a", "c"]);
  });
  it("keeps a substitute standing in for a member", () => {
    const r = inGroup(group(["a"]))([{ agent: agent("s"), standsInFor: "a" as AgentId }], NOW);
    expect(ids(r.kept)).toEqual(["s"]);
  });
});

describe("hasSkills", () => {
  it("keeps agents with every required skill and names the missing ones", () => {
    const r = hasSkills(["french", "billing"])(own(agent("a", { skills: ["french"] }), agent("b", { skills: ["billing", "french"] })), NOW);
    expect(ids(r.kept)).toEqual(["b"]);
    expect(r.notes).toEqual(["a lacks skill(s): billing"]);
  });
  it("keeps everyone when no skill is required", () => {
    expect(ids(hasSkills([])(own(agent("a")), NOW).kept)).toEqual(["a"]);
  });
});

describe("onShift", () => {
  it("drops agents the shift check says are off", () => {
    const r = onShift((a) => a.id !== "b")(own(agent("a"), agent("b")), NOW);
    expect(ids(r.kept)).toEqual(["a"]);
    expect(r.notes[0]).toContain("b is off shift");
  });
  it("passes the instant of assignment to the shift check", () => {
    let seen = 0;
    onShift((_, now) => ((seen = now), true))(own(agent("a")), NOW);
    expect(seen).toBe(NOW);
  });
});

describe("notAbsent", () => {
  it("drops an absent agent without a substitute", () => {
    const a = agent("a", { absences: [away()] });
    const r = notAbsent([a])(own(a), NOW);
    expect(r.kept).toEqual([]);
    expect(r.notes[0]).toContain("a is absent (vacation");
  });
  it("keeps an agent whose absence has ended", () => {
    const a = agent("a", { absences: [{ ...away(), to: NOW }] });
    expect(ids(notAbsent([a])(own(a), NOW).kept)).toEqual(["a"]);
  });
  it("puts the present substitute in the absent agent's place", () => {
    const a = agent("a", { absences: [away("s")] });
    const s = agent("s");
    const r = notAbsent([a, s])(own(a), NOW);
    expect(r.kept).toEqual([{ agent: s, standsInFor: "a" }]);
    expect(r.notes[0]).toContain("substitute s stands in");
  });
  it("follows a chain of absent substitutes to a present one", () => {
    const a = agent("a", { absences: [away("s")] });
    const s = agent("s", { absences: [away("t")] });
    const t = agent("t");
    expect(notAbsent([a, s, t])(own(a), NOW).kept).toEqual([{ agent: t, standsInFor: "a" }]);
  });
  it("stops on a cycle of substitutes", () => {
    const a = agent("a", { absences: [away("s")] });
    const s = agent("s", { absences: [away("a")] });
    expect(notAbsent([a, s])(own(a, s), NOW).kept).toEqual([]);
  });
  it("lists a member who also substitutes only once, in their own place", () => {
    const a = agent("a", { absences: [away("b")] });
    const b = agent("b");
    expect(notAbsent([a, b])(own(a, b), NOW).kept).toEqual([{ agent: b, standsInFor: null }]);
  });
  it("drops an unknown substitute", () => {
    const a = agent("a", { absences: [away("ghost")] });
    const r = notAbsent([a])(own(a), NOW);
    expect(r.kept).toEqual([]);
    expect(r.notes[0]).toContain("substitute ghost is unknown");
  });
});

describe("underCapacity", () => {
  it("drops agents at or over capacity", () => {
    const r = underCapacity({ a: 2, b: 1 })(own(agent("a", { capacity: 2 }), agent("b", { capacity: 2 })), NOW);
    expect(ids(r.kept)).toEqual(["b"]);
    expect(r.notes).toEqual(["a is at capacity (2/2 open)"]);
  });
  it("treats a missing capacity as unlimited", () => {
    expect(ids(underCapacity({ a: 999 })(own(agent("a")), NOW).kept)).toEqual(["a"]);
  });
  it("drops an agent whose capacity is zero", () => {
    expect(underCapacity({})(own(agent("a", { capacity: 0 })), NOW).kept).toEqual([]);
  });
});

describe("underCapacity with a Map of counts", () => {
  it("reads the counts the store returns", () => {
    const r = underCapacity(new Map([["a", 2]]))(own(agent("a", { capacity: 2 }), agent("b", { capacity: 2 })), NOW);
    expect(ids(r.kept)).toEqual(["b"]);
  });
});
