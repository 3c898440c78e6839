import * as Schema from "effect/Schema";
import { maxChartCategories } from "./chart-limit";

// Re-exported from an effect-free module so renderers can read the limit without the schemas.
export { maxChartCategories };

/**
 * Groups rows by one column: a subtotal row closes each group, a grand total closes the report.
 *
 * Rows must arrive ordered by the group column: a group is a run of equal values, so grouping
 * streams without holding rows back.
 * @example
 * const g: Grouping = { by: "service" }
 */
export const Grouping = Schema.Struct({
  by: Schema.NonEmptyString,
});
/** Groups rows by one column: a subtotal row closes each group, a grand total closes the report. */
export type Grouping = typeof Grouping.Type;

/**
 * A bar or line chart of some numeric columns against a category column.
 *
 * `source: "rows"` charts the rows, `"groups"` the group subtotals (the default when the report is
 * grouped). Text categories are ranked by the first value, largest first (`order: "name"`: by
 * name, in natural order), and beyond `limit` (default 12) the rest add up into one "Other" bar;
 * date categories make a time line that shows the whole period.
 * @example
 * const chart: ChartSpec = { type: "bar", category: "agent", values: ["resolved"] }
 */
export const ChartSpec = Schema.Struct({
  type: Schema.Literals(["bar", "line"]),
  category: Schema.NonEmptyString,
  values: Schema.Array(Schema.NonEmptyString).check(Schema.isMinLength(1)),
  source: Schema.optionalKey(Schema.Literals(["rows", "groups"])),
  limit: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: maxChartCategories }))),
  order: Schema.optionalKey(Schema.Literals(["value", "name"])),
  title: Schema.optionalKey(Schema.String),
});
/** A bar or line chart of some numeric columns against a category column. */
export type ChartSpec = typeof ChartSpec.Type;
