/**
 * `@spoc/reporting`: data sets over a desk's tickets (in memory or in SQL), the standard reports,
 * runs, schedules that mail them, and the HTML, XLSX and PDF renderers.
 * @module @spoc/reporting
 */
export { Aggregate, Align, Column, ColumnKind, aggregateOf, alignOf, isNumericKind, widthOf } from "./model/column";
export { ReportMeta, ReportPeriod } from "./model/report-meta";
export { ChartSpec, Grouping, maxChartCategories } from "./model/report-layout";
export { ReportLayoutError, validateLayout } from "./model/report-layout-error";
export { groupKeyOf, type ComputedTotals } from "./model/computed-totals";
export { defaultLocale, type RenderOptions, type RenderSummary, type ReportFormat } from "./model/render-options";
export { ValueFormatter } from "./model/value-formatter";
export { formatDurationMinutes } from "./model/format-duration";
export { renderReport, type AnyRenderOptions } from "./render/render-report";
export { renderHtml, type HtmlOptions } from "./render/html/render-html";
export { defaultHtmlTheme, HtmlThemeError, resolveTheme, type HtmlTheme } from "./render/html/html-theme";
export { renderXlsx, type XlsxOptions } from "./render/xlsx/render-xlsx";
export { neutraliseText } from "./render/xlsx/neutralise-formula";
export { renderPdf, type PdfOptions } from "./render/pdf/render-pdf";
export { importRendererPackage, MissingRendererError, type RendererPackage } from "./render/renderer-package";
export * from "./dataset/index";
export * from "./reports/index";
export * from "./run/index";
export * from "./sql/index";
export * from "./schedule/index";
