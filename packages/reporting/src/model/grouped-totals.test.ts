import { describe, expect, it } from "vitest";
import type { Column } from "./column";
import { GroupedTotals } from "./grouped-totals";

const columns: ReadonlyArray<Column> = [
  { key: "g", label: "G", kind: "text" },
  { key: "n", label: "N", kind: "integer" },
  { key: "p", label: "P", kind: "percent" },
  { key: "m", label: "M", kind: "duration-minutes", aggregate: "none" },
];

describe("GroupedTotals", () => {
  it("closes a group when the group value changes and totals every row", () => {
    const g = new GroupedTotals(columns, { by: "g" }, String);
    const boundaries = [
      { g: "a", n: 1, p: 0.5 },
      { g: "a", n: 2, p: 1 },
      { g: "b", n: 4, p: null },
    ].map((row) => g.push(row));
    expect(boundaries[0]).toEqual({ closed: undefined, opened: { label: "a" } });
    expect(boundaries[1]).toBeUndefined();
    expect(boundaries[2]?.closed).toEqual({ kind: "subtotal", label: "a", rowCount: 2, values: { n: 3, p: 0.75 } });
    const end = g.finish();
    expect(end.closed).toEqual({ kind: "subtotal", label: "b", rowCount: 1, values: { n: 4, p: null } });
    expect(end.total).toEqual({ kind: "total", label: "Total", rowCount: 3, values: { n: 7, p: 0.75 } });
  });

  it("sums percentages by their mean and leaves aggregate-none columns out", () => {
    const g = new GroupedTotals(columns, undefined, String);
    g.push({ n: "5", p: 0.2, m: 10 });
    expect(g.finish().total.values).toEqual({ n: 5, p: 0.2 });
  });

  it("does not mutate the rows it reads", () => {
    const row = Object.freeze({ g: "a", n: 1, p: 0.1 });
    const g = new GroupedTotals(columns, { by: "g" }, String);
    expect(() => g.push(row)).not.toThrow();
  });

  it("treats equal dates as one group", () => {
    const g = new GroupedTotals(columns, { by: "g" }, String);
    g.push({ g: new Date(0) });
    expect(g.push({ g: new Date(0) })).toBeUndefined();
  });
});
