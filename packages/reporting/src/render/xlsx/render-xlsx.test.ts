import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { collect, rowsOf, sampleMeta } from "../../../test/sample-report";
import type { Column } from "../../model/column";
import { renderXlsx, type XlsxOptions } from "./render-xlsx";

const columns: ReadonlyArray<Column> = [
  { key: "name", label: "Name", kind: "text" },
  { key: "opened", label: "Opened", kind: "datetime" },
  { key: "minutes", label: "Time", kind: "duration-minutes" },
  { key: "count", label: "Count", kind: "integer" },
  { key: "rate", label: "Rate", kind: "percent" },
];
const row = (name: unknown, count = 1) => ({
  name,
  opened: new Date("2025-03-04T10:15:00Z"),
  minutes: 90,
  count,
  rate: 0.25,
});

const render = async (rows: ReadonlyArray<Record<string, unknown>>, options: XlsxOptions = {}) => {
  const out = await collect();
  const summary = await renderXlsx(sampleMeta, columns, rowsOf(rows), options, out.stream);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(out.buffer() as unknown as ArrayBuffer);
  return { summary, workbook, sheet: workbook.worksheets[0] as ExcelJS.Worksheet };
};

const excelEpoch = Date.UTC(1899, 11, 30);
// heading: title, subtitle, period, generated; blank; header at row 6.
const headerRow = 6;

describe("renderXlsx", () => {
  it("writes numbers as numbers, dates as local dates and durations as [h]:mm days", async () => {
    const { sheet } = await render([row("Ζωή Παπαδοπούλου", 42)]);
    const data = sheet.getRow(headerRow + 1);
    expect(data.getCell(1).value).toBe("Ζωή Παπαδοπούλου");
    expect(data.getCell(2).value).toEqual(new Date("2025-03-04T12:15:00Z")); // Athens wall clock
    expect(data.getCell(2).numFmt).toBe("yyyy-mm-dd hh:mm");
    // stored as 0.0625 days; exceljs reads a number with a time format back as a 1899-12-30 date
    expect(data.getCell(3).value).toEqual(new Date(excelEpoch + 90 * 60_000));
    expect(data.getCell(3).numFmt).toBe("[h]:mm");
    expect(data.getCell(4).value).toBe(42);
    expect(data.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(data.getCell(5).numFmt).toBe("0.0%");
  });

  it("freezes the header row and filters the data under it", async () => {
    const { sheet } = await render([row("a"), row("b")]);
    expect(sheet.getRow(headerRow).getCell(1).value).toBe("Name");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: headerRow });
    expect(sheet.autoFilter).toBe(`A${headerRow}:E${headerRow + 2}`);
  });

  it("neutralises text that a spreadsheet would run as a formula", async () => {
    const hostile = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", '=HYPERLINK("http://x","y")'];
    const { sheet } = await render(hostile.map((h) => row(h)));
    hostile.forEach((h, i) => {
      const cell = sheet.getRow(headerRow + 1 + i).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      // XML parsing turns a stored CR into LF; the prefix is what matters
      expect(cell.value).toBe(`'${h.replace("\r", "\n")}`);
    });
  });

  it("neutralises a formula-looking title and column label too", async () => {
    const out = await collect();
    await renderXlsx({ ...sampleMeta, title: "=cmd|' /C calc'!A0" }, [{ key: "x", label: "@x", kind: "text" }], rowsOf([]), {}, out.stream);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.buffer() as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getCell("A1").value).toBe("'=cmd|' /C calc'!A0");
    expect(sheet.getCell(`A${headerRow}`).value).toBe("'@x");
  });

  it("drops XML-invalid control characters instead of corrupting the file", async () => {
    const { sheet } = await render([row("a\u0000b\u0007c")]);
    expect(sheet.getRow(headerRow + 1).getCell(1).value).toBe("abc");
  });

  it("writes unreadable numbers as text, not NaN", async () => {
    const { sheet } = await render([{ ...row("a"), count: "n/a" }]);
    expect(sheet.getRow(headerRow + 1).getCell(4).value).toBe("n/a");
  });

  it("writes group headings, subtotals and a grand total below the filtered range", async () => {
    const { sheet, summary } = await render([row("A", 1), row("A", 2), row("B", 4)], { grouping: { by: "name" } });
    expect(summary.rows).toBe(3);
    const values = (r: number) => (sheet.getRow(r).values as Array<unknown>).slice(1);
    expect(values(headerRow + 1)[0]).toBe("A");
    expect(values(headerRow + 4)).toEqual(["Subtotal A (2)", undefined, new Date(excelEpoch + 180 * 60_000), 3, 0.25]);
    const last = sheet.rowCount;
    expect(values(last)[0]).toBe("Total (3)");
    expect(values(last)[3]).toBe(7);
    expect(sheet.autoFilter).toBe(`A${headerRow}:E${last - 1}`);
  });

  it("names the sheet after the report, prints landscape fitted to width with the header repeated, and gives long labels a tall header row", async () => {
    const out = await collect();
    const columns = [
      { key: "x", label: "Agent", kind: "text" as const },
      { key: "n", label: "First response, business (median)", kind: "duration-minutes" as const },
    ];
    await renderXlsx({ ...sampleMeta, title: "SLA compliance" }, columns, rowsOf([{ x: "a", n: 5 }]), {}, out.stream);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.buffer() as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe("SLA compliance");
    expect(sheet.pageSetup.orientation).toBe("landscape");
    expect(sheet.pageSetup.fitToPage).toBe(true);
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.pageSetup.printTitlesRow).toBe(`${headerRow}:${headerRow}`);
    // "First response, business (median)" wraps to 3 lines in a 15-character column
    expect(sheet.getRow(headerRow).height).toBeGreaterThanOrEqual(45);
  });

  it("writes one sheet per group and a summary sheet", async () => {
    const { workbook } = await render([row("IT/Help", 1), row("HR", 2)], { grouping: { by: "name" }, sheetPerGroup: true });
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["IT-Help", "HR", "Summary"]);
    const summarySheet = workbook.getWorksheet("Summary") as ExcelJS.Worksheet;
    expect(summarySheet.getRow(summarySheet.rowCount).getCell(4).value).toBe(3);
  });

  it("sets the workbook dates from generatedAt, never the clock", async () => {
    const { workbook } = await render([]);
    expect(workbook.created).toEqual(sampleMeta.generatedAt);
    expect(workbook.modified).toEqual(sampleMeta.generatedAt);
  });
});
