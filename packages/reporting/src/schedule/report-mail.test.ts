import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTickets, ids, reportingDesk } from "../../test/desk-fixture";
import { sqliteTestStore, type TestStore } from "../../test/stores";
import { sqlDataSource } from "../dataset/data-set-source";
import type { ReportMail } from "./report-mailer";
import { migrateReportRuns, sqlRunClaims } from "./run-claims";
import { putSchedule, runDueSchedules } from "./run-due-schedules";

const monthly = {
  id: "monthly-performance", serviceId: ids.it, report: { predefined: "performance" }, cron: "0 8 1 * *", timeZone: "Europe/Madrid",
  lookback: "month", recipients: ["boss@example.com"], formats: ["pdf"], createdAt: Date.UTC(2025, 2, 1),
};

describe("the scheduled e-mail", () => {
  let s: TestStore;
  beforeAll(async () => {
    s = await sqliteTestStore();
    await generateTickets(await reportingDesk(s.store), 60, 3);
    await migrateReportRuns(s.db!);
    await putSchedule(s.store, monthly);
  }, 60_000);
  afterAll(() => s.close());

  const pass = async (now: number, maxHtmlBodyBytes?: number) => {
    const mails: Array<ReportMail> = [];
    await runDueSchedules({
      store: s.store, claims: sqlRunClaims(s.db!), mailer: { send: async (m) => void mails.push(m) }, sourceFor: (svc) => sqlDataSource(s.db!, svc),
      now, workerId: "w", ...(maxHtmlBodyBytes === undefined ? {} : { maxHtmlBodyBytes }),
    });
    return mails;
  };

  it("names the month in the schedule's zone, carries the HTML report as its body (even when only a PDF is attached) and a text alternative", async () => {
    // 1 April 2025 08:00 in Madrid is 06:00 UTC: the run covers March
    const [mail] = await pass(Date.UTC(2025, 3, 1, 6, 0));
    expect(mail!.subject).toBe("Help desk performance — IT Help Desk — March 2025");
    expect(mail!.html).toContain("<h1>Help desk performance</h1>");
    expect(mail!.html).toContain("Level 1");
    expect(mail!.html).not.toContain("rows are shown");
    expect(mail!.text).toContain("Period: March 2025 (Europe/Madrid)");
    expect(mail!.attachments.map((a) => a.filename)).toEqual(["monthly-performance-2025-03-01.pdf"]);
  });

  it("cuts a large report's body to its first rows, the totals over every row, the files attached", async () => {
    // March's backlog by day: 31 rows, over a (lowered) body limit
    await putSchedule(s.store, { ...monthly, id: "monthly-backlog", report: { predefined: "backlog" }, formats: ["html", "xlsx"] });
    const [mail] = await pass(Date.UTC(2025, 3, 1, 6, 0), 1_000);
    expect(mail!.subject).toBe("Backlog and flow — IT Help Desk — March 2025");
    expect(mail!.html).toContain("The first 25 rows are shown; the totals cover every row. The full report is attached (html, xlsx).");
    expect(mail!.html!.match(/<tr( class="alt")?><td class="left">/g)).toHaveLength(25);
    expect(mail!.html).toContain("Total (31 rows)");
    expect(mail!.attachments.map((a) => a.filename)).toEqual(["monthly-backlog-2025-03-01.html", "monthly-backlog-2025-03-01.xlsx"]);
  });
});
