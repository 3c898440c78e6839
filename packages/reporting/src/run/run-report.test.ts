import { execFileSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTickets, ids, reportingDesk } from "../../test/desk-fixture";
import { memoryTestStore, pgUrl, postgresTestStore, sqliteTestStore, type TestStore } from "../../test/stores";
import { memoryDataSource, sqlDataSource } from "../dataset/data-set-source";
import { decodeReportDefinition } from "../reports/report-definition";
import { predefinedNames, predefinedReport } from "../reports/predefined";
import { labelsFromStore } from "./dimension-labels";
import { reportRows, runReport } from "./run-report";

const period = { from: "2025-03-01", to: "2025-03-31", timeZone: "Europe/Athens" };
const services = [ids.it, ids.hr];
const custom = decodeReportDefinition({
  title: "Weekly resolution by service",
  dataSet: { dimensions: ["service", "period"], measures: ["resolved", "resolution-median", "sla-compliance:resolution"], period: { ...period, granularity: "week" } },
  layout: { grouping: { by: "service" }, chart: { type: "bar", category: "service", values: ["resolved"] } },
});
const collect = async <T>(xs: AsyncIterable<T>) => {
  const out: Array<T> = [];
  for await (const x of xs) out.push(x);
  return out;
};
const strip = (rows: ReadonlyArray<Record<string, unknown>>) => rows.map(({ rowKey: _, ...r }) => r);

describe("running reports end to end", () => {
  const stores: Array<TestStore> = [];
  beforeAll(async () => {
    const url = pgUrl;
    for (const make of [memoryTestStore, () => sqliteTestStore(), ...(url ? [() => postgresTestStore(url)] : [])]) {
      const s = await make();
      await generateTickets(await reportingDesk(s.store), 60, 11);
      stores.push(s);
    }
  }, 120_000);
  afterAll(async () => {
    for (const s of stores) await s.close();
  });
  const sourceOf = (s: TestStore) => (s.db ? sqlDataSource(s.db, services) : memoryDataSource(s.store, services));

  it.each([...predefinedNames, "custom"])("%s shows the same rows, with names, from every store", async (name) => {
    const definition = name === "custom" ? custom : predefinedReport(name as never, { period });
    const all = await Promise.all(stores.map(async (s) => strip(await collect(reportRows(definition, sourceOf(s), await labelsFromStore(s.store, services))))));
    const [reference, ...others] = all;
    expect(reference!.length).toBeGreaterThan(0);
    for (const rows of others) expect(rows).toEqual(reference);
  });

  it("every predefined report and a custom one render to HTML, XLSX and PDF files", async () => {
    const sqlite = stores[1]!;
    const dir = await mkdtemp(join(tmpdir(), "spoc-run-"));
    const labels = await labelsFromStore(sqlite.store, services);
    for (const definition of [...predefinedNames.map((n) => predefinedReport(n, { period })), custom]) {
      const results = await runReport(definition, {
        source: sourceOf(sqlite), formats: ["html", "xlsx", "pdf"], out: dir, labels,
        generatedAt: new Date("2025-04-01T06:00:00Z"), serviceNames: ["IT Help Desk", "HR Services"],
      });
      expect(results.map((r) => r.format)).toEqual(["html", "xlsx", "pdf"]);
      const pdf = await readFile(results[2]!.path!);
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const xlsx = await readFile(results[1]!.path!);
      expect(xlsx.subarray(0, 2).toString()).toBe("PK");
    }
    const html = await readFile(join(dir, "help-desk-performance.html"), "utf8");
    expect(html).toContain("Level 1");
    expect(html).toContain("Дмитрий Иванов");
    expect(execFileSync("pdfinfo", [join(dir, "sla-compliance.pdf")]).toString()).toMatch(/Pages:\s+\d+/);
  });

  it("progress is reported while rows stream and once at the end", async () => {
    const seen: Array<number> = [];
    await runReport(predefinedReport("backlog", { period }), {
      source: sourceOf(stores[1]!), formats: ["html"], out: await mkdtemp(join(tmpdir(), "spoc-run-")),
      generatedAt: new Date(0), progressEvery: 10, onProgress: (p) => seen.push(p.rows),
    });
    expect(seen).toEqual([10, 20, 30, 31]); // every day of March, the two before the first ticket too
  });
});
