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
  });
});
