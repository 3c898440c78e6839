import { describe, expect, it } from "vitest";
import { differingPaths, formatChanges, substitutesFirst } from "./plan";

describe("differingPaths", () => {
  it("ignores key order and names each differing leaf, arrays item by item", () => {
    expect(differingPaths({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
    expect(differingPaths({ a: 1, b: { c: [1, 2], d: "x" } }, { a: 2, b: { c: [1, 3], d: "x" } })).toEqual(["a", "b.c.1"]);
    expect(differingPaths({ list: [1] }, { list: [1, 2] })).toEqual(["list"]);
    expect(differingPaths({ tier: "gold" }, {})).toEqual(["tier"]);
  });
});

describe("substitutesFirst", () => {
  const agent = (id: string, substituteId?: string) => ({ agent: { id, absences: substituteId ? [{ substituteId }] : [] } });
  it("puts a substitute before the agent they stand in for, and keeps the order otherwise", () => {
    const order = substitutesFirst([agent("ag-ana"), agent("ag-kim", "ag-lee"), agent("ag-lee"), agent("ag-zed")]).map((e) => e.agent.id);
    expect(order).toEqual(["ag-ana", "ag-lee", "ag-kim", "ag-zed"]);
  });
  it("keeps every agent once when substitutes form a cycle", () => {
    expect(substitutesFirst([agent("a", "b"), agent("b", "a")]).map((e) => e.agent.id)).toEqual(["b", "a"]);
  });
});

describe("formatChanges", () => {
  it("says no changes when only kept objects are listed", () => {
    expect(formatChanges([{ op: "keep", path: "service s › groups › g", note: "groups are never removed" }]))
      .toEqual(["= service s › groups › g: groups are never removed", "no changes"]);
    expect(formatChanges([{ op: "change", path: "agent a", file: "agents.yaml", fields: ["name", "skills.0"] }]))
      .toEqual(["~ agent a: name, skills.0 (agents.yaml)"]);
  });

  it("keeps one change per line: an id or file name with a line break cannot forge a line in the diff a reviewer reads", () => {
    const lines = formatChanges([
      { op: "add", path: "agent ag-x\n+ agent ag-trusted", file: "agents.yaml" },
      { op: "change", path: "agent a", file: "ag\rents\u2028.yaml", fields: ["name\u0000"] },
    ]);
    expect(lines).toEqual(['+ agent ag-x\\n+ agent ag-trusted (agents.yaml)', '~ agent a: name\\u0000 (ag\\rents\\u2028.yaml)']);
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
  });
});
