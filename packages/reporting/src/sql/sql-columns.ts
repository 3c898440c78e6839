import type { Column, ColumnKind } from "../model/column";
import { toDate, toNumber } from "../model/coerce-value";
import { SqlReportError } from "./sql-report-error";

/**
 * What a SQL report's column may be declared as: a report column kind, or a duration in the unit
 * the query returns (`duration` and `duration-minutes` are minutes; seconds and hours are
 * converted to minutes, the unit the renderers show as "2d 3h 5m").
 * @example sqlColumnKinds.includes("duration-seconds") // true
 */
export const sqlColumnKinds = [
  "text", "integer", "number", "percent", "currency", "date", "datetime",
  "duration", "duration-seconds", "duration-minutes", "duration-hours",
] as const;
/** A kind a SQL report's column may be declared as (see `sqlColumnKinds`). @example const kind: SqlColumnKind = "duration-seconds" */
export type SqlColumnKind = (typeof sqlColumnKinds)[number];

/**
 * How one result column is shown: its kind and heading, over what the name says.
 * @example const waited: SqlColumnOverride = { kind: "duration-seconds", label: "Average wait" }
 */
export interface SqlColumnOverride {
  readonly kind?: SqlColumnKind;
  readonly label?: string;
}

/**
 * A rendered column and how a result value becomes the value the renderers read.
 * @example const value = plan.convert(row[plan.column.key]) // e.g. seconds → minutes for a duration
 */
export interface SqlColumnPlan {
  readonly column: Column;
  /** Turns a result value into what the renderers read (epoch ms → date, seconds → minutes…). */
  readonly convert: (value: unknown) => unknown;
}

const isKind = (k: string): k is SqlColumnKind => (sqlColumnKinds as ReadonlyArray<string>).includes(k);

