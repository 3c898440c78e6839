import * as Schema from "effect/Schema";

/** How a column's values are typed, formatted and totalled. */
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

/** How a numeric column is folded into subtotals and the grand total. */
export const Aggregate = Schema.Literals(["sum", "mean", "none"]);
/** How a numeric column is folded into subtotals and the grand total. */
export type Aggregate = typeof Aggregate.Type;

/** Horizontal alignment of a column's cells. */
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

const numericKinds: ReadonlySet<ColumnKind> = new Set([
  "integer",
  "number",
  "percent",
  "duration-minutes",
  "currency",
]);

/**
 * Whether values of this kind are numbers (and so can be totalled).
 * @example
 * isNumericKind("percent") // true
 */
export const isNumericKind = (kind: ColumnKind): boolean => numericKinds.has(kind);

/**
 * The aggregate a column uses: its own, else `mean` for percentages, `sum` for other numbers.
 * @example
 * aggregateOf({ key: "rate", label: "Rate", kind: "percent" }) // "mean"
 */
export const aggregateOf = (column: Column): Aggregate =>
  column.aggregate ?? (column.kind === "percent" ? "mean" : isNumericKind(column.kind) ? "sum" : "none");

/**
 * The alignment a column uses: its own, else right for numbers and left for the rest.
 * @example
 * alignOf({ key: "n", label: "N", kind: "integer" }) // "right"
 */
export const alignOf = (column: Column): Align =>
  column.align ?? (isNumericKind(column.kind) ? "right" : "left");

const defaultWidths: Record<ColumnKind, number> = {
  text: 24,
  integer: 10,
  number: 12,
  percent: 10,
  "duration-minutes": 13,
  date: 13,
  datetime: 18,
  currency: 13,
};

/**
 * The width a column uses, in characters: its own, else a default for its kind.
 * @example
 * widthOf({ key: "d", label: "Day", kind: "date" }) // 13
 */
export const widthOf = (column: Column): number => column.width ?? defaultWidths[column.kind];
