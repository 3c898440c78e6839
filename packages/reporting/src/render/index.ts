/**
 * `@spoc/reporting/render`: the HTML, XLSX and PDF renderers alone.
 *
 * A process that only turns rows into a file (a report worker, a benchmark, a script) imports this
 * entry instead of `@spoc/reporting`: it loads neither effect, nor `@spoc/core`, nor kysely, nor
 * the scheduler and mailer, only the renderers; exceljs, pdfkit and handlebars still load on the
 * first render of their format. Functions and errors are the very same objects as the ones
 * `@spoc/reporting` exports (`instanceof` works across both entries).
 *
 * Models come as types only: rows and columns are trusted here. To decode untrusted input
 * (`Column`, `ReportMeta`, `ChartSpec` schemas) use `@spoc/reporting`. `validateLayout` still
 * checks that columns, grouping and chart agree before any byte is written.
 * @example
 * import { renderXlsx, type Column } from "@spoc/reporting/render"
 * const columns: ReadonlyArray<Column> = [{ key: "agent", label: "Agent", kind: "text" }]
 * await renderXlsx(meta, columns, rows, {}, fs.createWriteStream("report.xlsx"))
 * @module @spoc/reporting/render
 */
import type * as C from "../model/column";
import type * as L from "../model/report-layout";
import type * as M from "../model/report-meta";

// Type aliases, not re-exports: the schemas of the same names are values only in `@spoc/reporting`,
// and a plain `export type { Column }` lets the bundled .d.ts claim the value exists here too.
/**
 * How a column's values are typed, formatted and totalled.
 * @example
 * const kind: ColumnKind = "percent"
 */
export type ColumnKind = C.ColumnKind;
/**
 * How a numeric column is folded into subtotals and the grand total.
 * @example
 * const aggregate: Aggregate = "sum"
 */
export type Aggregate = C.Aggregate;
/**
 * Horizontal alignment of a column's cells.
 * @example
 * const align: Align = "center"
 */
export type Align = C.Align;
/**
 * One column of a report: which row field it reads, its heading and its kind.
 * @example
 * const column: Column = { key: "created", label: "Created", kind: "integer", aggregate: "sum" }
 */
export type Column = C.Column;
/**
 * The period a report covers, as instants, with the time zone its dates are shown in.
 * @example
 * const period: ReportPeriod = { from: new Date("2026-03-01"), to: new Date("2026-04-01"), timeZone: "Europe/Madrid" }
 */
export type ReportPeriod = M.ReportPeriod;
/**
 * What a rendered report says about itself: title, period, when it was made, for which services.
 * @example
 * const meta: ReportMeta = { title: "Backlog", period, generatedAt: new Date(), serviceNames: ["IT Support"] }
 */
export type ReportMeta = M.ReportMeta;
/**
 * Groups rows by one column: a subtotal row closes each group, a grand total closes the report.
 * @example
 * const grouping: Grouping = { by: "group" } // a subtotal after each group of rows
 */
export type Grouping = L.Grouping;
/**
 * A bar or line chart of some numeric columns against a category column.
 * @example
 * const chart: ChartSpec = { type: "line", category: "period", values: ["created", "resolved"] }
 */
export type ChartSpec = L.ChartSpec;

export { aggregateOf, alignOf, isNumericKind, widthOf } from "../model/column-rules";
export { maxChartCategories } from "../model/chart-limit";
export { ReportLayoutError, validateLayout } from "../model/report-layout-error";
export { groupKeyOf, type ComputedTotals } from "../model/computed-totals";
export { defaultLocale, type RenderOptions, type RenderSummary, type ReportFormat } from "../model/render-options";
export { ValueFormatter } from "../model/value-formatter";
export { formatDurationMinutes } from "../model/format-duration";
export { renderReport, type AnyRenderOptions } from "./render-report";
export { renderHtml, type HtmlOptions } from "./html/render-html";
export { defaultHtmlTheme, HtmlThemeError, resolveTheme, type HtmlTheme } from "./html/html-theme";
export { renderXlsx, type XlsxOptions } from "./xlsx/render-xlsx";
export { neutraliseText } from "./xlsx/neutralise-formula";
export { renderPdf, type PdfOptions } from "./pdf/render-pdf";
export { importRendererPackage, MissingRendererError, type RendererPackage } from "./renderer-package";
