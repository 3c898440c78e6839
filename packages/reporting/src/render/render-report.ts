import type { Writable } from "node:stream";
import type { Column } from "../model/column";
import type { ReportMeta } from "../model/report-meta";
import type { RenderSummary, ReportFormat } from "../model/render-options";
import { renderHtml, type HtmlOptions } from "./html/render-html";
import { renderPdf, type PdfOptions } from "./pdf/render-pdf";
import { renderXlsx, type XlsxOptions } from "./xlsx/render-xlsx";

/**
 * Options of any renderer; each ignores the ones that are not its own.
 * @example
 * const options: AnyRenderOptions = { sheetName: "March", orientation: "portrait", theme: { accent: "#333" } }
 * await renderReport(format, meta, columns, rows, options, output)
 */
export type AnyRenderOptions = HtmlOptions & XlsxOptions & PdfOptions;

/**
 * Renders a report in the given format onto `output` (which it ends).
 * @example
 * await renderReport("html", meta, columns, rows, {}, fs.createWriteStream("report.html"))
 */
export const renderReport = (
  format: ReportFormat,
  meta: ReportMeta,
  columns: ReadonlyArray<Column>,
  rows: AsyncIterable<Readonly<Record<string, unknown>>>,
  options: AnyRenderOptions,
  output: Writable,
): Promise<RenderSummary> => {
  switch (format) {
    case "html":
      return renderHtml(meta, columns, rows, options, output);
    case "xlsx":
      return renderXlsx(meta, columns, rows, options, output);
    case "pdf":
      return renderPdf(meta, columns, rows, options, output);
  }
};
