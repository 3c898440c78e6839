import { sql, type RawBuilder } from "kysely";
import { SqlReportError } from "./sql-report-error";

/**
 * A value a SQL report's `:name` parameter may take.
 * @example
 * const params: Record<string, SqlParam> = { since: "2026-01-01", priority: "urgent", limit: 10 }
 */
export type SqlParam = string | number | boolean | null;

/**
 * Where `:name` placeholders stand in a query, skipping what the database reads as text or comment:
 * `'…'`, `"…"`, `--` to the line's end and `/* … *\/` on both databases; on PostgreSQL also
 * E-strings (backslash escapes), dollar-quoted strings and nested block comments. A placeholder
 * the scanner took for code inside one of those would put the value where it can close it: a
 * parameter of a commented-out filter line then added SQL of its own. `::` is a cast.
 */
const placeholders = (text: string, postgres: boolean): Array<{ index: number; length: number; name: string }> => {
  const found: Array<{ index: number; length: number; name: string }> = [];
  const n = text.length;
  let i = 0;
  const quoted = (q: string, backslash: boolean) => {
    for (i++; i < n; i++) {
      if (backslash && text[i] === "\\") i++;
      else if (text[i] === q) {
        if (text[i + 1] === q) i++;
        else return void i++;
      }
    }
  };
  while (i < n) {
    const c = text[i]!;
    const prev = i > 0 ? text[i - 1]! : "";
    const word = /[\w$]/.test(prev);
    if (c === "'") quoted("'", false);
    else if (c === '"') quoted('"', false);
    else if (postgres && (c === "e" || c === "E") && text[i + 1] === "'" && !word) {
      i++;
      quoted("'", true);
    } else if (c === "-" && text[i + 1] === "-") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? n : end + 1;
    } else if (c === "/" && text[i + 1] === "*") {
      let depth = 1;
      for (i += 2; i < n && depth > 0; ) {
        const two = text.slice(i, i + 2);
        if (two === "*/") depth--;
        else if (postgres && two === "/*") depth++;
        i += two === "*/" || (postgres && two === "/*") ? 2 : 1;
      }
    } else if (postgres && c === "$" && !word) {
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(text.slice(i))?.[0];
      if (tag === undefined) i++;
      else {
        const end = text.indexOf(tag, i + tag.length);
        i = end < 0 ? n : end + tag.length;
      }
    } else if (c === ":" && text[i + 1] === ":") i += 2;
    else if (c === ":" && /[A-Za-z_]/.test(text[i + 1] ?? "")) {
      const name = /^[A-Za-z_]\w*/.exec(text.slice(i + 1))![0];
      found.push({ index: i, length: name.length + 1, name });
      i += name.length + 1;
    } else i++;
  }
  return found;
};

/** The text between `:name` placeholders and what each placeholder becomes, in order. */
const splitNamed = <T>(text: string, params: Readonly<Record<string, unknown>>, textPart: (s: string) => T, paramPart: (v: unknown, name: string) => T, postgres = false): Array<T> => {
  const parts: Array<T> = [];
  let last = 0;
  for (const p of placeholders(text, postgres)) {
    if (!(p.name in params)) throw new SqlReportError({ message: `parameter :${p.name} has no value`, reason: "invalid" });
    parts.push(textPart(text.slice(last, p.index)), paramPart(params[p.name], p.name));
    last = p.index + p.length;
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
  // PostgreSQL refuses NUL in a query's text, and a lone surrogate would become U+FFFD unseen.
  if (/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) throw new SqlReportError({ message: `parameter :${name} holds U+0000 or a lone surrogate`, reason: "invalid" });
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
  // After a letter, digit, `_` or `$` the literal's `$p0$` would read as part of an identifier
  // (`a$p0$x…`), and the value as SQL: a space keeps it a literal.
  splitNamed(text, params, (s) => s, (v, name) => postgresLiteral(v, name), true)
    .map((part, i, all) => (i % 2 === 1 && /[\w$]$/.test(all[i - 1]!) ? ` ${part}` : part))
    .join("");
