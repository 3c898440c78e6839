import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateTickets, ids, reportingDesk } from "../../test/desk-fixture";
import { memoryTestStore, mysqlTestStore, mysqlUrl, pgUrl, postgresTestStore, sqliteTestStore, type TestStore } from "../../test/stores";
import { decodeRowKey, filterFieldOf } from "../dataset/data-set-row";
import { memoryDataSource, sqlDataSource, type DataSetSource } from "../dataset/data-set-source";
import { fixedMeasures, type Dimension, type Measure } from "../dataset/definition";
import { GroupedTotals } from "../model/grouped-totals";
import type { TotalsRow } from "../model/running-totals";
import { predefinedReport } from "../reports/predefined";
import { columnsOf } from "../reports/report-columns";
import type { ReportDefinition } from "../reports/report-definition";
import { reportTotals } from "./report-totals";
import { reportRows } from "./run-report";

const period = { from: "2025-03-01", to: "2025-03-31", timeZone: "Europe/Athens" };
const services = [ids.it, ids.hr];
/** The totals lines a renderer writes for a report: each subtotal with its group's value, and the total. */
const totalsLines = async (definition: ReportDefinition, source: DataSetSource) => {
  const columns = columnsOf(definition);
  const by = definition.layout.grouping?.by;
  const g = new GroupedTotals(columns, definition.layout.grouping, String, await reportTotals(definition, source));
  const subtotals: Array<{ value: unknown; line: TotalsRow }> = [];
  let current: unknown;
  for await (const row of reportRows(definition, source)) {
    const b = g.push(row);
    if (b?.closed) subtotals.push({ value: current, line: b.closed });
    // The group's id (rows carry its name): read from the row key, which holds the raw values.
    if (b) current = by === undefined ? undefined : decodeRowKey(row.rowKey, definition.dataSet.dimensions.length)[definition.dataSet.dimensions.indexOf(by as Dimension)];
  }
  const end = g.finish();
  if (end.closed) subtotals.push({ value: current, line: end.closed });
  return { subtotals, total: end.total };
};

/**
 * The same report for one group alone and without grouping: the group's filter, no dimension, so
 * its one row is the group's figures as the data gives them (`value` undefined: the whole report).
 */
const alone = (definition: ReportDefinition, dimension: Dimension | undefined, value: string | undefined): ReportDefinition => {
  const { grouping: _, ...layout } = definition.layout;
  const dataSet = definition.dataSet;
  return {
    ...definition,
    layout,
    dataSet: {
      ...dataSet,
      dimensions: [],
      ...(dimension !== undefined && value !== undefined && dimension !== "period"
        ? { filters: { ...dataSet.filters, [filterFieldOf[dimension]]: [value] } }
        : {}),
    },
  };
};

/** The numeric figures of a one-row report (nulls where the data has none). */
const figures = async (definition: ReportDefinition, source: DataSetSource): Promise<Record<string, number | null>> => {
  const rows: Array<Record<string, unknown>> = [];
  for await (const row of reportRows(definition, source)) rows.push(row);
  expect(rows.length).toBeLessThanOrEqual(1);
  const out: Record<string, number | null> = {};
  for (const m of definition.dataSet.measures) out[m] = (rows[0]?.[m] as number | null | undefined) ?? (rows.length === 0 ? 0 : null);
  return out;
};

const filled = async (make: () => Promise<TestStore>, count: number, seed: number) => {
  const s = await make();
  await generateTickets(await reportingDesk(s.store), count, seed);
  return s;
};
const sourceOf = (s: TestStore): DataSetSource => (s.db ? sqlDataSource(s.db, services) : memoryDataSource(s.store, services));

/** Asserts the property on one store: subtotal = report of that group alone, total = report without grouping. */
const checkTotals = async (source: DataSetSource, definition: ReportDefinition) => {
  const by = definition.layout.grouping?.by as Dimension;
  const { subtotals, total } = await totalsLines(definition, source);
  for (const { value, line } of subtotals) {
    if (value === null) continue; // no filter selects "no value"
    expect(line.values, `subtotal ${String(value)}`).toEqual(await figures(alone(definition, by, String(value)), source));
  }
  if (subtotals.length > 0) expect(total.values).toEqual(await figures(alone(definition, undefined, undefined), source));
  return subtotals.length;
};

