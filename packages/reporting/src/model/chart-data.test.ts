import { describe, expect, it } from "vitest";
import { ChartCollector } from "./chart-data";
import type { Column } from "./column";
import { ValueFormatter } from "./value-formatter";

const columns: ReadonlyArray<Column> = [
  { key: "service", label: "Service", kind: "text" },
  { key: "group", label: "Group", kind: "text" },
  { key: "day", label: "Day", kind: "date" },
  { key: "created", label: "Created", kind: "integer" },
  { key: "rate", label: "Rate", kind: "percent" },
];
const fmt = new ValueFormatter("en-GB", "UTC");
const line = (label: string, created: number) => ({ kind: "subtotal" as const, label, rowCount: 1, values: { created, rate: 0.5 } });

describe("chart categories", () => {
  it("ranks groups by value and adds up the rest into Other, so the largest group is always shown", () => {
    const c = new ChartCollector({ type: "bar", category: "group", values: ["created", "rate"], limit: 4 }, columns, fmt, { by: "group" });
    for (let i = 1; i <= 20; i++) c.addSubtotal(line(`Group ${i}`, i === 7 ? 450 : i));
    const d = c.data();
    expect(d.categories).toEqual(["Group 7", "Group 20", "Group 19", "Other (17)"]);
    expect(d.series[0]!.values).toEqual([450, 20, 19, 210 - 7 - 20 - 19]);
    expect(d.series[1]!.values[3]).toBeNull(); // a rate of "Other" is not the sum of rates
    expect(d.truncated).toBe(true);
  });

  it("sorts names naturally when ordered by name", () => {
    const c = new ChartCollector({ type: "bar", category: "group", values: ["created"], order: "name" }, columns, fmt, { by: "group" });
    for (const g of ["Group 10", "Group 2", "Group 1", "group 3"]) c.addSubtotal(line(g, 1));
    expect(c.data().categories).toEqual(["Group 1", "Group 2", "group 3", "Group 10"]);
  });

  it("names each category with its group when rows of a grouped report are charted", () => {
    const c = new ChartCollector({ type: "bar", category: "group", values: ["created"], source: "rows" }, columns, fmt, { by: "service" });
    c.addRow({ service: "IT", group: "High", created: 3 }, "IT");
    c.addRow({ service: "HR", group: "High", created: 5 }, "HR");
    expect(c.data().categories).toEqual(["High (HR)", "High (IT)"]);
  });

  it("keeps every point of a time line in time order, past the category limit", () => {
    const c = new ChartCollector({ type: "line", category: "day", values: ["created"], limit: 10 }, columns, fmt, undefined);
    for (let i = 0; i < 92; i++) c.addRow({ day: new Date(Date.UTC(2025, 0, 1 + i)), created: 92 - i });
    const d = c.data();
    expect(d.categories).toHaveLength(92);
    expect(d.categories[0]).toBe("1 Jan 2025");
    expect(d.truncated).toBe(false);
  });
});
