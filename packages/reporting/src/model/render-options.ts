import type { ComputedTotals } from "./computed-totals";
import type { ChartSpec, Grouping } from "./report-layout";

/**
 * Options every renderer understands.
 * @example
 * await renderHtml(meta, columns, rows, { grouping: { by: "group" }, totals: true, locale: "de-DE" }, output)
 */
export interface RenderOptions {
  /** Subtotals per group of consecutive rows with equal values in this column. */
  readonly grouping?: Grouping;
  /** A chart computed on at most 50 rows or group subtotals (XLSX ignores it). */
  readonly chart?: ChartSpec;
  /** BCP 47 locale for numbers and dates; default `en-GB`. */
  readonly locale?: string;
  /** Whether to write the grand-total line; default true when a column is totalled. */
  readonly totals?: boolean;
  /**
   * Subtotal and total figures computed from the data (`runReport` evaluates the data set at each
   * level); without them, totals fold the rows: sums, and means for percentages and `mean` columns.
   */
  readonly computedTotals?: ComputedTotals;
}

/**
 * What a renderer wrote: data rows (not totals) and bytes sent to the output.
 * @example
 * const summary: RenderSummary = await renderReport("xlsx", meta, columns, rows, {}, output) // { rows: 120, bytes: 9120 }
 */
export interface RenderSummary {
  readonly rows: number;
  readonly bytes?: number;
}

/**
 * The formats `renderReport` dispatches to.
 * @example
 * const formats: ReadonlyArray<ReportFormat> = ["html", "pdf"]
 */
export type ReportFormat = "html" | "xlsx" | "pdf";

/**
 * The default locale of rendered numbers and dates.
 * @example
 * new ValueFormatter(options.locale ?? defaultLocale, "Europe/Madrid") // "en-GB" unless a report sets its own
 */
export const defaultLocale = "en-GB";
