import * as Schema from "effect/Schema";

/**
 * How a column's values are typed, formatted and totalled.
 * @example
 * Schema.decodeUnknownSync(ColumnKind)("duration-minutes") // formatted as 1 h 30 min
 */
export const ColumnKind = Schema.Literals([
  "text",
  "integer",
  "number",
  "percent",
  "duration-minutes",
  "date",
  "datetime",
  "currency",
]);
/** How a column's values are typed, formatted and totalled. */
export type ColumnKind = typeof ColumnKind.Type;

/**
 * How a numeric column is folded into subtotals and the grand total.
 * @example
 * Schema.decodeUnknownSync(Aggregate)("mean") // subtotals average the column instead of summing it
 */
export const Aggregate = Schema.Literals(["sum", "mean", "none"]);
/** How a numeric column is folded into subtotals and the grand total. */
export type Aggregate = typeof Aggregate.Type;

/**
 * Horizontal alignment of a column's cells.
 * @example
 * Schema.decodeUnknownSync(Align)("right")
 */
export const Align = Schema.Literals(["left", "center", "right"]);
/** Horizontal alignment of a column's cells. */
export type Align = typeof Align.Type;

/**
 * One column of a report: which row field it reads, its heading and its kind.
 *
 * `width` is in characters (Excel's unit); HTML and PDF use it as a relative weight.
 * `percent` values are fractions (0.25 is 25 %). `currency` is an ISO 4217 code (default EUR).
 * @example
 * const c: Column = { key: "resolved", label: "Resolved", kind: "integer" }
 */
export const Column = Schema.Struct({
  key: Schema.NonEmptyString,
  label: Schema.String,
  kind: ColumnKind,
  width: Schema.optionalKey(Schema.Number),
  align: Schema.optionalKey(Align),
  aggregate: Schema.optionalKey(Aggregate),
  currency: Schema.optionalKey(Schema.String),
});
/** One column of a report: which row field it reads, its heading and its kind. */
export type Column = typeof Column.Type;

// The rules live in an effect-free module so renderers can use them without loading the schemas.
export { aggregateOf, alignOf, isNumericKind, widthOf } from "./column-rules";
