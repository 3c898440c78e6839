import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTickets, ids, reportingDesk } from "../../test/desk-fixture";
import { memoryTestStore, mysqlTestStore, mysqlUrl, pgUrl, postgresTestStore, sqliteTestStore, type TestStore } from "../../test/stores";
import { memoryDataSource, sqlDataSource, type DataSetSource } from "./data-set-source";
import { fixedMeasures, type DataSetDefinition } from "./definition";

const period = { from: "2025-03-01", to: "2025-03-31", timeZone: "Europe/Athens" } as const;
const everything = [...fixedMeasures, "sla-compliance:first-response", "sla-compliance:resolution"] as const;
const definitions: ReadonlyArray<DataSetDefinition> = [
  { dimensions: [], measures: everything, period },
  { dimensions: ["service", "group", "agent"], measures: everything, period },
  { dimensions: ["period"], measures: everything, period: { ...period, granularity: "day" } },
  { dimensions: ["service", "period"], measures: ["created", "resolved", "backlog", "resolution-p90"], period: { ...period, granularity: "week" } },
  { dimensions: ["channel", "priority", "category", "type", "organisation", "status"], measures: ["created", "first-response-median", "satisfaction"], period },
  { dimensions: ["agent"], measures: ["one-touch-rate", "reopen-rate", "cost"], filters: { channels: ["email", "phone"], groups: [ids.l1, ids.l2] }, period },
];

const collect = async <T>(xs: AsyncIterable<T>): Promise<Array<T>> => {
  const out: Array<T> = [];
  for await (const x of xs) out.push(x);
  return out;
};

const filled = async (make: () => Promise<TestStore>) => {
  const s = await make();
  await generateTickets(await reportingDesk(s.store), 90);
  return s;
};

describe("the memory and SQL evaluators give the same rows and numbers", () => {
  const stores: Array<TestStore> = [];
  const sources: Array<{ name: string; source: DataSetSource; store: TestStore }> = [];
  beforeAll(async () => {
    const memory = await filled(memoryTestStore);
    const sqlite = await filled(() => sqliteTestStore());
    stores.push(memory, sqlite);
    sources.push({ name: "memory", source: memoryDataSource(memory.store, [ids.it, ids.hr]), store: memory });
    sources.push({ name: "sqlite", source: sqlDataSource(sqlite.db!, [ids.it, ids.hr], { dialect: "sqlite" }), store: sqlite });
    if (pgUrl !== undefined) {
      const url = pgUrl;
      const postgres = await filled(() => postgresTestStore(url));
      stores.push(postgres);
      sources.push({ name: "postgres", source: sqlDataSource(postgres.db!, [ids.it, ids.hr], { dialect: "postgres" }), store: postgres });
    }
    if (mysqlUrl !== undefined) {
      const url = mysqlUrl;
      const mysql = await filled(() => mysqlTestStore(url));
      stores.push(mysql);
      sources.push({ name: "mysql", source: sqlDataSource(mysql.db!, [ids.it, ids.hr], { dialect: "mysql" }), store: mysql });
    }
  }, 120_000);
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  definitions.forEach((definition, n) => {
    it(`definition ${n} (${definition.dimensions.join(", ") || "totals"}) has identical rows in every store`, async () => {
      const [reference, ...others] = await Promise.all(sources.map((s) => collect(s.source.rows(definition))));
      expect(reference!.length).toBeGreaterThan(0);
      for (const [i, rows] of others.entries()) expect(rows, sources[i + 1]!.name).toEqual(reference);
    });
  });

  it("the figures are plausible: created tickets add up and rates are fractions", async () => {
    const [total] = await collect(sources[0]!.source.rows(definitions[0]!));
    expect(total!.created).toBe(90);
    for (const k of ["reopen-rate", "one-touch-rate", "sla-compliance"]) {
      const v = total![k] as number;
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(total!["first-response-median"]).toBeGreaterThan(0);
    expect((total!["first-response-p90"] as number) >= (total!["first-response-median"] as number)).toBe(true);
  });

  it("every row drills down to the same tickets in every store, and the tickets add up", async () => {
    const definition = definitions[1]!;
    const rows = await collect(sources[0]!.source.rows(definition));
    let created = 0;
    for (const row of rows) {
      const numbers = await Promise.all(
        sources.map(async (s) => {
          const found = await collect(s.source.drillDown(definition, row.rowKey));
          const tickets = await Promise.all(found.map((id) => s.store.store.getTicket(row.service as never, id as never)));
          return tickets.map((t) => t!.number).sort();
        }),
      );
      const [reference, ...others] = numbers;
      for (const n of others) expect(n).toEqual(reference);
      expect(reference!.length).toBeGreaterThanOrEqual(row.created as number);
      created += row.created as number;
    }
    expect(created).toBe(90);
  });
});
