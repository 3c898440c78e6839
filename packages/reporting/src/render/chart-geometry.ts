import type { ChartData } from "../model/chart-data";

/** A rectangle in chart coordinates (origin top left). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A chart laid out as plain shapes, drawn alike by the SVG (HTML) and pdfkit (PDF) renderers. */
export interface ChartGeometry {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly plot: Rect;
  readonly ticks: ReadonlyArray<{ readonly y: number; readonly label: string }>;
  /** Y of the value 0 line. */
  readonly baseline: number;
  readonly bars: ReadonlyArray<Rect & { readonly series: number; readonly tip: string }>;
  readonly lines: ReadonlyArray<{ readonly series: number; readonly points: ReadonlyArray<{ readonly x: number; readonly y: number; readonly tip: string }> }>;
  /** Category labels shown (thinned on a crowded axis), each with the box its text takes. */
  readonly categories: ReadonlyArray<{ readonly x: number; readonly label: string; readonly lines: ReadonlyArray<string>; readonly full: string; readonly box: Rect }>;
  /** Always false: labels are cut to their band or thinned, never turned. */
  readonly rotateLabels: boolean;
  /** Set when there is nothing to draw (no category, or only zeros): the chart says so instead of an axis from 0 to 0. */
  readonly empty: string | undefined;
  readonly legend: ReadonlyArray<{ readonly label: string; readonly series: number }>;
  readonly note: string | undefined;
}

/**
 * Round axis bounds and about five evenly spaced ticks covering `[min, max]`.
 * @example
 * niceScale(0, 87) // { min: 0, max: 100, step: 20 }
 */
export const niceScale = (
  min: number,
  max: number,
  count = 5,
  steps?: ReadonlyArray<number>,
): { min: number; max: number; step: number } => {
  const lo = Math.min(0, min);
  const hi = Math.max(0, max);
  const span = hi - lo || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = steps?.find((m) => m >= raw) ?? ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step || step, step };
};

// Durations read best on round clock steps (15 min, 30 min, 1 h, 2 h, … 1 day, 1 week).
const minuteSteps = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 10080];

