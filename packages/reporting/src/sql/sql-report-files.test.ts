import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTickets, ids, reportingDesk } from "../../test/desk-fixture";
import { pgUrl, postgresTestStore, sqliteTestStore, type TestStore } from "../../test/stores";
import { sqlDataSource } from "../dataset/data-set-source";
import type { ReportFormat } from "../model/render-options";
import type { ReportMail } from "../schedule/report-mailer";
import { migrateReportRuns, sqlRunClaims } from "../schedule/run-claims";
import { putSchedule, runDueSchedules } from "../schedule/run-due-schedules";
import { decodeSchedule } from "../schedule/schedule";
import { runSqlReportFiles } from "./sql-report-files";
import type { SqlReportSpec } from "./sql-report-spec";

const byPriority: SqlReportSpec = {
  title: "Tickets by priority",
  sql: `-- spoc: column waited duration-seconds "Average wait"
select priority, count(*) as tickets, avg(coalesce(resolved_at, :to) - created_at) / 1000 as waited, max(created_at) as last_created_at
from tickets where created_at >= :from and created_at < :to and priority <> :skip group by priority order by priority`,
  params: { skip: "none" },
  columns: { tickets: { label: "Tickets opened" } },
  totals: true,
};
const march = { from: Date.UTC(2025, 2, 1), to: Date.UTC(2025, 3, 1), timeZone: "UTC" };
const system = { kind: "system", name: "test" } as const;

const buffers = () => {
  const chunks = new Map<ReportFormat, Array<Buffer>>();
  const out = (format: ReportFormat) => {
    const sink = new PassThrough();
    const list: Array<Buffer> = [];
    chunks.set(format, list);
    sink.on("data", (c: Buffer) => list.push(c));
    return sink;
  };
  return { out, get: (f: ReportFormat) => Buffer.concat(chunks.get(f) ?? []) };
};