// `-- spoc: column <name> <kind> ["Label"]`, one per line, anywhere in the query.
const commentLine = /--\s*spoc:\s*(.*)$/gm;
const columnDirective = /^column\s+("(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s+([a-z-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*$/;

/**
 * The column declarations in a query's `-- spoc:` comments:
 * `-- spoc: column handled duration-seconds "Time to handle"`. A malformed line or an unknown
 * kind is an `invalid` `SqlReportError` naming the line.
 * @example sqlColumnComments("-- spoc: column wait duration\nselect …") // { wait: { kind: "duration" } }
 */
export const sqlColumnComments = (sql: string): Record<string, SqlColumnOverride> => {
  const out: Record<string, SqlColumnOverride> = {};
  for (const m of sql.matchAll(commentLine)) {
    const text = (m[1] ?? "").trim();
    const d = columnDirective.exec(text);
    if (d === null) throw new SqlReportError({ message: `"-- spoc: ${text}": expected column NAME KIND ["Label"], KIND one of ${sqlColumnKinds.join(", ")}`, reason: "invalid" });
    const name = d[1]!.startsWith('"') ? d[1]!.slice(1, -1).replace(/""/g, '"') : d[1]!;
    const kind = d[2]!;
    if (!isKind(kind)) throw new SqlReportError({ message: `"-- spoc: ${text}": column ${name}: "${kind}" is not one of ${sqlColumnKinds.join(", ")}`, reason: "invalid" });
    out[name] = { kind, ...(d[3] !== undefined ? { label: d[3].replace(/\\(.)/g, "$1") } : {}) };
  }
  return out;
};

// Naming convention: the suffix says the kind (and for durations, the unit).
const suffixKinds: ReadonlyArray<[RegExp, SqlColumnKind]> = [
  [/(^|_)at$/i, "datetime"],
  [/(^|_)(date|day|on)$/i, "date"],
  [/(^|_)(seconds|secs)$/i, "duration-seconds"],
  [/(^|_)(minutes|mins)$/i, "duration-minutes"],
  [/(^|_)hours$/i, "duration-hours"],
  [/(^|_)(rate|ratio|pct|share)$/i, "percent"],
];
// The unit suffixes a heading leaves out, the column's format says it ("Avg resolution", not "Avg resolution minutes").
const unitSuffix = /_(at|seconds|secs|minutes|mins|hours|pct)$/i;

/**
 * A heading from a column name: `avg_resolution_minutes` → "Avg resolution", `created_at` → "Created".
 * @example sqlColumnLabel("first_response_seconds") // "First response"
 */
export const sqlColumnLabel = (name: string): string => {
  const words = (unitSuffix.test(name) && name.replace(unitSuffix, "") !== "" ? name.replace(unitSuffix, "") : name).replace(/_+/g, " ").trim();
  return words === "" ? name : words.charAt(0).toUpperCase() + words.slice(1);
};

const epochOrIso = (v: unknown): unknown => (typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v);
const fitsKind = (kind: SqlColumnKind, v: unknown): boolean =>
  kind === "date" || kind === "datetime" ? toDate(epochOrIso(v)) !== null : typeof v !== "boolean" && toNumber(v) !== null;

/**
 * The kind a column takes without a declaration: from its name's suffix (`*_at` a datetime,
 * `*_date`/`*_day`/`*_on` a date, `*_seconds`/`*_minutes`/`*_hours` a duration, `*_rate`/`*_ratio`/
 * `*_pct`/`*_share` a percentage as a fraction) when every value reads as that kind, else from its values (all numbers, numeric text
 * included as PostgreSQL returns `count(*)`: integer or number), else text.
 * @example inferSqlColumnKind("n", [1, 2, "3"]) // "integer"
 */
export const inferSqlColumnKind = (name: string, values: ReadonlyArray<unknown>): SqlColumnKind => {
  const present = values.filter((v) => v !== null && v !== undefined);
  // The name only suggests: a value the suffix's kind cannot read (text in `created_at`) would be
  // shown blank, so such a column falls back to what its values are.
  for (const [suffix, kind] of suffixKinds) if (suffix.test(name) && present.every((v) => fitsKind(kind, v))) return kind;
  if (present.length === 0 || !present.every((v) => typeof v !== "boolean" && toNumber(v) !== null)) return "text";
  return present.every((v) => Number.isInteger(toNumber(v))) ? "integer" : "number";
};

const minutesPer: Partial<Record<SqlColumnKind, number>> = { "duration-seconds": 1 / 60, "duration-minutes": 1, duration: 1, "duration-hours": 60 };

const planOf = (name: string, kind: SqlColumnKind, label: string): SqlColumnPlan => {
  const scale = minutesPer[kind];
  if (scale !== undefined) return { column: { key: name, label, kind: "duration-minutes" }, convert: (v) => { const n = toNumber(v); return n === null ? null : n * scale; } };
  const renderKind = kind as ColumnKind;
  switch (renderKind) {
    case "date":
    case "datetime":
      // The views hold epoch milliseconds (PostgreSQL returns bigint as text); ISO text works too.
      return { column: { key: name, label, kind: renderKind }, convert: (v) => toDate(epochOrIso(v)) };
    case "text":
      return { column: { key: name, label, kind: "text" }, convert: (v) => v };
    default:
      return { column: { key: name, label, kind: renderKind }, convert: (v) => toNumber(v) };
  }
};

/**
 * The report columns of a SQL report's result: each column's kind from `overrides` (the
 * report's own), else the query's `-- spoc: column` comments, else the naming convention and the
 * values (see `inferSqlColumnKind`); its heading likewise, else from the name. An override naming
 * no result column is an `invalid` `SqlReportError`, so a typo does not pass silently.
 * @example planSqlColumns(["status", "n"], rows, "select …", { n: { label: "Tickets" } })
 */
export const planSqlColumns = (
  columns: ReadonlyArray<string>,
  rows: ReadonlyArray<Record<string, unknown>>,
  sql: string,
  overrides: Readonly<Record<string, SqlColumnOverride>> = {},
): ReadonlyArray<SqlColumnPlan> => {
  const comments = sqlColumnComments(sql);
  for (const [where, declared] of [["-- spoc: column", comments], ["columns", overrides]] as const) {
    const unknown = Object.keys(declared).filter((k) => !columns.includes(k));
    if (unknown.length > 0) throw new SqlReportError({ message: `${where} ${unknown.join(", ")}: no such column in the result (${columns.join(", ")})`, reason: "invalid" });
  }
  return columns.map((name) => {
    const o = { ...comments[name], ...overrides[name] };
    return planOf(name, o.kind ?? inferSqlColumnKind(name, rows.map((r) => r[name])), o.label ?? sqlColumnLabel(name));
  });
};
