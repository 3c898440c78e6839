import type { Writable } from "node:stream";
import type PDFDocument from "pdfkit";
import type { Column } from "../../model/column";
import { widthOf } from "../../model/column-rules";
import { ChartCollector } from "../../model/chart-data";
import { toText } from "../../model/coerce-value";
import { GroupedTotals } from "../../model/grouped-totals";
import { ReportLayoutError, validateLayout } from "../../model/report-layout-error";
import type { ReportMeta } from "../../model/report-meta";
import { defaultLocale, type RenderOptions, type RenderSummary } from "../../model/render-options";
import type { TotalsRow } from "../../model/running-totals";
import { ValueFormatter } from "../../model/value-formatter";
import { openSink } from "../output-sink";
import { labelColumnIndex, labelSpan, totalsCells } from "../totals-cells";
import { drawPdfChart } from "./draw-pdf-chart";
import { dejavuFontPaths } from "./pdf-fonts";
import { importRendererPackage } from "../renderer-package";
import { pdfFonts, pdfStyle as s } from "./pdf-style";
import { PdfTable } from "./pdf-table";

/**
 * Options of the PDF renderer.
 * @example
 * await renderPdf(meta, columns, rows, { orientation: "landscape", maxRows: 5000 }, output)
 */
export interface PdfOptions extends RenderOptions {
  /** Page orientation; `auto` (default) turns A4 landscape for more than 6 columns. */
  readonly orientation?: "auto" | "portrait" | "landscape";
  /** Most data rows drawn (pages are held in memory until "of N" is known); totals still cover all. Default 20,000. */
  readonly maxRows?: number;
}

type Doc = InstanceType<typeof PDFDocument>;
const chartHeight = 210;
/** Rows read ahead so that a chart of rows can be drawn on page 1. */
const readAhead = 5_000;

const drawHeading = (doc: Doc, meta: ReportMeta, fmt: ValueFormatter): number => {
  const left = s.margin;
  const width = doc.page.width - 2 * s.margin;
  doc.rect(left, s.margin, 42, 3).fill(s.accent);
  doc.font(pdfFonts.bold).fontSize(18).fillColor(s.text).text(meta.title, left, s.margin + 10, { width });
  if (meta.subtitle) doc.font(pdfFonts.regular).fontSize(11).fillColor(s.muted).text(meta.subtitle, { width });
  const facts = [
    `Period: ${fmt.formatPeriod(meta.period.from, meta.period.to)} (${meta.period.timeZone})`,
    `Generated: ${fmt.formatInstant(meta.generatedAt)}`,
    ...(meta.serviceNames.length > 0 ? [`Services: ${meta.serviceNames.join(", ")}`] : []),
    ...(meta.facts ?? []).map((f) => `${f.label}: ${f.value}`),
  ];
  doc.moveDown(0.4).font(pdfFonts.regular).fontSize(8.5).fillColor(s.muted).text(facts.join("   ·   "), { width });
  return doc.y + 14;
};

const drawFooters = (doc: Doc, meta: ReportMeta, fmt: ValueFormatter): void => {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - s.margin - 8;
    const right = doc.page.width - s.margin;
    doc.font(pdfFonts.regular).fontSize(7.5).fillColor(s.muted);
    const page = `Page ${i + 1} of ${total}`;
    doc.text(page, right - doc.widthOfString(page), y, { lineBreak: false });
    doc.text(`${meta.title} · ${fmt.formatInstant(meta.generatedAt)}`, s.margin, y, {
      lineBreak: false,
      width: right - s.margin - doc.widthOfString(page) - 20,
      ellipsis: true,
      height: 10,
    });
  }
};

// A4 in points (portrait width, height), and the narrowest column that still shows a figure.
const a4Points = [595.28, 841.89] as const;
const minColumnWidth = 2 * s.cellPadding + 18;

/**
 * Renders a report as an A4 PDF with embedded DejaVu Sans: title block, optional bar/line chart,
 * a paginated table (header on every page, zebra rows, subtotals, totals) and "Page i of N". Ends `output`.
 * @example
 * await renderPdf(meta, columns, rows, { grouping: { by: "service" } }, fs.createWriteStream("report.pdf"))
 */
