import { describe, expect, it } from "vitest";
import type { ChartData } from "../model/chart-data";
import { chartGeometry, niceScale } from "./chart-geometry";

const data = (values: ReadonlyArray<number | null>, extra: Partial<ChartData> = {}): ChartData => ({
  type: "bar",
  title: "t",
  categories: values.map((_, i) => `c${i}`),
  series: [{ label: "s", values }],
  valueKind: "integer",
  truncated: false,
  ...extra,
});

describe("chart geometry", () => {
  it("rounds the axis up to a nice step", () => expect(niceScale(0, 87)).toEqual({ min: 0, max: 100, step: 20 }));
  it("includes zero for negative values", () => expect(niceScale(-12, 30).min).toBeLessThan(0));

  it("draws bars inside the plot, taller for larger values", () => {
    const g = chartGeometry(data([10, 40, null]), 600, 300, String);
    expect(g.bars).toHaveLength(2);
    const [a, b] = g.bars;
    expect(b!.h).toBeGreaterThan(a!.h);
    for (const bar of g.bars) {
      expect(bar.x).toBeGreaterThanOrEqual(g.plot.x);
      expect(bar.y + bar.h).toBeCloseTo(g.baseline);
    }
  });

  it("steps duration axes on clock units", () => {
    const g = chartGeometry(data([100, 410], { valueKind: "duration-minutes" }), 600, 300, String);
    expect(g.ticks.map((t) => Number(t.label))).toEqual([0, 120, 240, 360, 480]);
  });

  it("draws one polyline per series for line charts", () => {
    const g = chartGeometry(data([1, 2, 3], { type: "line" }), 600, 300, String);
    expect(g.lines[0]?.points).toHaveLength(3);
  });

  it("says when categories were left out", () => {
    expect(chartGeometry(data([1], { truncated: true }), 600, 300, String).note).toBe("First 1 shown");
    expect(chartGeometry(data([5, 1], { truncated: true, totalCategories: 9 }), 600, 300, String).note).toBe('Top 1 of 9, the rest in "Other"');
  });

  const overlaps = (boxes: ReadonlyArray<{ x: number; w: number }>) =>
    boxes.some((a, i) => boxes.some((b, j) => i < j && a.x < b.x + b.w && b.x < a.x + a.w));

  it.each([
    ["92 days of a quarter in the PDF", 92, "12 Mar 2025", true, 723, 4.4],
    ["366 days in HTML", 366, "12 Mar 2025", true, 960, 6.2],
    ["50 long names", 50, "Αλέξανδρος Κωνσταντινίδης-Οικονόμου", false, 723, 4.4],
    ["12 groups", 12, "Level 2 — Network and telephony", false, 960, 6.2],
  ] as const)("no two axis labels overlap: %s", (_, count, text, timeAxis, width, charWidth) => {
    const values = Array.from({ length: count }, (_, i) => i + 1);
    const g = chartGeometry(
      data(values, { categories: values.map((i) => `${text} ${i}`), type: timeAxis ? "line" : "bar", timeAxis }),
      width, 200, String, charWidth,
    );
    expect(g.categories.length).toBeGreaterThan(Math.min(count, 5));
    expect(overlaps(g.categories.map((c) => c.box))).toBe(false);
    for (const c of g.categories) {
      expect(c.box.x).toBeGreaterThanOrEqual(0);
      expect(c.box.x + c.box.w).toBeLessThanOrEqual(width);
    }
    // a time line keeps every point even where labels are thinned
    if (timeAxis) expect(g.lines[0]!.points).toHaveLength(count);
  });

  it("puts a long name on two lines rather than cutting it", () => {
    const names = ["Level 1 desk", "Level 2 — applications", "Level 2 — network", "No group", "PrintCo (vendor)", "Network operations centre"];
    const g = chartGeometry(data([9, 8, 7, 6, 5, 4], { categories: names }), 960, 300, String, 6.2);
    const last = g.categories.at(-1)!;
    expect(last.lines).toEqual(["Network operations", "centre"]);
    expect(g.categories.every((c) => !c.label.includes("…"))).toBe(true);
  });

  it("says 'No data in this period' instead of drawing an axis from 0 to 0", () => {
    expect(chartGeometry(data([0, 0, null]), 600, 300, String).empty).toBe("No data in this period");
    expect(chartGeometry(data([]), 600, 300, String).empty).toBe("No data in this period");
    expect(chartGeometry(data([0, 1]), 600, 300, String).empty).toBeUndefined();
  });
});
