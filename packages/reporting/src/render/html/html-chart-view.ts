import type { ChartData } from "../../model/chart-data";
import { chartGeometry } from "../chart-geometry";
import type { HtmlTheme } from "./html-theme";

const r = (n: number): number => Math.round(n * 10) / 10;

/**
 * The chart as the HTML template wants it: rounded coordinates and theme colours per series.
 * @example
 * htmlChartView(collector.data(), theme, (n) => formatter.formatNumber(column, n))
 */
export const htmlChartView = (data: ChartData, theme: HtmlTheme, formatValue: (n: number) => string) => {
  const g = chartGeometry(data, 960, 300, formatValue, 6.2, false);
  const color = (i: number): string => theme.chartColors[i % theme.chartColors.length] ?? theme.accent;
  return {
    title: g.title,
    width: g.width,
    height: g.height,
    plot: { x: r(g.plot.x) },
    right: r(g.plot.x + g.plot.w),
    tickX: r(g.plot.x - 8),
    labelY: r(g.plot.y + g.plot.h + 8),
    baseline: r(g.baseline),
    rotate: g.rotateLabels,
    grid: theme.border,
    axis: theme.muted,
    muted: theme.muted,
    note: g.note,
    empty: g.empty,
    ticks: g.ticks.map((t) => ({ y: r(t.y), label: t.label })),
    bars: g.bars.map((b) => ({ x: r(b.x), y: r(b.y), w: r(b.w), h: r(b.h), color: color(b.series), tip: b.tip })),
    lines: g.lines.map((l) => ({
      color: color(l.series),
      points: l.points.map((p) => `${r(p.x)},${r(p.y)}`).join(" "),
      dots: l.points.map((p) => ({ x: r(p.x), y: r(p.y), tip: p.tip })),
    })),
    categories: g.categories.map((c) => ({ x: r(c.x), label: c.label, full: c.full, second: c.lines[1] ?? "", first: c.lines[0] ?? "" })),
    legend: g.legend.map((l) => ({ label: l.label, color: color(l.series) })),
  };
};