export const renderPdf = async (
  meta: ReportMeta,
  columns: ReadonlyArray<Column>,
  rows: AsyncIterable<Readonly<Record<string, unknown>>>,
  options: PdfOptions,
  output: Writable,
): Promise<RenderSummary> => {
  validateLayout(columns, options);
  const fmt = new ValueFormatter(options.locale ?? defaultLocale, meta.period.timeZone);
  const orientation = options.orientation ?? "auto";
  const wide = columns.length > 6 || columns.reduce((sum, c) => sum + widthOf(c), 0) > 110;
  const landscape = orientation === "landscape" || (orientation === "auto" && wide);
  // Past this many columns each one is narrower than its padding and a few digits, and the page
  // came out as empty cells: refused before any byte, so the caller can choose XLSX or HTML.
  const pageWidth = (landscape ? a4Points[1] : a4Points[0]) - 2 * s.margin;
  const maxColumns = Math.floor(pageWidth / minColumnWidth);
  if (columns.length > maxColumns) {
    throw new ReportLayoutError({ message: `PDF: ${columns.length} columns do not fit a ${landscape ? "landscape" : "portrait"} A4 page, which shows at most ${maxColumns}; render this report as XLSX or HTML` });
  }
  const maxRows = options.maxRows ?? 20_000;
  // Loaded on first use, so hosts that never render a PDF do not pay for pdfkit and fontkit.
  const { default: PdfDocument } = await importRendererPackage("pdfkit", "pdf", () => import("pdfkit"));
  const doc = new PdfDocument({
    size: "A4",
    layout: landscape ? "landscape" : "portrait",
    margins: { top: s.margin, bottom: s.margin, left: s.margin, right: s.margin },
    bufferPages: true,
    info: { Title: meta.title, Creator: "spoc", Producer: "spoc", CreationDate: meta.generatedAt, ModDate: meta.generatedAt },
  });
  const fonts = await importRendererPackage("dejavu-fonts-ttf", "pdf", dejavuFontPaths);
  doc.registerFont(pdfFonts.regular, fonts.regular);
  doc.registerFont(pdfFonts.bold, fonts.bold);
  const sink = openSink(output);
  doc.pipe(sink.stream);
  const iterator = rows[Symbol.asyncIterator]();
  try {
    const groupColumn = columns.find((c) => c.key === options.grouping?.by);
    const groups = new GroupedTotals(columns, options.grouping, (v) =>
      groupColumn ? fmt.format(groupColumn, v) || "(none)" : toText(v),
      options.computedTotals,
    );
    const chart = options.chart ? new ChartCollector(options.chart, columns, fmt, options.grouping) : undefined;
    const valueColumn = columns.find((c) => c.key === options.chart?.values[0]);
    const formatValue = (n: number): string => (valueColumn ? fmt.formatNumber(valueColumn, n) : String(n));
    const groupLabelOf = (row: Readonly<Record<string, unknown>>): string | undefined => {
      if (options.grouping === undefined) return undefined;
      const v = row[options.grouping.by];
      return groupColumn ? fmt.format(groupColumn, v) || "(none)" : toText(v);
    };
    // The chart goes on page 1, before the table: a chart of groups from the totals computed from
    // the data, a chart of rows from the rows read ahead. Only past `readAhead` rows does it follow the table.
    const ahead: Array<Readonly<Record<string, unknown>>> = [];
    let exhausted = false;
    let chartDrawn = false;
    if (chart !== undefined) {
      const computed = chart.fromRows ? undefined : groups.computedSubtotals();
      if (computed !== undefined) {
        for (const t of computed) chart.addSubtotal(t);
        chartDrawn = true;
      } else if (chart.fromRows) {
        while (ahead.length < readAhead) {
          const next = await iterator.next();
          if (next.done === true) {
            exhausted = true;
            break;
          }
          ahead.push(next.value);
        }
        if (exhausted) {
          for (const row of ahead) chart.addRow(row, groupLabelOf(row));
          chartDrawn = true;
        }
      }
    }
    let top = drawHeading(doc, meta, fmt);
    if (chart !== undefined && chartDrawn) {
      drawPdfChart(doc, chart.data(), s.margin, top, doc.page.width - 2 * s.margin, chartHeight, formatValue);
      top += chartHeight + 14;
    }
    const table = new PdfTable(doc, columns, top);
    table.header();
    const showTotals = groups.hasTotals;
    const labelAt = labelColumnIndex(columns);
    const span = labelSpan(columns);
    let count = 0;
    let drawn = 0;
    let stripe = 0;
    const closeGroup = (t: TotalsRow | undefined): void => {
      if (t === undefined) return;
      if (!chartDrawn) chart?.addSubtotal(t);
      if (showTotals && drawn < maxRows) table.row(totalsCells(columns, t, fmt), "subtotal", labelAt, span);
    };
    const take = (row: Readonly<Record<string, unknown>>): void => {
      const boundary = groups.push(row);
      if (boundary !== undefined) {
        closeGroup(boundary.closed);
        if (drawn < maxRows) table.group(boundary.opened.label);
        stripe = 0;
      }
      if (!chartDrawn) chart?.addRow(row, groupLabelOf(row));
      count++;
      if (drawn >= maxRows) return;
      table.row(columns.map((c) => fmt.format(c, row[c.key])), stripe++ % 2 === 1 ? "alt" : "data");
      drawn++;
    };
    for (const row of ahead) take(row);
    if (!exhausted) {
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) take(next.value);
    }
    const end = groups.finish();
    closeGroup(end.closed);
    if (options.totals !== false && showTotals && count > 0) table.row(totalsCells(columns, end.total, fmt), "total", labelAt, span);
    table.rule();
    const notes = [
      ...(count === 0 ? ["No rows in this period."] : []),
      ...(count > drawn ? [`The table shows the first ${drawn} of ${count} rows; totals cover all rows.`] : []),
    ];
    for (const note of notes) {
      table.ensure(s.rowHeight * 2);
      doc.font(pdfFonts.regular).fontSize(9).fillColor(s.muted).text(note, s.margin, table.y + 8, { lineBreak: false });
      table.y += s.rowHeight * 2;
    }
    const lateChart = chart && !chartDrawn ? chart.data() : undefined;
    if (lateChart) {
      if (table.y + 20 + chartHeight > table.bottom) {
        doc.addPage();
        table.y = s.margin - 20;
      }
      drawPdfChart(doc, lateChart, s.margin, table.y + 20, doc.page.width - 2 * s.margin, chartHeight, formatValue);
    }
    drawFooters(doc, meta, fmt);
    doc.end();
    return { rows: count, bytes: await sink.finished() };
  } catch (error) {
    await iterator.return?.().catch(() => undefined);
    doc.unpipe(sink.stream);
    return sink.fail(error);
  }
};
