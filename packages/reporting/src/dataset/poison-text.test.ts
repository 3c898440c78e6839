import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTickets, ids, reportingDesk } from "../../test/desk-fixture";
import { memoryTestStore, mysqlTestStore, mysqlUrl, pgUrl, postgresTestStore, sqliteTestStore, type TestStore } from "../../test/stores";
import { predefinedNames, predefinedReport } from "../reports/predefined";
import { reportRows } from "../run/run-report";
import { memoryDataSource, sqlDataSource, type DataSetSource } from "./data-set-source";
import { fixedMeasures, type DataSetDefinition } from "./definition";
import { cleanJson, dataSetDialectOfDb } from "./sql/sql-dialect";

// Text an older version or a direct write may have stored: NUL and lone surrogates. JSON.stringify
// writes them as the escapes \u0000, \ud800 and \udfff, which PostgreSQL's json operators refuse to
// turn into text ("unsupported Unicode escape sequence") — the whole query failed, naming no ticket.
const poison = "hello\u0000world \ud800 lone \udfff end";
const period = { from: "2025-03-01", to: "2025-03-31", timeZone: "Europe/Athens" } as const;
const everything = [...fixedMeasures, "sla-compliance:first-response", "sla-compliance:resolution"] as const;
const dataSets: ReadonlyArray<DataSetDefinition> = [
  { dimensions: [], measures: everything, period },
  { dimensions: ["service", "group", "agent"], measures: everything, period },
  { dimensions: ["period"], measures: everything, period: { ...period, granularity: "day" } },
  { dimensions: ["channel", "priority", "category", "type", "organisation", "status"], measures: everything, period },
  ...predefinedNames.map((name) => predefinedReport(name, { period }).dataSet),
];

const collect = async <T>(xs: AsyncIterable<T>): Promise<Array<T>> => {
  const out: Array<T> = [];
  for await (const x of xs) out.push(x);
  return out;
};

/** Writes the poison text into a stored ticket and its events, straight into the tables (no Desk, no decoding). */
const poisonTicket = async (db: TestStore["db"] & object, ticketId: string) => {
  const row = (await sql<{ doc: unknown }>`select doc from spoc_tickets where id = ${ticketId}`.execute(db)).rows[0]!;
  const doc = typeof row.doc === "string" ? JSON.parse(row.doc) : row.doc;
  const spoiled = { ...doc, subject: poison, description: poison, tags: [...(doc.tags ?? []), poison] };
  await sql`update spoc_tickets set doc = ${JSON.stringify(spoiled)} where id = ${ticketId}`.execute(db);
  const events = (await sql<{ version: number; payload: unknown }>`select version, payload from spoc_events where ticket_id = ${ticketId}`.execute(db)).rows;
  for (const e of events) {
    const payload = typeof e.payload === "string" ? JSON.parse(e.payload) : e.payload;
    const text = { ...payload, ...("subject" in payload ? { subject: poison } : {}), ...("body" in payload ? { body: poison } : {}), note: poison };
    await sql`update spoc_events set payload = ${JSON.stringify(text)} where ticket_id = ${ticketId} and version = ${e.version}`.execute(db);
  }
};

/** The memory store has no tables: the poisoned ticket goes in through the store port (no Desk, no decoding). */
const poisonMemoryTicket = async (store: TestStore["store"], serviceId: string) => {
  const ticket = (await store.listTickets(serviceId as never, {})).items[0]!;
  const spoiled = { ...ticket, subject: poison, description: poison, tags: [...ticket.tags, poison] };
  await store.append({ serviceId: ticket.serviceId, ticketId: ticket.id, expectedVersion: ticket.version, events: [], ticket: spoiled });
};

const sourceOf = (s: TestStore, services: ReadonlyArray<string>): DataSetSource =>
  s.db === undefined ? memoryDataSource(s.store, services) : sqlDataSource(s.db, services, { dialect: dataSetDialectOfDb(s.db) });

