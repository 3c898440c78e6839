import { describe, expect, it } from "vitest";
import type { AgentId, GroupId, ServiceId } from "../ids/ids";
import type { Agent, Group } from "../service/schema";
import { assign, type AssignmentContext } from "./assign";
import { assignedEvent } from "./assigned-event";
import type { AssignmentStrategy } from "./strategy";

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
const group = (members: ReadonlyArray<string>): Group => ({
  id: "grp-1" as GroupId,
  serviceId: "svc" as ServiceId,
  name: "L1",
  level: "1",
  members: members as ReadonlyArray<AgentId>,
});
const strategy = (kind: AssignmentStrategy["kind"], extra: Partial<AssignmentStrategy> = {}): AssignmentStrategy => ({
  kind,
  respectCapacity: true,
  respectShift: true,
  ...extra,
});
const context = (agents: ReadonlyArray<Agent>, extra: Partial<AssignmentContext> = {}): AssignmentContext => ({
  agents,
  openCounts: {},
  lastAssigned: {},
  cursor: null,
  ...extra,
});

describe("assign", () => {
  it("assigns by round robin and returns the new cursor", () => {
    const r = assign({ group: group(["a", "b"]), strategy: strategy("round-robin") }, context([agent("a"), agent("b")], { cursor: "a" as AgentId }), NOW);
    expect([r.agentId, r.cursor, r.groupId]).toEqual(["b", "b", "grp-1"]);
  });
  it("leaves the ticket in the group queue under the queue strategy", () => {
    const r = assign({ group: group(["a"]), strategy: strategy("queue") }, context([agent("a")]), NOW);
    expect(r.agentId).toBeNull();
    expect(r.explanation.at(-1)).toContain("strategy is queue");
  });
  it("falls back to the group queue with the reason when nobody is eligible", () => {
    const a = agent("a", { capacity: 1 });
    const r = assign({ group: group(["a"]), strategy: strategy("fewest-open") }, context([a], { openCounts: { a: 1 } }), NOW);
    expect(r.agentId).toBeNull();
    expect(r.explanation).toContain("a is at capacity (1/1 open)");
    expect(r.explanation.at(-1)).toBe("no eligible agent: the ticket waits in the group queue");
  });
  it("gives the ticket to the substitute of an absent member", () => {
    const a = agent("a", { absences: [{ from: NOW - 1, to: NOW + 1, reason: "illness", substituteId: "s" as AgentId }] });
    const r = assign({ group: group(["a"]), strategy: strategy("round-robin") }, context([a, agent("s")]), NOW);
    expect([r.agentId, r.standsInFor, r.cursor]).toEqual(["s", "a", "a"]);
  });
  it("does not give the ticket to a substitute who fails the other filters", () => {
    const a = agent("a", { absences: [{ from: NOW - 1, to: NOW + 1, reason: "vacation", substituteId: "s" as AgentId }] });
    const s = agent("s", { capacity: 2 });
    const r = assign({ group: group(["a"]), strategy: strategy("round-robin") }, context([a, s], { openCounts: { s: 2 } }), NOW);
    expect(r.agentId).toBeNull();
  });
  it("requires the skills of both the strategy and the request", () => {
    const agents = [agent("a", { skills: ["french"] }), agent("b", { skills: ["french", "vip"] })];
    const r = assign(
      { group: group(["a", "b"]), strategy: strategy("round-robin", { requiredSkills: ["french"] }), requiredSkills: ["vip"] },
      context(agents),
      NOW,
    );
    expect(r.agentId).toBe("b");
  });
  it("skips off-shift agents when the strategy respects shifts", () => {
    const r = assign(
      { group: group(["a", "b"]), strategy: strategy("round-robin") },
      context([agent("a"), agent("b")], { isWorking: (ag) => ag.id === "b" }),
      NOW,
    );
    expect(r.agentId).toBe("b");
  });
  it("ignores shifts when the strategy does not respect them", () => {
    const r = assign(
      { group: group(["a", "b"]), strategy: strategy("round-robin", { respectShift: false }) },
      context([agent("a"), agent("b")], { isWorking: () => false }),
      NOW,
    );
    expect(r.agentId).toBe("a");
  });
  it("ignores capacity when the strategy does not respect it", () => {
    const r = assign(
      { group: group(["a"]), strategy: strategy("round-robin", { respectCapacity: false }) },
      context([agent("a", { capacity: 0 })]),
      NOW,
    );
    expect(r.agentId).toBe("a");
  });
  it("leaves out excluded agents", () => {
    const r = assign({ group: group(["a", "b"]), strategy: strategy("least-recent"), exclude: ["a" as AgentId] }, context([agent("a"), agent("b")]), NOW);
    expect(r.agentId).toBe("b");
  });
  it("explains a member that is not a known agent", () => {
    const r = assign({ group: group(["ghost"]), strategy: strategy("round-robin") }, context([]), NOW);
    expect(r.explanation).toContain("member ghost is not a known agent");
  });
  it("gives the same answer for the same inputs", () => {
    const req = { group: group(["a", "b", "c"]), strategy: strategy("fewest-open") };
    const ctx = context([agent("a"), agent("b"), agent("c")], { openCounts: { a: 2, b: 2, c: 3 } });
    expect(assign(req, ctx, NOW)).toEqual(assign(req, ctx, NOW));
  });
});

describe("assignedEvent", () => {
  it("records the chosen agent with the chooser's reason", () => {
    const a = assign({ group: group(["a"]), strategy: strategy("round-robin") }, context([agent("a")]), NOW);
    expect(assignedEvent(a, NOW, { kind: "system", name: "assignment" })).toEqual({
      type: "Assigned", at: NOW, by: { kind: "system", name: "assignment" }, groupId: "grp-1", agentId: "a",
      reason: "round robin: a is next after the start",
    });
  });
});