const suite = (name: string, open: () => Promise<TestStore>) =>
  describe(`SQL reports as files and schedules on ${name}`, () => {
    let s: TestStore;
    beforeAll(async () => {
      s = await open();
      await generateTickets(await reportingDesk(s.store), 40, 5);
      await migrateReportRuns(s.db!);
    }, 60_000);
    afterAll(() => s.close());

    it("renders HTML, XLSX and PDF with inferred and declared column types", async () => {
      const b = buffers();
      const results = await runSqlReportFiles(system, byPriority, s.db!, {
        serviceIds: [ids.it], period: march, formats: ["html", "xlsx", "pdf"], out: b.out, generatedAt: new Date(march.to), serviceNames: ["IT Help Desk"],
      });
      expect(results.map((r) => r.format)).toEqual(["html", "xlsx", "pdf"]);
      const html = b.get("html").toString("utf8");
      expect(html).toContain("<h1>Tickets by priority</h1>");
      for (const heading of ["Priority", "Tickets opened", "Average wait", "Last created"]) expect(html).toContain(heading);
      expect(html).toMatch(/\d+h \d+m/); // seconds as a duration
      expect(html).toContain("Mar 2025"); // epoch ms as a date
      expect(html).not.toMatch(/>17\d{11}</);
      expect(b.get("pdf").subarray(0, 5).toString()).toBe("%PDF-");
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(b.get("xlsx") as never);
      const sheet = book.worksheets[0]!;
      const values: Array<unknown> = [];
      sheet.eachRow((row) => values.push(...(row.values as Array<unknown>)));
      expect(values).toContain("Tickets opened");
      expect(values.some((v) => v instanceof Date)).toBe(true);
      // the counts are numbers, whatever type the driver returned (PostgreSQL: text)
      const tickets = results[0]!.summary.rows;
      expect(tickets).toBeGreaterThan(0);
    });

    it("odd column names keep their values: __proto__, constructor, a *_at column holding text", async () => {
      const b = buffers();
      await runSqlReportFiles(system, { title: "Odd", sql: `select 7 as "__proto__", 'kept' as "constructor", 'not a date' as created_at, 42 as wait_seconds_at_all` }, s.db!, {
        serviceIds: [ids.it], period: march, formats: ["html"], out: b.out, generatedAt: new Date(march.to),
      });
      const cells = [...b.get("html").toString("utf8").matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
      expect(cells).toContain("7");
      expect(cells).not.toContain("{}");
      expect(cells).toContain("kept");
      expect(cells).toContain("not a date");
    });

    it("a schedule holding a SQL report fires: its period bound to :from/:to, mailed with the files", async () => {
      await putSchedule(s.store, {
        id: "monthly-sql", serviceId: ids.it, report: { sql: byPriority }, cron: "0 8 1 * *", timeZone: "UTC", lookback: "month",
        recipients: ["boss@example.com"], formats: ["xlsx", "pdf"], createdAt: Date.UTC(2025, 2, 1),
      });
      const mails: Array<ReportMail> = [];
      const r = await runDueSchedules({
        store: s.store, claims: sqlRunClaims(s.db!), mailer: { send: async (m) => void mails.push(m) }, sourceFor: (svc) => sqlDataSource(s.db!, svc),
        now: Date.UTC(2025, 3, 1, 8, 5), workerId: "w", sql: { db: s.db! },
      });
      expect(r.failed).toEqual([]);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe("Tickets by priority — IT Help Desk — March 2025");
      expect(mails[0]!.html).toContain("Tickets opened");
      expect(mails[0]!.html).toContain("monthly-sql, each run covers the previous month");
      expect(mails[0]!.attachments.map((a) => a.filename)).toEqual(["monthly-sql-2025-03-01.xlsx", "monthly-sql-2025-03-01.pdf"]);
      // the same rows as the report run by hand over March
      const b = buffers();
      const [byHand] = await runSqlReportFiles(system, byPriority, s.db!, { serviceIds: [ids.it], period: march, formats: ["html"], out: b.out, generatedAt: new Date() });
      expect(mails[0]!.html!.match(/<tr( class="alt")?><td/g)?.length).toBe(byHand!.summary.rows);
    });

    it("a SQL schedule keeps the guards: a write fails the run; without a database for SQL it fails saying so", async () => {
      await putSchedule(s.store, {
        id: "writer", serviceId: ids.it, report: { sql: { title: "W", sql: "delete from tickets" } }, cron: "0 9 1 * *", timeZone: "UTC", lookback: "month",
        recipients: ["boss@example.com"], formats: ["html"], createdAt: Date.UTC(2025, 2, 1),
      });
      const base = { store: s.store, claims: sqlRunClaims(s.db!), mailer: { send: async () => undefined }, sourceFor: (svc: ReadonlyArray<string>) => sqlDataSource(s.db!, svc), workerId: "w", onFailed: () => undefined };
      const r = await runDueSchedules({ ...base, now: Date.UTC(2025, 3, 1, 9, 5), sql: { db: s.db! } });
      expect(r.failed.map((f) => f.scheduleId)).toEqual(["writer"]);
      const n = await runDueSchedules({ ...base, now: Date.UTC(2025, 4, 1, 9, 5) });
      expect(n.failed.find((f) => f.scheduleId === "writer")?.error).toMatch(/no database for SQL reports/);
    });
  });

describe("a schedule's SQL report is checked when stored", () => {
  it("a bad column kind names its path", () => {
    expect(() => decodeSchedule({
      id: "x", serviceId: "svc", report: { sql: { title: "T", sql: "select 1 as n", columns: { n: { kind: "weeks" } } } }, cron: "0 7 * * *",
      timeZone: "UTC", lookback: "day", recipients: ["a@b"], formats: ["html"], createdAt: 0,
    })).toThrow(/report/);
  });
});

const dir = mkdtempSync(join(tmpdir(), "spoc-sql-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
suite("sqlite", () => sqliteTestStore(join(dir, "desk.db")));
if (pgUrl === undefined) console.warn("[reporting] SQL report files on PostgreSQL skipped: set SPOC_PG_URL to run them");
else suite("postgres", () => postgresTestStore(pgUrl!));
