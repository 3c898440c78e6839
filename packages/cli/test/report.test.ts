import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/index";
import { exampleDir } from "./desk-config/demo-config";

let dir: string;
let out: string[];
let err: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "spoc-report-"));
  out = [];
  err = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

// The demo database is built once per file and copied for each test (building it takes 15–70 s on a busy machine).
let template: string | undefined;
beforeAll(async () => {
  const into = mkdtempSync(join(tmpdir(), "spoc-report-demo-"));
  expect(await main(["demo", "--out", into])).toBe(0);
  template = join(into, "spoc-demo.sqlite");
}, 180_000);
const demoDb = async () => {
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(`${template}${suffix}`)) copyFileSync(`${template}${suffix}`, `${dir}/spoc-demo.sqlite${suffix}`);
  return `sqlite:${dir}/spoc-demo.sqlite`;
};

describe("spoc report", () => {
  it("report run writes a predefined report in every format asked", async () => {
    const db = await demoDb();
    out = [];
    const code = await main(["report", "run", "performance", "--db", db, "--format", "html,xlsx,pdf", "--out", join(dir, "r"), "--from", "2020-01-01", "--to", "2030-12-31"]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    for (const ext of ["html", "xlsx", "pdf"]) expect(existsSync(join(dir, "r", `help-desk-performance.${ext}`))).toBe(true);
    expect(readFileSync(join(dir, "r", "help-desk-performance.html"), "utf8")).toContain("Help desk performance");
  }, 90_000);

  it("report run takes a custom JSON definition", async () => {
    const db = await demoDb();
    const file = join(dir, "custom.json");
    writeFileSync(file, JSON.stringify({
      title: "Tickets per channel",
      dataSet: { dimensions: ["channel"], measures: ["created"], period: { from: "2020-01-01", to: "2030-12-31", timeZone: "UTC" } },
      layout: {},
    }));
    expect(await main(["report", "run", file, "--db", db, "--out", dir])).toBe(0);
    expect(readFileSync(join(dir, "tickets-per-channel.html"), "utf8")).toContain("Tickets per channel");
  });

  it("a filter naming a group or agent no service has fails naming the field, instead of an empty report", async () => {
    const db = await demoDb();
    const file = join(dir, "typo.json");
    writeFileSync(file, JSON.stringify({
      title: "Typo",
      dataSet: { dimensions: ["group"], measures: ["created"], period: { from: "2020-01-01", to: "2030-12-31", timeZone: "UTC" }, filters: { groups: ["grp-l1", "grp-nope"], agents: ["ag-nobody"] } },
      layout: {},
    }));
    expect(await main(["report", "run", file, "--db", db, "--out", join(dir, "t")])).toBe(1);
    expect(err.join("\n")).toContain("dataSet.filters.groups.1");
    expect(err.join("\n")).toContain("grp-nope");
    expect(err.join("\n")).toContain("dataSet.filters.agents.0");
    expect(existsSync(join(dir, "t", "typo.html"))).toBe(false);
  });

  it("run-due with the SMTP server down says the run will be retried and why, not 'sent 0 … failed 0'", async () => {
    const db = await demoDb();
    const file = join(dir, "monthly.json");
    writeFileSync(file, JSON.stringify({
      id: "monthly-perf", serviceId: "svc-support", report: { predefined: "performance" }, cron: "0 7 1 * *", timeZone: "Europe/Madrid",
      lookback: "month", recipients: ["boss@example.com"], formats: ["pdf"],
    }));
    expect(await main(["report", "schedule", "add", file, "--db", db])).toBe(0);
    out = [];
    expect(await main(["report", "schedule", "run-due", "--db", db, "--smtp", "smtp://127.0.0.1:2", "--mail-from", "r@example.com", "--now", "2027-01-01T06:30:00Z"])).toBe(0);
    expect(out.join("\n")).toContain("retrying 1");
    expect(err.join("\n")).toMatch(/monthly-perf at 2027-01-01T06:00:00\.000Z: will retry at .*ECONNREFUSED/);
  }, 60_000);

  it("a bad custom definition fails with the path of the bad field", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ title: "x", dataSet: { dimensions: ["colour"], measures: ["created"], period: { from: "2025-01-01", to: "2025-01-31", timeZone: "UTC" } }, layout: {} }));
    expect(await main(["report", "run", file, "--db", `sqlite:${dir}/x.sqlite`])).toBe(1);
    expect(err.join("\n")).toContain("dataSet.dimensions.0");
  });

  it("schedule add stores a schedule that schedule list shows", async () => {
    const db = await demoDb();
    const file = join(dir, "schedule.json");
    writeFileSync(file, JSON.stringify({ id: "weekly-sla", serviceId: "svc-support", report: { predefined: "sla" }, cron: "0 7 * * 1", timeZone: "Europe/Madrid", lookback: "week", recipients: ["boss@example.com"], formats: ["pdf"] }));
    expect(await main(["report", "schedule", "add", file, "--db", db])).toBe(0);
    out = [];
    expect(await main(["report", "schedule", "list", "--db", db, "--json"])).toBe(0);
    expect(JSON.parse(out.join(""))).toMatchObject([{ id: "weekly-sla", cron: "0 7 * * 1" }]);
  });
});

