import type { Column } from "../model/column";
import { aggregateOf, isNumericKind } from "../model/column-rules";
import type { TotalsRow } from "../model/running-totals";
import type { ValueFormatter } from "../model/value-formatter";

const isFigure = (c: Column): boolean => isNumericKind(c.kind);

/**
 * The index of the column that carries a totals line's label: the first column that is not a
 * number (totals computed from the data fill every numeric column), else the first not totalled.
 * @example
 * labelColumnIndex([{ key: "n", label: "N", kind: "integer" }, { key: "s", label: "S", kind: "text" }]) // 1
 */
export const labelColumnIndex = (columns: ReadonlyArray<Column>): number => {
  const text = columns.findIndex((c) => !isFigure(c));
  return text >= 0 ? text : Math.max(0, columns.findIndex((c) => aggregateOf(c) === "none"));
};

/**
 * How many columns a totals label may spread over: from its column up to the first totalled one.
 * @example
 * labelSpan([{ key: "a", label: "A", kind: "text" }, { key: "b", label: "B", kind: "text" }, { key: "n", label: "N", kind: "integer" }]) // 2
 */
export const labelSpan = (columns: ReadonlyArray<Column>): number => {
  const at = labelColumnIndex(columns);
  let span = 1;
  while (at + span < columns.length && !isFigure(columns[at + span] as Column)) span++;
  return span;
};

const plural = (n: number): string => `${n} ${n === 1 ? "row" : "rows"}`;

/**
 * The display text of a subtotal or total line, one string per column.
 * @example
 * totalsCells(columns, groups.finish().total, formatter) // ["Total (3 rows)", "", "12h 30m"]
 */
export const totalsCells = (
  columns: ReadonlyArray<Column>,
  totals: TotalsRow,
  formatter: ValueFormatter,
): Array<string> => {
  const at = labelColumnIndex(columns);
  const label =
    totals.kind === "total" ? `Total (${plural(totals.rowCount)})` : `Subtotal ${totals.label} (${plural(totals.rowCount)})`;
  return columns.map((c, i) => {
    if (i === at) return label;
    const v = totals.values[c.key];
    return v === undefined || v === null ? "" : formatter.formatNumber(c, v);
  });
};
