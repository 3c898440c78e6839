import type ExcelJS from "exceljs";
import type { Column } from "../../model/column";
import { alignOf, widthOf } from "../../model/column-rules";
import type { TotalsRow } from "../../model/running-totals";
import { labelColumnIndex } from "../totals-cells";
import { neutraliseText } from "./neutralise-formula";
import { totalCell, type XlsxCellValue } from "./xlsx-cells";
import { xlsxNumFmt } from "./xlsx-cell-format";

/** The text lines above the table: title, period, generation. */
export interface SheetHeading {
  readonly title: string;
  readonly lines: ReadonlyArray<string>;
}

const solid = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });
const headerStyle: Partial<ExcelJS.Style> = {
  font: { bold: true, color: { argb: "FFFFFFFF" } },
  fill: solid("FF1E293B"),
  alignment: { vertical: "middle", wrapText: true },
};
const groupStyle: Partial<ExcelJS.Style> = { font: { bold: true }, fill: solid("FFE8EEFC") };
const subtotalFill = solid("FFF1F5F9");
const totalFill = solid("FFDBE4F3");

/** How many lines a header label wraps to in a column of `width` characters (bold text runs wider). */
export const headerLines = (label: string, width: number): number => {
  let lines = 1;
  let used = 0;
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const w = Math.ceil(word.length * 1.15);
    if (used > 0 && used + 1 + w > width) {
      lines++;
      used = w;
    } else used += (used > 0 ? 1 : 0) + w;
    if (used > width) {
      lines += Math.ceil(used / width) - 1;
      used %= width;
    }
  }
  return lines;
};

/**
 * One worksheet of a report, written row by row and committed as it goes: heading lines, a
 * frozen header row, typed data rows, subtotal and total lines, an autofilter over the data.
 * @example
 * const sheet = new ReportSheet(workbook.addWorksheet("Report", ReportSheet.sheetOptions(2)), columns, heading)
 * sheet.addData(cells); sheet.close(total)
 */
export class ReportSheet {
  /** Row number of the header row (heading lines, a blank row, then the header). */
  readonly headerRow: number;
  private lastDataRow: number;
  private readonly cellStyles: ReadonlyArray<Partial<ExcelJS.Style>>;

  /**
   * Worksheet options: freeze everything above and including the header row; print landscape on
   * A4, fitted to one page wide, with the header row repeated on every printed page.
   */
  static sheetOptions(headingLines: number): Partial<ExcelJS.AddWorksheetOptions> {
    const header = headingLines + 2;
    return {
      views: [{ state: "frozen", ySplit: header, xSplit: 0 }],
      pageSetup: {
        paperSize: 9,
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `${header}:${header}`,
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      },
    };
  }

  private readonly sheet: ExcelJS.Worksheet;
  private readonly columns: ReadonlyArray<Column>;

  constructor(sheet: ExcelJS.Worksheet, columns: ReadonlyArray<Column>, heading: SheetHeading) {
    this.sheet = sheet;
    this.columns = columns;
    const widths = columns.map((c) => Math.max(8, widthOf(c) + 2));
    sheet.columns = widths.map((width) => ({ width }));
    // One shared style object per column: exceljs caches style ids by object identity, so
    // sharing keeps the per-cell cost of styles near zero on a million rows.
    this.cellStyles = columns.map((c) => {
      const numFmt = xlsxNumFmt(c);
      const style: Partial<ExcelJS.Style> = {
        ...(numFmt ? { numFmt } : {}),
        ...(c.align ? { alignment: { horizontal: c.align } } : {}),
      };
      return style;
    });
    const title = sheet.addRow([neutraliseText(heading.title)]);
    title.font = { bold: true, size: 16, color: { argb: "FF1E293B" } };
    title.height = 24;
    title.commit();
    for (const line of heading.lines) {
      const row = sheet.addRow([neutraliseText(line)]);
      row.font = { color: { argb: "FF64748B" } };
      row.commit();
    }
    sheet.addRow([]).commit();
    const header = sheet.addRow(columns.map((c) => neutraliseText(c.label)));
    // Tall enough for the longest label wrapped in its column (about 15 points a line).
    header.height = 6 + 15 * Math.max(1, ...columns.map((c, i) => headerLines(c.label, (widths[i] as number) - 1)));
    header.eachCell((cell, i) => {
      cell.style = { ...headerStyle, alignment: { ...headerStyle.alignment, horizontal: alignOf(columns[i - 1] as Column) } };
    });
    header.commit();
    this.headerRow = header.number;
    this.lastDataRow = header.number;
  }

  /** Writes one data row; `outline` nests it under its group's subtotal. */
  addData(cells: ReadonlyArray<XlsxCellValue>, outline: boolean): void {
    const row = this.sheet.addRow(cells as Array<XlsxCellValue>);
    this.styleCells(row, cells);
    if (outline) row.outlineLevel = 1;
    this.lastDataRow = row.number;
    row.commit();
  }

  /** Writes a group's heading line. */
  addGroup(label: string): void {
    const row = this.sheet.addRow([neutraliseText(label)]);
    for (let i = 1; i <= this.columns.length; i++) row.getCell(i).style = groupStyle;
    this.lastDataRow = row.number;
    row.commit();
  }

  /** Writes a subtotal (inside the filtered range) or the grand total (below it). */
  addTotals(totals: TotalsRow): void {
    const at = labelColumnIndex(this.columns);
    const label = totals.kind === "total" ? `Total (${totals.rowCount})` : `Subtotal ${totals.label} (${totals.rowCount})`;
    const cells = this.columns.map((c, i) => (i === at ? neutraliseText(label) : totalCell(c, totals.values[c.key])));
    const row = this.sheet.addRow(cells);
    this.styleCells(row, cells);
    const fill = totals.kind === "total" ? totalFill : subtotalFill;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.style = {
        ...cell.style,
        font: { bold: true },
        fill,
        ...(totals.kind === "total" ? { border: { top: { style: "thin" } } } : {}),
      };
    });
    if (totals.kind === "subtotal") this.lastDataRow = row.number;
    row.commit();
  }

  private styleCells(row: ExcelJS.Row, cells: ReadonlyArray<XlsxCellValue>): void {
    for (let i = 0; i < cells.length; i++) {
      // Every cell, text too: exceljs otherwise gives each cell a fresh `{}` and renders it.
      if (cells[i] !== null) row.getCell(i + 1).style = this.cellStyles[i] as Partial<ExcelJS.Style>;
    }
  }

  /** The worksheet's XML stream inside the zip (to wait for the compressor). */
  get xmlStream(): unknown {
    return (this.sheet as unknown as { stream?: unknown }).stream;
  }

  /** Sets the autofilter over header and data, then commits the sheet. */
  close(): void {
    this.sheet.autoFilter = {
      from: { row: this.headerRow, column: 1 },
      to: { row: this.lastDataRow, column: this.columns.length },
    };
    this.sheet.commit();
  }
}
