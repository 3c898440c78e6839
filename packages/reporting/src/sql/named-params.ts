import { sql, type RawBuilder } from "kysely";
import { SqlReportError } from "./sql-report-error";

/**
 * A value a SQL report's `:name` parameter may take.
 * @example
 * const params: Record<string, SqlParam> = { since: "2026-01-01", priority: "urgent", limit: 10 }
 */
export type SqlParam = string | number | boolean | null;

// `'…'` and `"…"` are skipped (a `:name` inside them is text), `::` is a cast, `:name` a parameter.
const tokens = () => /'(?:[^']|'')*'|"(?:[^"]|"")*"|::|:([A-Za-z_]\w*)/g;

/** The text between `:name` placeholders and what each placeholder becomes, in order. */
const splitNamed = <T>(text: string, params: Readonly<Record<string, unknown>>, textPart: (s: string) => T, paramPart: (v: unknown, name: string) => T): Array<T> => {
  const parts: Array<T> = [];
  const token = tokens();
  let last = 0;
  for (let m = token.exec(text); m !== null; m = token.exec(text)) {
    const name = m[1];
    if (name === undefined) continue;
    if (!(name in params)) throw new SqlReportError({ message: `parameter :${name} has no value`, reason: "invalid" });
    parts.push(textPart(text.slice(last, m.index)), paramPart(params[name], name));
    last = m.index + m[0].length;
  }
  parts.push(textPart(text.slice(last)));
  return parts;
};

/**
 * Splits `:name` placeholders (not `::casts`, not inside quotes) into bound parameters.
 * @example bindNamed("select * from tickets where priority = :p", { p: "high" })
 */
export const bindNamed = (text: string, params: Readonly<Record<string, unknown>>): RawBuilder<unknown> =>
  sql.join(splitNamed<RawBuilder<unknown>>(text, params, (s) => sql.raw(s), (v) => sql`${v}`), sql``);

/**
 * `:name` placeholders as `?` and the values in order, for a driver's own `prepare`.
 * @example positionalNamed("select :a, :a", { a: 1 }) // { text: "select ?, ?", values: [1, 1] }
 */
export const positionalNamed = (text: string, params: Readonly<Record<string, unknown>>): { text: string; values: Array<unknown> } => {
  const values: Array<unknown> = [];
  const parts = splitNamed(text, params, (s) => s, (v) => {
    values.push(typeof v === "boolean" ? Number(v) : v);
    return "?";
  });
  return { text: parts.join(""), values };
};

/**
 * A PostgreSQL literal of a parameter value that no value can break out of: text is dollar-quoted
 * with a tag the value does not contain (dollar quotes know no escapes), so it stays an untyped
 * literal and PostgreSQL infers its type from where it is used, as it does for a bound parameter.
 * @example postgresLiteral("it's") // "$p0$it's$p0$"
 */
export const postgresLiteral = (value: unknown, name = "value"): string => {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new SqlReportError({ message: `parameter :${name} is not a finite number`, reason: "invalid" });
    return `(${String(value)})`;
  }
  if (typeof value !== "string") throw new SqlReportError({ message: `parameter :${name} must be text, a number, a boolean or null`, reason: "invalid" });
  let n = 0;
  while (value.includes(`$p${n}$`)) n++;
  return `$p${n}$${value}$p${n}$`;
};

/**
 * `:name` placeholders replaced by PostgreSQL literals (see `postgresLiteral`), for a query that
 * the reporting function runs as text.
 * @example inlineNamed("select :p as p", { p: "x" }) // "select $p0$x$p0$ as p"
 */
export const inlineNamed = (text: string, params: Readonly<Record<string, unknown>>): string =>
  splitNamed(text, params, (s) => s, postgresLiteral).join("");