const suite = (name: string, open: () => Promise<TestStore>) =>
  describe(`a ticket with NUL and lone surrogates in its text leaves every report working on ${name}`, () => {
    let s: TestStore;
    const before: Array<unknown> = [];
    beforeAll(async () => {
      s = await open();
      await generateTickets(await reportingDesk(s.store), 60, 5);
      const source = sourceOf(s, [ids.it, ids.hr]);
      for (const d of dataSets) before.push(await collect(source.rows(d)));
      // One poisoned ticket in each service, with the most history.
      for (const service of [ids.it, ids.hr]) {
        if (s.db === undefined) {
          await poisonMemoryTicket(s.store, service);
          continue;
        }
        const t = await sql<{ id: string }>`select id from spoc_tickets where service_id = ${service} order by version desc, id limit 1`.execute(s.db!);
        await poisonTicket(s.db!, t.rows[0]!.id);
      }
    }, 120_000);
    afterAll(() => s.close());

    it("the poison is stored as written", async () => {
      if (s.db === undefined) {
        const page = await s.store.listTickets(ids.it as never, {});
        expect(JSON.stringify(page)).toContain("\\u0000");
        return;
      }
      // MySQL's LIKE reads a backslash as its escape character.
      const poisoned = s.name === "mysql" ? sql`locate(${"\\u0000"}, doc) > 0` : sql`cast(doc as text) like ${"%\\u0000%"}`;
      const r = await sql<{ n: number }>`select count(*) as n from spoc_tickets where ${poisoned}`.execute(s.db!);
      expect(Number(r.rows[0]!.n)).toBe(2);
    });

    if (name === "postgres") {
      it("spoc_report_json drops only NUL and lone-surrogate escapes: an escaped backslash and a surrogate pair stay", async () => {
        const doc = JSON.stringify({ nul: "a\u0000b", path: "C:\\u0000", pair: "\u{1F600}", lone: "x\udc00\ud800y", both: "\\\u0000" });
        const r = await sql<{ j: Record<string, string> }>`select spoc_report_json(${doc}::json)::jsonb as j`.execute(s.db!);
        expect(r.rows[0]!.j).toEqual({ nul: "ab", path: "C:\\u0000", pair: "\u{1F600}", lone: "xy", both: "\\" });
      });
    }

    if (name === "mysql") {
      it("the MySQL/MariaDB cleaning drops only lone-surrogate escapes: NUL, an escaped backslash and a surrogate pair stay", async () => {
        const doc = JSON.stringify({ lone: "x\udc00\ud800y", nul: "a\u0000b", path: "C:\\ud800", pair: "\u{1F600}", escapedPair: "", both: "\\\udfff", after: "ok" })
          .replace('"escapedPair":""', '"escapedPair":"\\ud83d\\ude00"');
        const r = await sql<{ j: string }>`select ${cleanJson(sql`${doc}`)} as j`.execute(s.db!);
        expect(JSON.parse(r.rows[0]!.j)).toEqual({ lone: "xy", nul: "a\u0000b", path: "C:\\ud800", pair: "\u{1F600}", escapedPair: "\u{1F600}", both: "\\", after: "ok" });
        const after = await sql<{ v: string }>`select json_value(${cleanJson(sql`${doc}`)}, '$.after') as v`.execute(s.db!);
        expect(after.rows[0]!.v).toBe("ok");
      });
    }

    it("every data set gives the figures it gave before the poison", async () => {
      const source = sourceOf(s, [ids.it, ids.hr]);
      for (const [n, d] of dataSets.entries()) expect(await collect(source.rows(d)), `data set ${n}`).toEqual(before[n]);
    });

    it("every predefined report runs and every row drills down", async () => {
      const source = sourceOf(s, [ids.it]);
      for (const name of predefinedNames) {
        const definition = predefinedReport(name, { period });
        const rows = await collect(reportRows(definition, source));
        expect(rows.length, name).toBeGreaterThan(0);
        for (const row of rows.slice(0, 3)) await collect(source.drillDown(definition.dataSet, row.rowKey));
      }
    });
  });

suite("memory", memoryTestStore);
suite("sqlite", () => sqliteTestStore());
const url = pgUrl;
if (url !== undefined) suite("postgres", () => postgresTestStore(url));
const mysql = mysqlUrl;
if (mysql !== undefined) suite("mysql", () => mysqlTestStore(mysql));
