/**
 * Defaults a renderer derives from a column (numeric or not, aggregate, alignment, width).
 * Kept apart from the column schemas so the render path (`@spoc/reporting/render`) never loads
 * effect: only types come from `./column`.
 */
import type { Aggregate, Align, Column, ColumnKind } from "./column";

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
