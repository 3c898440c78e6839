import { CliError } from "./command";

// Each reader turns one option's text into a value or a usage error (exit 2) that names the
// option and what it expected, before anything is opened or written.

const given = (values: Record<string, unknown>, name: string): string | undefined => {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
};

const usageError = (name: string, text: string, expected: string) => new CliError(`--${name}: "${text}" is not ${expected}`, 2);

/**
 * A whole number option within [min, max], or `fallback` when absent.
 * @example integerOption({ limit: "abc" }, "limit", { min: 1, fallback: 500 }) // throws `--limit: "abc" is not a whole number ≥ 1`
 */
export function integerOption(values: Record<string, unknown>, name: string, o: { min: number; max?: number; fallback: number }): number {
  const text = given(values, name);
  if (text === undefined) return o.fallback;
  const expected = `a whole number ≥ ${o.min}${o.max !== undefined ? ` and ≤ ${o.max}` : ""}`;
  if (!/^\d+$/.test(text.trim())) throw usageError(name, text, expected);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < o.min || (o.max !== undefined && n > o.max)) throw usageError(name, text, expected);
  return n;
}

/**
 * A percentage option ("1", "0.5", "2%") within [0, 100], as a fraction of 1, or `fallback` when absent.
 * @example percentOption({ "max-rejected": "5%" }, "max-rejected", 0.01) // 0.05
 */
export function percentOption(values: Record<string, unknown>, name: string, fallback: number): number {
  const text = given(values, name);
  if (text === undefined) return fallback;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  const n = m ? Number(m[1]) : Number.NaN;
  if (!(n >= 0 && n <= 100)) throw usageError(name, text, "a percentage from 0 to 100");
  return n / 100;
}

/**
 * One of `allowed`, or undefined when absent.
 * @example enumOption({ granularity: "year" }, "granularity", ["day", "week", "month"]) // throws `--granularity: "year" is not one of day, week, month`
 */
export function enumOption<const T extends string>(values: Record<string, unknown>, name: string, allowed: ReadonlyArray<T>): T | undefined {
  const text = given(values, name);
  if (text === undefined) return undefined;
  if (!(allowed as ReadonlyArray<string>).includes(text)) throw usageError(name, text, `one of ${allowed.join(", ")}`);
  return text as T;
}

/**
 * A comma-separated list whose every item is one of `allowed`, or undefined when absent.
 * @example enumListOption({ format: "html,pdf" }, "format", ["html", "xlsx", "pdf"]) // ["html", "pdf"]
 */
export function enumListOption<const T extends string>(values: Record<string, unknown>, name: string, allowed: ReadonlyArray<T>): ReadonlyArray<T> | undefined {
  const text = given(values, name);
  if (text === undefined) return undefined;
  const items = text.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = items.find((i) => !(allowed as ReadonlyArray<string>).includes(i));
  if (bad !== undefined || items.length === 0) throw usageError(name, bad ?? text, `one of ${allowed.join(", ")}`);
  return items as ReadonlyArray<string> as ReadonlyArray<T>;
}

const isCalendarDate = (y: number, m: number, d: number): boolean => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

/**
 * A calendar date (YYYY-MM-DD) or an ISO 8601 instant with its offset, as given, or undefined when absent.
 * @example dateOption({ from: "2016-13-45" }, "from") // throws `--from: "2016-13-45" is not a date (YYYY-MM-DD) or an ISO instant`
 */
export function dateOption(values: Record<string, unknown>, name: string): string | undefined {
  const text = given(values, name);
  if (text === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/.exec(text);
  const ok = m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) &&
    (m[4] === undefined || (Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6] ?? 0) < 60 && !Number.isNaN(Date.parse(text))));
  if (!ok) throw usageError(name, text, "a date (YYYY-MM-DD) or an ISO instant (2024-03-01T09:00:00Z)");
  return text;
}

/**
 * An instant option (ISO 8601 with its offset) in epoch milliseconds, or `fallback` when absent.
 * @example instantOption({ now: "2024-03-01T09:00:00Z" }, "now", 0) // 1709283600000
 */
export function instantOption(values: Record<string, unknown>, name: string, fallback: number): number {
  const text = given(values, name);
  if (text === undefined) return fallback;
  if (!/T/.test(text) || dateOption(values, name) === undefined) throw usageError(name, text, "an ISO instant (2024-03-01T09:00:00Z)");
  return Date.parse(text);
}

/**
 * An IANA time zone ("Europe/Zurich", "UTC"), or undefined when absent.
 * @example timeZoneOption({ tz: "Mars/Olympus" }, "tz") // throws `--tz: "Mars/Olympus" is not an IANA time zone`
 */
export function timeZoneOption(values: Record<string, unknown>, name: string): string | undefined {
  const text = given(values, name);
  if (text === undefined) return undefined;
  try {
    new Intl.DateTimeFormat("en", { timeZone: text });
  } catch {
    throw usageError(name, text, "an IANA time zone (such as Europe/Zurich or UTC)");
  }
  return text;
}
