import type { Writable } from "node:stream";
import { hasLongWord } from "./long-words";
import type { Column } from "../../model/column";
import { alignOf, widthOf } from "../../model/column-rules";
import { ChartCollector } from "../../model/chart-data";
import { toText } from "../../model/coerce-value";
import { GroupedTotals } from "../../model/grouped-totals";
import { validateLayout } from "../../model/report-layout-error";
import type { ReportMeta } from "../../model/report-meta";
import { defaultLocale, type RenderOptions, type RenderSummary } from "../../model/render-options";
import type { TotalsRow } from "../../model/running-totals";
import { ValueFormatter } from "../../model/value-formatter";
import { openSink } from "../output-sink";
import { labelColumnIndex, labelSpan, totalsCells } from "../totals-cells";
import { htmlChartView } from "./html-chart-view";
import { htmlCss } from "./html-css";
import { htmlTemplates } from "./html-templates";
import { resolveTheme, type HtmlTheme } from "./html-theme";

/**
 * Options of the HTML renderer.
 * @example
 * await renderHtml(meta, columns, rows, { theme: { accent: "#0a7" }, batchSize: 1000 }, output)
 */
export interface HtmlOptions extends RenderOptions {
  /** Colours and fonts over the default theme. */
  readonly theme?: Partial<HtmlTheme>;
  /** Rows rendered per chunk written to the output; default 500. */
  readonly batchSize?: number;
  /**
   * Most data rows drawn (an e-mail body shows the first rows of a large report); the rest are
   * counted, the totals still cover them and a note says so. Default: every row.
   */
  readonly rowLimit?: number;
  /** The note under a cut table (default "The first N of M rows are shown; the totals cover every row."). */
  readonly rowLimitNote?: string;
}

// A cell's class: its alignment, and `long` when a word in it is too long to keep whole (see hasLongWord).
const cellClass = (align: string | undefined, text: string): string => `${align ?? "left"}${hasLongWord(text) ? " long" : ""}`;

type RowView =
  | { readonly group: string; readonly long: boolean }
  | { readonly cls: string; readonly cells: ReadonlyArray<{ a: string; t: string; span?: number | undefined }> };

/**
 * Streams a report as one self-contained HTML file (inline CSS and SVG), escaping every value.
 *
 * Writes the header, then rows in batches, then totals, chart and footer; ends `output`.
 * @example
 * await renderHtml(meta, columns, rows, { chart: { type: "bar", category: "agent", values: ["resolved"] } },
 *   fs.createWriteStream("report.html"))
 */
export const renderHtml = async (
  meta: ReportMeta,
  columns: ReadonlyArray<Column>,
  rows: AsyncIterable<Readonly<Record<string, unknown>>>,
  options: HtmlOptions,
  output: Writable,
): Promise<RenderSummary> => {
  validateLayout(columns, options);
  const theme = resolveTheme(options.theme);
  const fmt = new ValueFormatter(options.locale ?? defaultLocale, meta.period.timeZone);
  const templates = await htmlTemplates();
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const aligns = columns.map(alignOf);
  const totalWidth = columns.reduce((s, c) => s + widthOf(c), 0);
  const groupColumn = columns.find((c) => c.key === options.grouping?.by);
  const groups = new GroupedTotals(columns, options.grouping, (v) =>
    groupColumn ? fmt.format(groupColumn, v) || "(none)" : toText(v),
    options.computedTotals,
  );
  const chart = options.chart ? new ChartCollector(options.chart, columns, fmt, options.grouping) : undefined;
  const labelAt = labelColumnIndex(columns);
  const span = labelSpan(columns);
  const totalsView = (t: TotalsRow) => ({
    cls: t.kind,
    cells: totalsCells(columns, t, fmt).flatMap((text, i) =>
      i > labelAt && i < labelAt + span ? [] : [{ a: cellClass(aligns[i], text), t: text, span: i === labelAt && span > 1 ? span : undefined }],
    ),
  });
  const sink = openSink(output);
  try {
    await sink.write(
      templates.head({
        lang: (options.locale ?? defaultLocale).split("-")[0],
        css: htmlCss(theme),
        title: meta.title,
        subtitle: meta.subtitle,
        services: meta.serviceNames.join(" · "),
        period: fmt.formatPeriod(meta.period.from, meta.period.to),
        timeZone: meta.period.timeZone,
        generatedAt: fmt.formatInstant(meta.generatedAt),
        facts: meta.facts ?? [],
        columns: columns.map((c, i) => ({
          label: c.label,
          align: aligns[i],
          width: Math.round((widthOf(c) / totalWidth) * 1000) / 10,
        })),
      }),
    );
    let batch: Array<RowView> = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const html = templates.rows({ rows: batch, span: columns.length });
      batch = [];
      await sink.write(html);
    };
    const limit = options.rowLimit ?? Infinity;
    const closeGroup = (t: TotalsRow | undefined): void => {
      if (t === undefined) return;
      chart?.addSubtotal(t);
      if (groups.hasTotals && count <= limit) batch.push(totalsView(t));
    };
    let count = 0;
    let stripe = 0;
    let groupLabel: string | undefined;
    for await (const row of rows) {
      const boundary = groups.push(row);
      if (boundary !== undefined) {
        closeGroup(boundary.closed);
        if (count < limit) batch.push({ group: boundary.opened.label, long: hasLongWord(boundary.opened.label) });
        groupLabel = boundary.opened.label;
        stripe = 0;
      }
      chart?.addRow(row, groupLabel);
      if (count++ >= limit) continue;
      batch.push({
        cls: stripe++ % 2 === 1 ? "alt" : "",
        cells: columns.map((c, i) => {
          const t = fmt.format(c, row[c.key]);
          return { a: cellClass(aligns[i], t), t };
        }),
      });
      if (batch.length >= batchSize) await flush();
    }
    const end = groups.finish();
    closeGroup(end.closed);
    await flush();
    const valueColumn = columns.find((c) => c.key === options.chart?.values[0]);
    const chartData = chart?.data();
    await sink.write(
      templates.foot({
        total: options.totals !== false && groups.hasTotals && count > 0 ? totalsView(end.total).cells : undefined,
        empty: count === 0,
        cut: count > limit ? (options.rowLimitNote ?? `The first ${limit} of ${count} rows are shown; the totals cover every row.`) : undefined,
        chart: chartData ? htmlChartView(chartData, theme, (n) => (valueColumn ? fmt.formatNumber(valueColumn, n) : String(n))) : undefined,
        rowCount: `${count} ${count === 1 ? "row" : "rows"}`,
        generatedAt: fmt.formatInstant(meta.generatedAt),
      }),
    );
    return { rows: count, bytes: await sink.end() };
  } catch (error) {
    return sink.fail(error);
  }
};
