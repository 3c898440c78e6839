import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/index";

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

const demoDb = async () => {
  expect(await main(["demo", "--out", dir])).toBe(0);
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
  }, 90_000); // the first test also builds the demo database it shares

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