const ellipsize = (s: string, max: number): string =>
  s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1)).trimEnd()}…`;

const gap = 6;

/** A name on one line if it fits `max` characters, else on two (split at a space), the second cut with "…" if need be. */
const twoLines = (full: string, max: number): Array<string> => {
  if (Array.from(full).length <= max) return [full];
  const words = full.split(" ");
  let first = "";
  let k = 0;
  while (k < words.length && Array.from(first ? `${first} ${words[k]}` : (words[k] ?? "")).length <= max) first = first ? `${first} ${words[k++]}` : (words[k++] ?? "");
  if (first === "") return [ellipsize(full, max)];
  return [first, ellipsize(words.slice(k).join(" "), max)];
};

/**
 * The category labels of the axis, none overlapping: all of them when they fit their band; text
 * labels cut to the band (with "…") while at least 4 characters fit; otherwise, and always on a
 * time axis, every k-th label, k the smallest step at which the labels clear each other.
 */
const categoryLabels = (data: ChartData, plot: Rect, band: number, charWidth: number, height: number, width: number) => {
  const widthOf = (s: string) => Array.from(s).length * charWidth;
  const longest = Math.max(0, ...data.categories.map(widthOf));
  let maxChars = Infinity;
  let step = 1;
  if (longest + gap > band) {
    const fitting = Math.floor((band - gap) / charWidth);
    if (!data.timeAxis && fitting >= 4) maxChars = fitting;
    else {
      if (!data.timeAxis) maxChars = 12;
      step = Math.ceil((Math.min(longest, maxChars * charWidth) + gap) / band);
    }
  }
  const y = plot.y + plot.h + 4;
  let right = -Infinity;
  return data.categories.flatMap((full, i) => {
    if (i % step !== 0) return [];
    const lines = twoLines(full, maxChars);
    const label = lines.join(" ");
    const w = Math.max(...lines.map(widthOf));
    // Centred under its point, but kept inside the chart (the first and last labels of a long axis).
    const left = Math.max(0, Math.min(width - w, plot.x + band * (i + 0.5) - w / 2));
    if (left < right + gap / 2) return []; // a label pushed back inside the chart would touch its neighbour
    right = left + w;
    return [{ x: left + w / 2, label, lines, full, box: { x: left, y, w, h: height * lines.length } }];
  });
};

/**
 * Lays out a bar or line chart in a `width` × `height` box; `formatValue` labels the value axis.
 * @example
 * const g = chartGeometry(data, 760, 300, (n) => String(n))
 */
export const chartGeometry = (
  data: ChartData,
  width: number,
  height: number,
  formatValue: (n: number) => string,
  charWidth = 6.2,
  legendInside = true,
): ChartGeometry => {
  const all = data.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const scale = niceScale(
    Math.min(0, ...all),
    Math.max(0, ...all),
    5,
    data.valueKind === "duration-minutes" && Math.max(...all.map(Math.abs)) <= 50_000 ? minuteSteps : undefined,
  );
  const tickValues: Array<number> = [];
  for (let v = scale.min; v <= scale.max + scale.step / 2; v += scale.step) tickValues.push(v);
  const tickLabels = tickValues.map((v) => formatValue(Math.abs(v) < scale.step / 1e6 ? 0 : v));
  const n = Math.max(1, data.categories.length);
  const legendHeight = legendInside && data.series.length > 1 ? 22 : 0;
  const left = 14 + Math.max(...tickLabels.map((l) => l.length)) * charWidth;
  const top = 16 + legendHeight;
  const labelHeight = charWidth * 2;
  const bottom = 6 + charWidth * 5.6;
  const plot = { x: left, y: top, w: width - left - 16, h: height - top - bottom };
  const yOf = (v: number): number => plot.y + plot.h - ((v - scale.min) / (scale.max - scale.min)) * plot.h;
  const band = plot.w / n;
  const categories = categoryLabels(data, plot, band, charWidth, labelHeight, width);
  const baseline = yOf(0);
  const bars: Array<Rect & { series: number; tip: string }> = [];
  const lines: Array<{ series: number; points: Array<{ x: number; y: number; tip: string }> }> = [];
  if (data.type === "bar") {
    const groupW = band * 0.72;
    const barW = groupW / Math.max(1, data.series.length);
    data.series.forEach((s, si) =>
      s.values.forEach((v, ci) => {
        if (v === null) return;
        const y = yOf(v);
        const x = plot.x + band * ci + (band - groupW) / 2 + barW * si;
        bars.push({
          x,
          y: Math.min(y, baseline),
          w: Math.max(1, barW - 2),
          h: Math.abs(baseline - y),
          series: si,
          tip: `${data.categories[ci] ?? ""} · ${s.label}: ${formatValue(v)}`,
        });
      }),
    );
  } else {
    data.series.forEach((s, si) =>
      lines.push({
        series: si,
        points: s.values.flatMap((v, ci) =>
          v === null
            ? []
            : [{ x: plot.x + band * (ci + 0.5), y: yOf(v), tip: `${data.categories[ci] ?? ""} · ${s.label}: ${formatValue(v)}` }],
        ),
      }),
    );
  }
  return {
    width,
    height,
    title: data.title,
    plot,
    ticks: tickValues.map((v, i) => ({ y: yOf(v), label: tickLabels[i] ?? "" })),
    baseline,
    bars,
    lines,
    categories,
    rotateLabels: false,
    empty: all.every((v) => v === 0) ? "No data in this period" : undefined,
    legend: data.series.length > 1 ? data.series.map((s, i) => ({ label: s.label, series: i })) : [],
    note: !data.truncated
      ? undefined
      : data.timeAxis
        ? `First ${data.categories.length} of ${data.totalCategories ?? "more"} shown`
        : data.totalCategories !== undefined
          ? `Top ${data.categories.length - 1} of ${data.totalCategories}, the rest in "Other"`
          : `First ${data.categories.length} shown`,
  };
};
