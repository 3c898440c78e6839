import type { Principal } from "@spoc/core";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTickets, ids, reportingDesk } from "../../test/desk-fixture";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pgUrl, postgresTestStore, sqliteTestStore, type TestStore } from "../../test/stores";
import { inlineNamed } from "./named-params";
import { runSqlReport, SqlReportError } from "./sql-report";

// Attacks on the SQL reports' boundary found after h/sqlrep (attack20).
const admin: Principal = {
  kind: "agent",
  agent: { id: "ag-x", name: "X", email: "x@example", memberships: [{ serviceId: ids.it, role: "admin" }], skills: [], absences: [] } as never,
};

describe("parameters stay values wherever the placeholder stands (PostgreSQL text)", () => {
  // Each query places :p where the old scanner saw code but PostgreSQL sees a comment, an E-string
  // or an identifier; the value then closed it and added SQL of its own.
  const cases: ReadonlyArray<[string, string]> = [
    ["a line comment", "select 1 as n -- and priority = :p\n"],
    ["a block comment", "select 1 as n /* :p */"],
    ["a nested block comment", "select 1 as n /* /* */ :p */"],
    ["an E-string", "select E'\\' :p' as n"],
    ["a dollar-quoted string", "select $p0$ :p $p0$ as n"],
  ];
  for (const [where, text] of cases) {
    it(`a placeholder inside ${where} is left as text, not replaced`, () => {
      expect(inlineNamed(text, { p: "x\n*/ union select 2 --" })).toBe(text);
    });
  }
  it("a placeholder right after an identifier cannot join it", () => {
    expect(inlineNamed("select 1 as a:p", { p: "x" })).toBe("select 1 as a $p0$x$p0$");
  });
  it("NUL or a lone surrogate in a parameter is refused naming it", () => {
    expect(() => inlineNamed("select :p", { p: "a\u0000b" })).toThrow(/:p/);
    expect(() => inlineNamed("select :p", { p: "a\ud800b" })).toThrow(/:p/);
  });
});

const url = pgUrl;
if (url === undefined) console.warn("[reporting] SQL-report attack tests on PostgreSQL skipped: set SPOC_PG_URL to run them");
else
  describe("SQL report attacks on PostgreSQL", () => {
    let s: TestStore;
    beforeAll(async () => {
      s = await postgresTestStore(url);
      await generateTickets(await reportingDesk(s.store), 30, 3);
      // Statistics as autovacuum leaves them: most rows are the scope's, so the planner scans.
      await sql`analyze`.execute(s.db!);
    }, 60_000);
    afterAll(() => s.close());

    it("a cheap predicate that fails is not evaluated on another service's rows (security barrier), however many times the service is named", async () => {
      // Eight copies of IT's id made the scope filter cost more than the report's own predicate, so
      // the planner ran the report's first, on HR's rows too: its division by zero answered "does
      // HR hold a ticket numbered like this?", a blind oracle over every plain column.
      for (const serviceIds of [[ids.it], Array.from({ length: 8 }, () => ids.it)]) {
        const r = await runSqlReport(admin, { sql: "select count(*) as n from tickets where 1 / (case when number like 'HR%' then 0 else 1 end) = 1", serviceIds }, s.db!);
        expect(Number(r.rows[0]!.n)).toBeGreaterThan(0);
        const e = await runSqlReport(admin, { sql: "select count(*) as n from events where 1 / (case when ticket_id like '%' and service_id <> 'svc-it' then 0 else 1 end) = 1", serviceIds }, s.db!);
        expect(Number(e.rows[0]!.n)).toBeGreaterThan(0);
      }
    }, 60_000);

    it("a parameter in a commented-out filter line changes nothing", async () => {
      const all = await runSqlReport(admin, { sql: "select count(*) as n from tickets", serviceIds: [ids.it] }, s.db!);
      const r = await runSqlReport(admin, { sql: "select count(*) as n from tickets /* where priority = :p */", params: { p: "*/ where false /*" }, serviceIds: [ids.it] }, s.db!);
      expect(r.rows).toEqual(all.rows);
    });
  });

// A report's rows were capped in number only: 10,000 rows of a megabyte each (`repeat`, `printf`)
// reached the host's memory whole, one admin's query enough to take the desk down for every service.
const sizeSuite = (name: string, open: () => Promise<TestStore>, big: string, one: string) =>
  describe(`the size of a SQL report's result on ${name}`, () => {
    let s: TestStore;
    beforeAll(async () => {
      s = await open();
      await generateTickets(await reportingDesk(s.store), 10, 3);
    }, 60_000);
    afterAll(() => s.close());
    it("rows past maxBytes are cut and flagged, the host never holds them", async () => {
      const r = await runSqlReport(admin, { sql: big, serviceIds: [ids.it] }, s.db!, { maxBytes: 1_000_000 });
      expect(r.truncated).toBe(true);
      expect(r.rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(r.rows).length).toBeLessThanOrEqual(1_000_000);
      // A small result is whole.
      const small = await runSqlReport(admin, { sql: "select count(*) as n from tickets", serviceIds: [ids.it] }, s.db!, { maxBytes: 1_000_000 });
      expect(small.truncated).toBe(false);
    }, 60_000);
    it("a single row over maxBytes is not returned", async () => {
      const r = await runSqlReport(admin, { sql: one, serviceIds: [ids.it] }, s.db!, { maxBytes: 50_000 });
      expect(r.rows).toEqual([]);
      expect(r.truncated).toBe(true);
    }, 60_000);
  });
const dir = mkdtempSync(join(tmpdir(), "spoc-sql-attack-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
sizeSuite("sqlite", () => sqliteTestStore(join(dir, "desk.db")), "with recursive g(x) as (select 1 union all select x + 1 from g where x < 40) select x, printf('%.*c', 100000, 'x') as pad from g", "select printf('%.*c', 100000, 'x') as pad");
if (url !== undefined) sizeSuite("postgres", () => postgresTestStore(url), "select x, repeat('x', 100000) as pad from generate_series(1, 40) as g(x)", "select repeat('x', 100000) as pad");
