import { Forbidden, type Principal } from "@spoc/core";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTickets, ids, reportingDesk } from "../../test/desk-fixture";
import { pgUrl, postgresTestStore, sqliteTestStore, type TestStore } from "../../test/stores";
import { runSqlReport, SqlReportError } from "./sql-report";

const member = (role: "admin" | "lead", services: ReadonlyArray<string>): Principal => ({
  kind: "agent",
  agent: { id: "ag-x", name: "X", email: "x@example", memberships: services.map((serviceId) => ({ serviceId, role })), skills: [], absences: [] } as never,
});
const admin = member("admin", [ids.it, ids.hr]);
const itOnly = [ids.it];

const suite = (name: string, open: () => Promise<TestStore>) =>
  describe(`SQL reports on ${name}`, () => {
    let s: TestStore;
    beforeAll(async () => {
      s = await open();
      await generateTickets(await reportingDesk(s.store), 30, 3);
    }, 60_000);
    afterAll(() => s.close());
    const run = (q: string, params = {}, options = {}) => runSqlReport(admin, { sql: q, params, serviceIds: itOnly }, s.db!, options);

    it("only admins may run SQL reports; a lead gets Forbidden", async () => {
      await expect(runSqlReport(member("lead", [ids.it]), { sql: "select 1 as one", serviceIds: itOnly }, s.db!)).rejects.toBeInstanceOf(Forbidden);
    });

    it("an admin of one service may not read another", async () => {
      await expect(runSqlReport(member("admin", [ids.it]), { sql: "select 1 as one", serviceIds: [ids.it, ids.hr] }, s.db!)).rejects.toBeInstanceOf(Forbidden);
    });

    it("parameters are bound, never spliced into the text", async () => {
      const r = await run("select count(*) as n from tickets where priority = :p or priority = :q", { p: "normal", q: "x' or '1'='1" });
      const all = await run("select count(*) as n from tickets where priority = 'normal'");
      expect(Number(r.rows[0]!.n)).toBe(Number(all.rows[0]!.n));
    });

    it("the views hold only the services asked for", async () => {
      const r = await run("select distinct service_id from tickets");
      expect(r.rows.map((x) => x.service_id)).toEqual([ids.it]);
    });

    it("rows beyond the cap are cut and flagged", async () => {
      const r = await run("select id from tickets order by id", {}, { rowCap: 5 });
      expect(r.rows).toHaveLength(5);
      expect(r.truncated).toBe(true);
    });

    it("naming a spoc_ table directly is refused", async () => {
      await expect(run('select * from "SPOC_TICKETS"')).rejects.toMatchObject({ reason: "table-not-allowed" });
    });

    it("a write is rejected and changes nothing", async () => {
      const before = await sql<{ n: number }>`select count(*) as n from spoc_tickets`.execute(s.db!);
      await expect(run("delete from tickets")).rejects.toBeInstanceOf(SqlReportError);
      await expect(run("select 1 as x) as y; delete from spoc_events; select * from (select 1")).rejects.toBeInstanceOf(SqlReportError);
      const after = await sql<{ n: number }>`select count(*) as n from spoc_tickets`.execute(s.db!);
      expect(Number(after.rows[0]!.n)).toBe(Number(before.rows[0]!.n));
    });

    if (name === "postgres") {
      it("a function that writes is stopped by the read-only transaction", async () => {
        await sql`create table scratch (a int)`.execute(s.db!);
        await sql.raw("create function scratch_write() returns int language sql as 'insert into scratch values (1); select 1'").execute(s.db!);
        await expect(run("select scratch_write() as w")).rejects.toMatchObject({ reason: "write-rejected" });
      });

      it("a query past its statement timeout is stopped", async () => {
        await expect(run("select pg_sleep(2) as s", {}, { timeoutMs: 100 })).rejects.toMatchObject({ reason: "timeout" });
      });
    }
  });

suite("sqlite", () => sqliteTestStore());
const url = pgUrl;
if (url !== undefined) suite("postgres", () => postgresTestStore(url));
