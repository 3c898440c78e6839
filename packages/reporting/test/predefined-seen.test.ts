// Every predefined report of the fixture desk, rendered as a person gets it: PDF text through
// poppler, the HTML's DOM in headless Chromium, the XLSX read back. Checks what a machine can: the
// chart comes first with the largest group in it, no header cut with "…", the total never alone on
// a page, totals equal to the figures recomputed from the data.
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { finished } from "node:stream/promises";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlDataSource, type DataSetSource } from "../src/dataset/data-set-source";
import { renderPdf } from "../src/render/pdf/render-pdf";
import { predefinedNames, predefinedReport } from "../src/reports/predefined";
import { kindOf } from "../src/reports/report-columns";
import { labelsFromStore, type DimensionLabels } from "../src/run/dimension-labels";
import { runReport } from "../src/run/run-report";
import { generateTickets, ids, reportingDesk } from "./desk-fixture";
import { sampleColumns, sampleMeta, sampleRow } from "./sample-report";
import { sqliteTestStore, type TestStore } from "./stores";
import { findTool, runChromium } from "./visual-tools";

const chromium = findTool("SPOC_CHROMIUM", ["chromium", "chromium-browser", "google-chrome"], "apt-get install chromium");
const pdftoppm = findTool("SPOC_PDFTOPPM", ["pdftoppm"], "apt-get install poppler-utils");
const poppler = (tool: string): string => (pdftoppm === undefined ? tool : join(dirname(pdftoppm), tool));
const pagesOf = (file: string): Array<string> => execFileSync(poppler("pdftotext"), ["-layout", file, "-"], { encoding: "utf8" }).split("\f").filter((p) => p.trim() !== "");

const dir = mkdtempSync(join(tmpdir(), "spoc-predefined-"));
afterAll(() => console.info(`rendered predefined reports left in ${dir}`));
const services = [ids.it, ids.hr];
const periods = {
  month: { from: "2025-03-01", to: "2025-03-31", timeZone: "Europe/Athens" },
  quarter: { from: "2025-01-01", to: "2025-03-31", timeZone: "Europe/Athens" },
};

describe.skipIf(pdftoppm === undefined)("every predefined report as a person sees it", () => {
  let store: TestStore;
  let source: DataSetSource;
  let labels: DimensionLabels;
  beforeAll(async () => {
    store = await sqliteTestStore();
    await generateTickets(await reportingDesk(store.store), 120, 11);
    source = sqlDataSource(store.db!, services);
    labels = await labelsFromStore(store.store, services);
  }, 120_000);
  afterAll(() => store.close());

  for (const [span, period] of Object.entries(periods)) {
    it(`renders the six reports over a ${span}: chart first on page 1, largest group charted, headers whole, totals from the data`, async () => {
      const groupCreated = new Map<string, number>();
      for await (const r of source.rows({ dimensions: ["group"], measures: ["created"], period })) groupCreated.set(labels.group?.get(r.group as string) ?? "", r.created as number);
      const largestGroup = [...groupCreated].sort((a, b) => b[1] - a[1])[0]![0];
      for (const name of predefinedNames) {
        const definition = predefinedReport(name, { period });
        const out = join(dir, span);
        await runReport(definition, {
          source, labels, formats: ["html", "xlsx", "pdf"], out, baseName: name,
          generatedAt: new Date("2025-04-01T06:00:00Z"), serviceNames: ["IT Help Desk", "HR Services"],
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
          const { stdout: dom } = runChromium(chromium, join(dir, "profile"), ["--dump-dom", `file://${join(out, `${name}.html`)}`]);
          expect(dom).toContain(chartTitle);
          if (name === "performance") expect(dom).toMatch(new RegExp(`<text[^>]*>(<title>[^<]*</title>)?${largestGroup}</text>`));
        }
      }
    }, 240_000);
  }

  it("never leaves the total alone on the last PDF page, whatever the number of rows", async () => {
    for (let n = 26; n <= 40; n++) {
      const file = join(dir, `rows-${n}.pdf`);
      const out = createWriteStream(file);
      await renderPdf(sampleMeta, sampleColumns, rowsOf(n), {}, out);
      await finished(out);
      const last = pagesOf(file).at(-1)!;
      if (!last.includes("Total (")) continue;
      const dataLines = last.split("\n").filter((l) => /\d{1,2}:\d{2}/.test(l) && !/Total \(|Page \d|Generated/.test(l));
      expect(dataLines.length, `${n} rows`).toBeGreaterThan(0);
    }
  }, 120_000);
});

const columnsHeader = (name: string): string => (name === "backlog" ? "PERIOD" : name === "sla" ? "SERVICE" : name === "workload" ? "AGENT" : name === "channels" ? "CHANNEL" : name === "time-and-cost" ? "ORGANISATION" : "GROUP");
async function* rowsOf(n: number) {
  for (let i = 0; i < n; i++) yield sampleRow(i, n);
}
const collect = async <T>(xs: AsyncIterable<T>) => {
  const out: Array<T> = [];
  for await (const x of xs) out.push(x);
  return out;
};
const findRow = (sheet: ExcelJS.Worksheet, label: RegExp): ExcelJS.Row | undefined => {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if ((row.values as Array<unknown>).some((v) => typeof v === "string" && label.test(v))) found = row;
  });
  return found;
};
const findHeaderRow = (sheet: ExcelJS.Worksheet): number => Number(sheet.pageSetup.printTitlesRow?.split(":")[0] ?? 5);
