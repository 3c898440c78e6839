import type { Column } from "./column";
import { isNumericKind } from "./column-rules";
import { PlainTaggedError } from "./plain-tagged-error";
import type { ChartSpec, Grouping } from "./report-layout";

/**
 * A report layout that cannot be rendered: names what is wrong. Nothing was written. A plain
 * `Error` shaped like a tagged error (see `PlainTaggedError`).
 * @example
 * try { validateLayout([], {}) } catch (e) { if (e instanceof ReportLayoutError) console.log(e.message) }
 */
export class ReportLayoutError extends PlainTaggedError("ReportLayoutError") {}

/**
 * Checks columns, grouping and chart agree before any byte is written; throws `ReportLayoutError`.
 * @example
 * validateLayout([{ key: "n", label: "N", kind: "integer" }], { grouping: { by: "missing" } }) // throws
 */
export const validateLayout = (
  columns: ReadonlyArray<Column>,
  options: { readonly grouping?: Grouping | undefined; readonly chart?: ChartSpec | undefined },
): void => {
  const fail = (message: string): never => {
    throw new ReportLayoutError({ message });
  };
  if (columns.length === 0) fail("a report needs at least one column");
  const byKey = new Map<string, Column>();
  for (const c of columns) {
    if (byKey.has(c.key)) fail(`column "${c.key}" appears twice`);
    byKey.set(c.key, c);
  }
  const { grouping, chart } = options;
  if (grouping !== undefined && !byKey.has(grouping.by)) fail(`grouping column "${grouping.by}" is not a column`);
  if (chart === undefined) return;
  const source = chart.source ?? (grouping ? "groups" : "rows");
  if (source === "groups" && grouping === undefined) fail("a chart of groups needs a grouping");
  if (source === "rows" && !byKey.has(chart.category)) fail(`chart category "${chart.category}" is not a column`);
  if (chart.values.length === 0) fail("a chart needs at least one value column");
  for (const v of chart.values) {
    const c = byKey.get(v);
    if (c === undefined) fail(`chart value "${v}" is not a column`);
    else if (!isNumericKind(c.kind)) fail(`chart value "${v}" is not numeric`);
  }
};
