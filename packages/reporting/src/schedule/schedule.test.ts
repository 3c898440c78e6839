import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTickets, ids, reportingDesk } from "../../test/desk-fixture";
import { mysqlTestStore, mysqlUrl, pgUrl, postgresTestStore, sqliteTestStore, type TestStore } from "../../test/stores";
import { sqlDataSource } from "../dataset/data-set-source";
import { nodemailerMailer } from "./report-mailer";
import { migrateReportRuns, sqlRunClaims } from "./run-claims";
import { lookbackPeriod, periodName, putSchedule, runDueSchedules } from "./run-due-schedules";
import { decodeSchedule, dueFireTime } from "./schedule";

const weekly = {
  id: "weekly-sla", serviceId: ids.it, report: { predefined: "sla" }, cron: "0 7 * * 1", timeZone: "Europe/Athens",
  lookback: "week", recipients: ["boss@example.com", "lead@example.com"], formats: ["pdf", "xlsx", "html"], createdAt: Date.UTC(2025, 2, 1),
} as const;

describe("schedule timing", () => {
  it("names a run's period as people do, in the schedule's zone", () => {
    // fired on 1 November at 08:00 in Madrid (07:00 UTC): October, not "2026-11-01"
    const fire = Date.UTC(2026, 10, 1, 7);
    expect(periodName(lookbackPeriod(fire, "Europe/Madrid", "month"), "month")).toBe("October 2026");
    expect(periodName(lookbackPeriod(fire, "Europe/Madrid", "day"), "day")).toBe("31 Oct 2026");
    expect(periodName(lookbackPeriod(fire, "Europe/Madrid", "week"), "week")).toBe("19 Oct 2026 – 25 Oct 2026");
  });

  it("a missed run is caught up once: only the latest fire time is due", () => {
    const s = decodeSchedule({ ...weekly, cron: "0 7 * * *" });
    const now = Date.UTC(2025, 2, 13, 12, 0); // three days after the 10th, all missed
    expect(new Date(dueFireTime(s, now)!).toISOString()).toBe("2025-03-13T05:00:00.000Z");
  });

  it("fire times before the schedule was created are never due", () => {
    expect(dueFireTime(decodeSchedule({ ...weekly, createdAt: Date.UTC(2025, 2, 10, 6) }), Date.UTC(2025, 2, 10, 6, 30))).toBeUndefined();
  });

  it("a weekly run covers the previous ISO week in the schedule's zone", () => {
    expect(lookbackPeriod(Date.UTC(2025, 2, 10, 5), "Europe/Athens", "week")).toEqual({
      from: "2025-03-02T22:00:00.000Z", to: "2025-03-09T22:00:00.000Z", timeZone: "Europe/Athens",
    });
  });

  it("a bad schedule names its path", () => {
    expect(() => decodeSchedule({ ...weekly, cron: "every monday" })).toThrow(/cron/);
    expect(() => decodeSchedule({ ...weekly, recipients: ["not an address"] })).toThrow(/recipients\.0/);
  });
});

const smtp = async () => {
  const mails: Array<ParsedMail> = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS"], logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((m) => { mails.push(m); callback(); }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  return { mails, mailer: nodemailerMailer(transport, "reports@spoc.example"), close: () => new Promise<void>((r) => server.close(() => r())) };
};

const exactlyOnce = (name: string, open: (shared?: TestStore) => Promise<TestStore>) =>
  describe(`scheduled delivery on ${name}`, () => {
    let a: TestStore;
    let b: TestStore;
    let mail: Awaited<ReturnType<typeof smtp>>;
    beforeAll(async () => {
      a = await open();
      b = await open(a);
      await migrateReportRuns(a.db!);
      await migrateReportRuns(b.db!);
      await generateTickets(await reportingDesk(a.store), 40, 5);
      await putSchedule(a.store, weekly);
      mail = await smtp();
    }, 60_000);
    afterAll(async () => {
      await mail.close();
      await b.close();
      await a.close();
    });

    it("two scheduler instances on one database send the run exactly once, with its attachments", async () => {
      const now = Date.UTC(2025, 2, 10, 5, 1);
      const host = (s: TestStore, workerId: string) =>
        runDueSchedules({ store: s.store, claims: sqlRunClaims(s.db!), mailer: mail.mailer, sourceFor: (svc) => sqlDataSource(s.db!, svc), now, workerId });
      const reports = await Promise.all([host(a, "host-a"), host(b, "host-b"), host(a, "host-a2"), host(b, "host-b2")]);
      expect(reports.reduce((n, r) => n + r.sent.length, 0)).toBe(1);
      expect(reports.reduce((n, r) => n + r.skipped, 0)).toBe(3);
      await new Promise((r) => setTimeout(r, 200));
      expect(mail.mails).toHaveLength(1);
      const m = mail.mails[0]!;
      // the period in the schedule's zone and the service, not the fire time's UTC date
      expect(m.subject).toBe("SLA compliance — IT Help Desk — 3 Mar 2025 – 9 Mar 2025");
      // the body is the HTML report, with a plain-text alternative
      expect(String(m.html)).toContain("<h1>SLA compliance</h1>");
      expect(String(m.html)).toContain("weekly-sla, each run covers the previous week");
      expect(m.text).toContain("Period: 3 Mar 2025 – 9 Mar 2025 (Europe/Athens)");
      expect((m.to as { value: Array<{ address: string }> }).value.map((v) => v.address)).toEqual(["boss@example.com", "lead@example.com"]);
      const byName = new Map(m.attachments.map((x) => [x.filename, x]));
      expect(byName.get("weekly-sla-2025-03-03.pdf")!.content.subarray(0, 5).toString()).toBe("%PDF-");
      expect(byName.get("weekly-sla-2025-03-03.xlsx")!.content.subarray(0, 2).toString()).toBe("PK");
      expect(byName.get("weekly-sla-2025-03-03.html")!.content.toString()).toContain("SLA compliance");
      expect(byName.get("weekly-sla-2025-03-03.html")!.content.toString()).toContain("IT Help Desk");
    });

    it("the next pass at the same time sends nothing, and the run is recorded as sent", async () => {
      const now = Date.UTC(2025, 2, 10, 6, 0);
      const r = await runDueSchedules({ store: b.store, claims: sqlRunClaims(b.db!), mailer: mail.mailer, sourceFor: (svc) => sqlDataSource(b.db!, svc), now, workerId: "late" });
      expect(r.sent).toHaveLength(0);
      expect((await sqlRunClaims(a.db!).list(ids.it, weekly.id)).map((x) => x.status)).toEqual(["sent"]);
    });
  });

const dir = await mkdtemp(join(tmpdir(), "spoc-schedule-"));
exactlyOnce("one SQLite file", (shared) => sqliteTestStore(join(dir, shared ? "desk.db" : "desk.db")));
const url = pgUrl;
if (url !== undefined) exactlyOnce("PostgreSQL", (shared) => postgresTestStore(url, (shared as { schema?: string } | undefined)?.schema));
const mysql = mysqlUrl;
if (mysql !== undefined) exactlyOnce("MySQL/MariaDB", (shared) => mysqlTestStore(mysql, (shared as { database?: string } | undefined)?.database));
