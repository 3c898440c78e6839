// What a person reading the predefined reports checks, as a machine can: the chart comes first
// with the largest group in it, no header cut with "…", totals equal to the figures recomputed
// from the data. Used on the fixture desk (predefined-seen.test.ts) and on an imported public log
// (servicenow-seen.test.ts).
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { expect } from "vitest";
import type { DataSetSource } from "../src/dataset/data-set-source";
import type { DataSetPeriod } from "../src/dataset/definition";
import { predefinedNames, predefinedReport } from "../src/reports/predefined";
import { kindOf } from "../src/reports/report-columns";
import type { DimensionLabels } from "../src/run/dimension-labels";
import { runReport } from "../src/run/run-report";
import { findTool, runChromium } from "./visual-tools";

export const chromium = findTool("SPOC_CHROMIUM", ["chromium", "chromium-browser", "google-chrome"], "apt-get install chromium");
export const pdftoppm = findTool("SPOC_PDFTOPPM", ["pdftoppm"], "apt-get install poppler-utils");
const poppler = (tool: string): string => (pdftoppm === undefined ? tool : join(dirname(pdftoppm), tool));
/** A PDF's pages as text (poppler's pdftotext, laid out). */
export const pagesOf = (file: string): Array<string> => execFileSync(poppler("pdftotext"), ["-layout", file, "-"], { encoding: "utf8" }).split("\f").filter((p) => p.trim() !== "");

/** Renders the six predefined reports over `period` in three formats into `out` and checks each as a person would. */
export async function expectPredefinedSeen(o: {
  readonly source: DataSetSource;
  readonly labels: DimensionLabels;
  readonly period: DataSetPeriod;
  readonly out: string;
  readonly serviceNames: ReadonlyArray<string>;
  readonly generatedAt: Date;
}): Promise<void> {
  const { source, labels, period, out, serviceNames, generatedAt } = o;
  const groupCreated = new Map<string, number>();
  for await (const r of source.rows({ dimensions: ["group"], measures: ["created"], period })) groupCreated.set(labels.group?.get(r.group as string) ?? "", r.created as number);
  const largestGroup = [...groupCreated].sort((a, b) => b[1] - a[1])[0]![0];
  for (const name of predefinedNames) {
    const definition = predefinedReport(name, { period });
    await runReport(definition, {
      source, labels, formats: ["html", "xlsx", "pdf"], out, baseName: name,
      generatedAt, serviceNames,
    });
    const pages = pagesOf(join(out, `${name}.pdf`));
    const first = pages[0]!;
    const chartTitle = definition.layout.chart!.title!;
    expect(first.indexOf(chartTitle), name).toBeGreaterThan(-1);
    expect(first.indexOf(chartTitle), name).toBeLessThan(first.indexOf(columnsHeader(name)));
    expect(pages.join("\n"), `${name}: no label cut with an ellipsis`).not.toContain("…");
    if (name === "performance") expect(first).toContain(largestGroup);
    // XLSX: named after the report, and its total line carries the ungrouped data set's figures
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, `${name}.xlsx`));
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe(definition.title);
    const [whole] = await collect(source.rows({ ...definition.dataSet, dimensions: [] }));
    const totalRow = findRow(sheet, /^Total \(/);
    expect(totalRow, name).toBeDefined();
    expect((sheet.getRow(findHeaderRow(sheet)).values as Array<unknown>).length).toBeGreaterThan(2);
    const fields = (definition.layout.columns?.map((c) => c.field) ?? [...definition.dataSet.dimensions, ...definition.dataSet.measures]);
    fields.forEach((field, i) => {
      if (!(field in (whole ?? {})) || definition.dataSet.dimensions.includes(field as never)) return;
      const cell = (totalRow!.values as Array<unknown>)[i + 1];
      const expected = whole![field] as number | null;
      if (expected === null) return;
      // durations are stored as day fractions, cost as currency, the rest as the figure itself
      const value = typeof cell === "number" ? cell : cell instanceof Date ? (cell.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 : null;
      const want = kindOf(field) === "duration-minutes" ? expected / 1440 : expected;
      expect(value, `${name} total of ${field}`).toBeCloseTo(want, 4);
    });
    if (chromium !== undefined) {
      const { stdout: dom } = runChromium(chromium, join(out, "profile"), ["--dump-dom", `file://${join(out, `${name}.html`)}`]);
      expect(dom).toContain(chartTitle);
      if (name === "performance") expect(dom).toMatch(new RegExp(`<text[^>]*>(<title>[^<]*</title>)?${largestGroup}</text>`));
    }
  }
}

export const columnsHeader = (name: string): string => (name === "backlog" ? "PERIOD" : name === "sla" ? "SERVICE" : name === "workload" ? "AGENT" : name === "channels" ? "CHANNEL" : name === "time-and-cost" ? "ORGANISATION" : "GROUP");
export const collect = async <T>(xs: AsyncIterable<T>) => {
  const out: Array<T> = [];
  for await (const x of xs) out.push(x);
  return out;
};
export const findRow = (sheet: ExcelJS.Worksheet, label: RegExp): ExcelJS.Row | undefined => {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if ((row.values as Array<unknown>).some((v) => typeof v === "string" && label.test(v))) found = row;
  });
  return found;
};
export const findHeaderRow = (sheet: ExcelJS.Worksheet): number => Number(sheet.pageSetup.printTitlesRow?.split(":")[0] ?? 5);
