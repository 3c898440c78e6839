import { describe, expect, it } from "vitest";
import type { AgentId } from "../ids/ids";
import type { Agent } from "../service/schema";
import type { Candidate } from "./candidate";
import { fewestOpen, leastRecentlyAssigned, roundRobin } from "./choosers";

const agent = (id: string): Agent => ({ id: id as AgentId, name: id, email: "", memberships: [], skills: [], absences: [] });
const own = (...ids: ReadonlyArray<string>): ReadonlyArray<Candidate> => ids.map((id) => ({ agent: agent(id), standsInFor: null }));

describe("roundRobin", () => {
  it("starts with the lowest id when there is no cursor", () => {
    const c = roundRobin(null)(own("c", "a", "b"));
    expect([c.chosen?.agent.id, c.cursor]).toEqual(["a", "a"]);
  });
  it("picks the next id after the cursor", () => {
    expect(roundRobin("a" as AgentId)(own("c", "a", "b")).chosen?.agent.id).toBe("b");
  });
  it("wraps around after the last id", () => {
    expect(roundRobin("c" as AgentId)(own("c", "a", "b")).chosen?.agent.id).toBe("a");
  });
  it("skips past a cursor that is no longer eligible", () => {
    expect(roundRobin("b" as AgentId)(own("a", "c")).chosen?.agent.id).toBe("c");
  });
  it("gives a substitute the turn of the member they stand in for and keeps that slot as cursor", () => {
    const cs: ReadonlyArray<Candidate> = [...own("a", "c"), { agent: agent("z"), standsInFor: "b" as AgentId }];
    const c = roundRobin("a" as AgentId)(cs);
    expect([c.chosen?.agent.id, c.cursor]).toEqual(["z", "b"]);
  });
  it("chooses nobody from no candidates", () => {
    expect(roundRobin(null)([]).chosen).toBeNull();
  });
  it("is fair: over k×n assignments each of n eligible agents gets k", () => {
    const n = 5;
    const k = 7;
    const counts = new Map<string, number>();
    let cursor: AgentId | null = null;
    for (let i = 0; i < n * k; i++) {
      const c = roundRobin(cursor)(own("e", "b", "d", "a", "c"));
      cursor = c.cursor ?? null;
      const id = c.chosen?.agent.id ?? "";
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual(Array(n).fill(k));
  });
});

describe("fewestOpen", () => {
  it("picks the agent with the fewest open tickets", () => {
    expect(fewestOpen({ a: 3, b: 1, c: 2 })(own("a", "b", "c")).chosen?.agent.id).toBe("b");
  });
  it("breaks a tie by least recent assignment", () => {
    expect(fewestOpen({ a: 1, b: 1 }, { a: 10, b: 5 })(own("a", "b")).chosen?.agent.id).toBe("b");
  });
  it("breaks a full tie by id", () => {
    expect(fewestOpen({})(own("b", "a")).chosen?.agent.id).toBe("a");
  });
});

describe("leastRecentlyAssigned", () => {
  it("picks the agent assigned longest ago", () => {
    expect(leastRecentlyAssigned({ a: 300, b: 100, c: 200 })(own("a", "b", "c")).chosen?.agent.id).toBe("b");
  });
  it("prefers an agent never assigned", () => {
    expect(leastRecentlyAssigned({ a: 1, b: 2 })(own("a", "b", "c")).chosen?.agent.id).toBe("c");
  });
});
