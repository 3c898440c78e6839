import { once } from "node:events";
import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import { importRendererPackage } from "../renderer-package";
import type { Column } from "../../model/column";
import { toText } from "../../model/coerce-value";
import { GroupedTotals } from "../../model/grouped-totals";
import { validateLayout } from "../../model/report-layout-error";
import type { ReportMeta } from "../../model/report-meta";
import { defaultLocale, type RenderOptions, type RenderSummary } from "../../model/render-options";
import type { TotalsRow } from "../../model/running-totals";
import { ValueFormatter } from "../../model/value-formatter";
import { openSink } from "../output-sink";
import { ReportSheet, type SheetHeading } from "./report-sheet";
import { WallClock } from "./wall-clock";
import { cellConverter } from "./xlsx-cells";
import { SheetNames } from "./xlsx-sheet-names";
import { waitForZip } from "./zip-backpressure";

/**
 * Options of the XLSX renderer.
 * @example
 * await renderXlsx(meta, columns, rows, { grouping: { by: "group" }, sheetPerGroup: true }, output)
 */
export interface XlsxOptions extends RenderOptions {
  /** Name of the (single) sheet; default the report's title (cut to Excel's 31 characters). */
  readonly sheetName?: string;
  /** With a grouping: one sheet per group, then a "Summary" sheet of subtotals. */
  readonly sheetPerGroup?: boolean;
}

// Yield to the event loop this often so the zip stream drains and memory stays bounded. Every 500
// rows left ~50 MB of dead 64 KiB sheet chunks (arrayBuffers) waiting for a GC at a million rows;
// every 50 keeps them under 5 MB, at no cost in time (benchmarks/RESULTS.md).
const yieldEvery = 50;

/**
 * Streams a report as an XLSX workbook (exceljs streaming writer, rows committed as they come):
 * typed cells, frozen header, autofilter, formula-looking text neutralised. Ends `output`.
 * @example
 * await renderXlsx(meta, columns, rows, { grouping: { by: "service" }, sheetPerGroup: true },
 *   fs.createWriteStream("report.xlsx"))
 */
export const renderXlsx = async (
  meta: ReportMeta,
  columns: ReadonlyArray<Column>,
  rows: AsyncIterable<Readonly<Record<string, unknown>>>,
  options: XlsxOptions,
  output: Writable,
): Promise<RenderSummary> => {
  validateLayout(columns, options);
  const fmt = new ValueFormatter(options.locale ?? defaultLocale, meta.period.timeZone);
  const clock = new WallClock(meta.period.timeZone);
  const convert = columns.map((c) => cellConverter(c, clock));
  const keys = columns.map((c) => c.key);
  const grouped = options.grouping !== undefined;
  const perGroup = grouped && options.sheetPerGroup === true;
  const groupColumn = columns.find((c) => c.key === options.grouping?.by);
  const groups = new GroupedTotals(columns, options.grouping, (v) =>
    groupColumn ? fmt.format(groupColumn, v) || "(none)" : toText(v),
    options.computedTotals,
  );
  const showTotals = options.totals !== false && groups.hasTotals;
  const heading = (suffix?: string): SheetHeading => ({
    title: suffix === undefined ? meta.title : `${meta.title} — ${suffix}`,
    lines: [
      ...(meta.subtitle ? [meta.subtitle] : []),
      `Period: ${fmt.formatPeriod(meta.period.from, meta.period.to)} (${meta.period.timeZone})`,
      `Generated: ${fmt.formatInstant(meta.generatedAt)}${meta.serviceNames.length ? ` · ${meta.serviceNames.join(", ")}` : ""}`,
      ...(meta.facts ?? []).map((f) => `${f.label}: ${f.value}`),
    ],
  });

  // Loaded on first use, so hosts that never render a workbook do not pay for exceljs.
  const { default: Excel } = await importRendererPackage("exceljs", "xlsx", () => import("exceljs"));
  const sink = openSink(output);
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    stream: sink.stream,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = "spoc";
  workbook.created = meta.generatedAt;
  workbook.modified = meta.generatedAt;
  const names = new SheetNames();
  const openSheet = (name: string, suffix?: string): ReportSheet => {
    const h = heading(suffix);
    return new ReportSheet(workbook.addWorksheet(names.next(name), ReportSheet.sheetOptions(h.lines.length + 1)), columns, h);
  };
  try {
    let sheet: ReportSheet | undefined = perGroup ? undefined : openSheet(options.sheetName ?? meta.title);
    const subtotals: Array<TotalsRow> = [];
    const closeGroup = (t: TotalsRow | undefined): void => {
      if (t === undefined) return;
      if (perGroup) subtotals.push(t);
      if (showTotals) sheet?.addTotals(t);
      if (perGroup) sheet?.close();
    };
    let count = 0;
    const cells = new Array<ExcelJS.CellValue>(columns.length);
    for await (const row of rows) {
      const boundary = groups.push(row);
      if (boundary !== undefined) {
        closeGroup(boundary.closed);
        if (perGroup) sheet = openSheet(boundary.opened.label, boundary.opened.label);
        else sheet?.addGroup(boundary.opened.label);
      }
      for (let i = 0; i < convert.length; i++) cells[i] = (convert[i] as (v: unknown) => ExcelJS.CellValue)(row[keys[i] as string]);
      sheet?.addData(cells as Array<never>, grouped && !perGroup);
      if (++count % yieldEvery === 0) {
        if (sink.stream.writableNeedDrain) await once(sink.stream, "drain");
        await waitForZip(sheet?.xmlStream);
      }
    }
    const end = groups.finish();
    closeGroup(end.closed);
    if (perGroup) {
      sheet = openSheet("Summary", "Summary");
      for (const t of subtotals) sheet.addTotals(t);
    } else if (sheet === undefined) {
      sheet = openSheet(options.sheetName ?? meta.title);
    }
    if (showTotals && count > 0) sheet.addTotals(end.total);
    sheet.close();
    await workbook.commit();
    return { rows: count, bytes: await sink.finished() };
  } catch (error) {
    return sink.fail(error);
  }
};
