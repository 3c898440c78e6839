import { describe, expect, it } from "vitest";
import type { Column } from "./column";
import { ReportLayoutError, validateLayout } from "./report-layout-error";

const columns: ReadonlyArray<Column> = [
  { key: "agent", label: "Agent", kind: "text" },
  { key: "n", label: "N", kind: "integer" },
];

describe("validateLayout", () => {
  it("accepts a chart of numeric columns against an existing category", () => {
    expect(() => validateLayout(columns, { chart: { type: "bar", category: "agent", values: ["n"] } })).not.toThrow();
  });

  it.each([
    ["no columns", [], {}],
    ["a duplicate key", [...columns, { key: "n", label: "again", kind: "integer" }], {}],
    ["a missing grouping column", columns, { grouping: { by: "service" } }],
    ["a chart of text", columns, { chart: { type: "bar", category: "agent", values: ["agent"] } }],
    ["a chart of groups without grouping", columns, { chart: { type: "bar", category: "agent", values: ["n"], source: "groups" } }],
  ] as const)("refuses %s", (_, cols, options) => {
    expect(() => validateLayout(cols as ReadonlyArray<Column>, options as never)).toThrow(ReportLayoutError);
  });
});

describe("ReportLayoutError", () => {
  it("keeps the tagged-error shape Effect code narrows on, without effect", () => {
    const e = new ReportLayoutError({ message: 'grouping column "x" is not a column' });
    expect(e).toBeInstanceOf(Error);
    expect([e._tag, e.name, e.message]).toEqual(["ReportLayoutError", "ReportLayoutError", 'grouping column "x" is not a column']);
    expect(JSON.parse(JSON.stringify(e))).toEqual({ _tag: "ReportLayoutError", message: 'grouping column "x" is not a column' });
    expect(String(e)).toBe('ReportLayoutError: grouping column "x" is not a column');
  });
});
