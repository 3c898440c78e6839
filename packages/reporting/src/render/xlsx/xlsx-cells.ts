import type { Column } from "../../model/column";
import { toDate, toNumber, toText } from "../../model/coerce-value";
import { neutraliseText } from "./neutralise-formula";
import type { WallClock } from "./wall-clock";
import { minutesPerDay } from "./xlsx-cell-format";

/** A value exceljs writes as a typed cell. */
export type XlsxCellValue = string | number | Date | null;

const asText = (value: unknown): XlsxCellValue =>
  value === null || value === undefined ? null : neutraliseText(toText(value));

/**
 * One converter per column from row value to typed cell: numbers stay numbers, durations become
 * Excel days, dates become local wall-clock Dates, anything unreadable becomes neutralised text.
 * @example
 * cellConverter({ key: "m", label: "Time", kind: "duration-minutes" }, clock)(90) // 0.0625
 */
export const cellConverter = (column: Column, clock: WallClock): ((value: unknown) => XlsxCellValue) => {
  switch (column.kind) {
    case "text":
      return asText;
    case "date":
    case "datetime":
      return (value) => {
        const d = toDate(value);
        return d === null ? asText(value) : clock.toLocal(d);
      };
    case "duration-minutes":
      return (value) => {
        const n = toNumber(value);
        return n === null ? asText(value) : n / minutesPerDay;
      };
    default:
      return (value) => toNumber(value) ?? asText(value);
  }
};

/**
 * A totals figure as a cell (durations in Excel days, like the column's cells).
 * @example
 * totalCell({ key: "m", label: "Time", kind: "duration-minutes" }, 1440) // 1
 */
export const totalCell = (column: Column, value: number | null | undefined): XlsxCellValue =>
  value === null || value === undefined ? null : column.kind === "duration-minutes" ? value / minutesPerDay : value;