const everything: ReadonlyArray<Measure> = [...fixedMeasures, "sla-compliance:first-response", "sla-compliance:resolution"];
const groupable: ReadonlyArray<Dimension> = ["service", "group", "agent", "channel", "priority", "organisation", "category"];

const reportArb = fc
  .record({
    by: fc.constantFrom(...groupable),
    inner: fc.constantFrom<Dimension | undefined>(undefined, "agent", "channel", "priority", "period"),
    measures: fc.subarray([...everything], { minLength: 1, maxLength: 8 }),
  })
  .map(({ by, inner, measures }): ReportDefinition => ({
    title: "Random",
    dataSet: { dimensions: inner === undefined || inner === by ? [by] : [by, inner], measures, period: { ...period, granularity: "week" } },
    layout: { grouping: { by } },
  }));

describe("subtotals and totals are computed from the data", () => {
  it("reproduces issue 15: a subtotal of a rate is the group's own rate, not the mean of its rows' rates", async () => {
    const s = await filled(() => sqliteTestStore(), 60, 11);
    try {
      const source = sourceOf(s);
      // Rows per channel within each service: channels of very different sizes, so a plain mean of
      // the rows' rates differs from the service's rate.
      const base = predefinedReport("sla", { period });
      const sla: ReportDefinition = { ...base, dataSet: { ...base.dataSet, dimensions: ["service", "channel"] } };
      const { subtotals } = await totalsLines(sla, source);
      const it = subtotals.find((x) => x.value === ids.it)!.line;
      const rows: Array<Record<string, unknown>> = [];
      for await (const row of reportRows(sla, source)) if (row.service === ids.it) rows.push(row);
      const rates = rows.map((r) => r["sla-compliance:first-response"]).filter((v): v is number => typeof v === "number");
      const meanOfRows = rates.reduce((a, b) => a + b, 0) / rates.length;
      const own = await figures(alone(sla, "service", ids.it), source);
      expect(it.values["sla-compliance:first-response"]).toBe(own["sla-compliance:first-response"]);
      expect(it.values["sla-compliance:first-response"]).not.toBeCloseTo(meanOfRows, 4);
      // p90 exists on the subtotal, as the group's own p90
      expect(it.values["resolution-p90"]).toBe(own["resolution-p90"]);
      expect(it.values["resolution-p90"]).not.toBeNull();
    } finally {
      await s.close();
    }
  }, 60_000);

  it("property: each subtotal equals the report run for that group alone, the total equals the ungrouped report (memory, SQLite)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 3, max: 24 }), reportArb, async (seed, count, definition) => {
        for (const make of [memoryTestStore, () => sqliteTestStore()]) {
          const s = await filled(make, count, seed);
          try {
            await checkTotals(sourceOf(s), definition);
          } finally {
            await s.close();
          }
        }
      }),
      { numRuns: 12 },
    );
  }, 240_000);

  it.skipIf(mysqlUrl === undefined)("property on MySQL/MariaDB (needs SPOC_MYSQL_URL)", async () => {
    const url = mysqlUrl as string;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 3, max: 24 }), reportArb, async (seed, count, definition) => {
        const s = await filled(() => mysqlTestStore(url), count, seed);
        try {
          await checkTotals(sourceOf(s), definition);
        } finally {
          await s.close();
        }
      }),
      { numRuns: 5 },
    );
  }, 240_000);

  it.skipIf(pgUrl === undefined)("property on PostgreSQL (needs SPOC_PG_URL)", async () => {
    const url = pgUrl as string;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 3, max: 24 }), reportArb, async (seed, count, definition) => {
        const s = await filled(() => postgresTestStore(url), count, seed);
        try {
          await checkTotals(sourceOf(s), definition);
        } finally {
          await s.close();
        }
      }),
      { numRuns: 5 },
    );
  }, 240_000);
});