describe("spoc report run --sql", () => {
  const sqlFile = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const byPriority = `-- spoc: column waited_seconds duration-seconds "Average wait"
select priority, count(*) as tickets, avg(coalesce(resolved_at, :to) - created_at) / 1000 as waited_seconds, max(created_at) as last_created_at
from tickets where created_at >= :from and created_at < :to and priority <> :skip
group by priority order by priority`;

  it("renders a SQL report in each format, with types from names and comments and --column overrides", async () => {
    const db = await demoDb();
    const file = sqlFile("open-by-priority.sql", byPriority);
    out = [];
    const code = await main(["report", "run", "--sql", file, "--param", "skip=none", "--column", "tickets=integer:Tickets opened", "--db", db,
      "--format", "html,xlsx,pdf", "--out", join(dir, "s"), "--from", "2020-01-01", "--to", "2030-12-31", "--title", "Tickets by priority"]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    for (const ext of ["html", "xlsx", "pdf"]) expect(existsSync(join(dir, "s", `tickets-by-priority.${ext}`))).toBe(true);
    const html = readFileSync(join(dir, "s", "tickets-by-priority.html"), "utf8");
    expect(html).toContain("Tickets by priority");
    expect(html).toContain("Tickets opened"); // the --column label
    expect(html).toContain("Average wait"); // the comment's label
    expect(html).toContain("Last created"); // the name's heading, a date
    expect(html).toMatch(/\d+d \d+h|\d+h \d+m/); // seconds shown as a duration
    expect(html).not.toMatch(/>1[6-9]\d{11}</); // no raw epoch ms
    expect(out.join("\n")).toContain("tickets-by-priority.pdf");
  });

  it("bad params and options are usage errors naming the option; a missing param names the file", async () => {
    const file = sqlFile("p.sql", "select count(*) as n from tickets where priority = :p");
    expect(await main(["report", "run", "--sql", file, "--param", "no-equals", "--db", `sqlite:${dir}/x.sqlite`])).toBe(2);
    expect(err.pop()).toContain("--param");
    expect(await main(["report", "run", "--sql", file, "--column", "n=colour", "--db", `sqlite:${dir}/x.sqlite`])).toBe(2);
    expect(err.pop()).toContain("--column");
    expect(await main(["report", "run", "performance", "--param", "p=1", "--db", `sqlite:${dir}/x.sqlite`])).toBe(2);
    expect(err.pop()).toContain("--param");
    expect(await main(["report", "run", "--sql", join(dir, "absent.sql"), "--db", `sqlite:${dir}/x.sqlite`])).toBe(1);
    expect(err.pop()).toContain("absent.sql");
    const db = await demoDb();
    expect(await main(["report", "run", "--sql", file, "--db", db, "--out", dir])).toBe(1);
    expect(err.pop()).toMatch(/p\.sql: invalid: parameter :p has no value/);
  });

  it("keeps the guards: a write or a spoc_* table is refused, naming the file", async () => {
    const db = await demoDb();
    const write = sqlFile("w.sql", "delete from tickets returning id");
    expect(await main(["report", "run", "--sql", write, "--db", db, "--out", dir])).toBe(1);
    expect(err.pop()).toMatch(/w\.sql: (write-rejected|database)/);
    const table = sqlFile("t.sql", "select * from spoc_cursors");
    expect(await main(["report", "run", "--sql", table, "--db", db, "--out", dir])).toBe(1);
    expect(err.pop()).toContain("t.sql: table-not-allowed");
  });

  it("schedule add takes a SQL report, and list shows it", async () => {
    const db = await demoDb();
    const file = join(dir, "sql-schedule.json");
    writeFileSync(file, JSON.stringify({ id: "daily-sql", serviceId: "svc-support", report: { sql: { title: "Tickets by priority", sql: byPriority, params: { skip: "none" } } }, cron: "0 7 * * *", timeZone: "UTC", lookback: "day", recipients: ["boss@example.com"], formats: ["xlsx"] }));
    expect(await main(["report", "schedule", "add", file, "--db", db])).toBe(0);
    out = [];
    expect(await main(["report", "schedule", "list", "--db", db])).toBe(0);
    expect(out.join("\n")).toContain("Tickets by priority (SQL)");
  });
});

const pgUrl = process.env.SPOC_PG_URL;
if (pgUrl === undefined) console.log("skipped: spoc report run --sql on PostgreSQL: SPOC_PG_URL is not set");
describe.skipIf(pgUrl === undefined)("spoc report run --sql on PostgreSQL", () => {
  it("renders each format through the reporting role, counts (bigint text) as numbers", async () => {
    const db = pgUrl as string;
    expect(await main(["apply", exampleDir, "--db", db])).toBe(0);
    const file = join(dir, "count.sql");
    writeFileSync(file, "select count(*) as tickets, count(*) * 60 as span_seconds, :label as label from tickets where created_at >= :from and created_at < :to");
    out = [];
    err = [];
    expect(await main(["report", "run", "--sql", file, "--param", "label=all", "--db", db, "--format", "html,xlsx,pdf", "--out", join(dir, "pg"), "--service", "svc-billing"])).toBe(0);
    expect(err).toEqual([]);
    for (const ext of ["html", "xlsx", "pdf"]) expect(existsSync(join(dir, "pg", `count.${ext}`))).toBe(true);
    const html = readFileSync(join(dir, "pg", "count.html"), "utf8");
    expect(html).toContain("Span"); // *_seconds: a duration, its unit left out of the heading
    expect(html).toContain(">all<");
  }, 60_000);
});

const mysqlUrl = process.env.SPOC_MYSQL_URL;
if (mysqlUrl === undefined) console.log("skipped: spoc report on MySQL/MariaDB: SPOC_MYSQL_URL is not set");
describe.skipIf(mysqlUrl === undefined)("spoc report on MySQL/MariaDB", () => {
  it("runs a report on a MariaDB desk with the same figures as on the SQLite desk of the same demo", async () => {
    const { openStore } = await import("@spoc/store-kysely");
    const { sql } = await import("kysely");
    const name = `spoc_cli_rep_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = await openStore(mysqlUrl as string, { migrate: false, poolSize: 1 });
    await sql.raw(`create database ${name} character set utf8mb4 collate utf8mb4_bin`).execute(admin.db);
    const shared = process.env.SPOC_SHARED_DIR;
    process.env.SPOC_SHARED_DIR = dir; // no ServiceNow sample there: the demo alone
    try {
      const u = new URL(mysqlUrl as string);
      u.pathname = `/${name}`;
      const mysqlDb = u.toString();
      expect(await main(["demo", "--db", mysqlDb, "--out", join(dir, "m")])).toBe(0);
      expect(existsSync(join(dir, "m", "helpdesk-performance.xlsx"))).toBe(true);
      expect(await main(["demo", "--out", join(dir, "s")])).toBe(0);
      const file = join(dir, "per-group.json");
      writeFileSync(file, JSON.stringify({
        title: "Per group and priority",
        dataSet: {
          dimensions: ["group", "priority"], measures: ["created", "resolved", "backlog", "first-response-median", "resolution-p90", "sla-compliance", "one-touch-rate", "cost"],
          period: { from: "2026-10-01", to: "2026-10-31", timeZone: "Europe/Madrid" },
        },
        layout: { grouping: { by: "group" } },
      }));
      const html = async (db: string, out: string) => {
        expect(await main(["report", "run", file, "--db", db, "--out", out])).toBe(0);
        return readFileSync(join(out, "per-group-and-priority.html"), "utf8").replace(/Generated: [^<·]*/g, "");
      };
      const onMysql = await html(mysqlDb, join(dir, "rm"));
      expect(onMysql).toMatch(/<td[^>]*>\s*\d/);
      expect(onMysql).toBe(await html(`sqlite:${join(dir, "s")}/spoc-demo.sqlite`, join(dir, "rs")));
      expect(err).toEqual([]);
    } finally {
      if (shared === undefined) delete process.env.SPOC_SHARED_DIR;
      else process.env.SPOC_SHARED_DIR = shared;
      await sql.raw(`drop database ${name}`).execute(admin.db);
      await admin.close();
    }
  }, 180_000);
});
