import type { DataSetSource } from "../dataset/data-set-source";
import type { DataSetDefinition, Dimension } from "../dataset/definition";
import { groupKeyOf, type ComputedTotals } from "../model/computed-totals";
import type { ReportDefinition } from "../reports/report-definition";
import type { DimensionLabels } from "./dimension-labels";
import { reportRows } from "./run-report";

/**
 * The same data set evaluated at a coarser level: only `dimensions` (none for the grand total).
 * @example
 * atLevel(definition.dataSet, []) // the grand total: the same data set without dimensions
 */
export const atLevel = (dataSet: DataSetDefinition, dimensions: ReadonlyArray<Dimension>): DataSetDefinition => ({ ...dataSet, dimensions: [...dimensions] });

const first = async <T>(rows: AsyncIterable<T>): Promise<T | undefined> => {
  for await (const row of rows) return row;
  return undefined;
};

/**
 * A report's subtotals and grand total computed from the data: its data set evaluated once with
 * no dimension (the total) and once by the grouping dimension alone (one row per group), on the
 * same source as its rows. So a subtotal of a rate is the group's own rate (met / done over the
 * group's tickets), and medians and p90 are the group's.
 * @example const totals = await reportTotals(definition, source, labels) // pass as `computedTotals`
 */
export const reportTotals = async (definition: ReportDefinition, source: DataSetSource, labels: DimensionLabels = {}): Promise<ComputedTotals> => {
  const total = await first(source.rows(atLevel(definition.dataSet, [])));
  const by = definition.layout.grouping?.by;
  if (by === undefined || !(definition.dataSet.dimensions as ReadonlyArray<string>).includes(by)) {
    return { total: total ?? {} };
  }
  const groups = new Map<string, Readonly<Record<string, unknown>>>();
  const grouped: ReportDefinition = { ...definition, dataSet: atLevel(definition.dataSet, [by as Dimension]), layout: { grouping: { by } } };
  // In the report's own group order (names naturally, priorities by urgency), for charts drawn first.
  for await (const named of reportRows(grouped, source, labels)) groups.set(groupKeyOf(named[by]), named);
  return {
    total: total ?? {},
    subtotal: (value) => groups.get(groupKeyOf(value)),
    groups: [...groups.values()].map((figures) => ({ value: figures[by], figures })),
  };
};
