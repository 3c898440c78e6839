/** Parses one source timestamp to epoch ms, or returns undefined when it does not match. */
export type TimeParser = (text: string) => number | undefined;

const TOKENS: ReadonlyArray<readonly [string, string, string]> = [
  // token, regex, part
  ["YYYY", "(\\d{4})", "year"],
  ["MM", "(\\d{2})", "month"],
  ["M", "(\\d{1,2})", "month"],
  ["DD", "(\\d{2})", "day"],
  ["D", "(\\d{1,2})", "day"],
  ["HH", "(\\d{2})", "hour"],
  ["H", "(\\d{1,2})", "hour"],
  ["mm", "(\\d{2})", "minute"],
  ["ss", "(\\d{2})", "second"],
  ["SSS", "(\\d{3})", "millisecond"],
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * Compiles a timestamp format into a parser. Tokens: `YYYY`, `M`/`MM`, `D`/`DD`, `H`/`HH`,
 * `mm`, `ss`, `SSS`; anything else is literal. `iso` reads ISO 8601 with its own UTC offset.
 * `zone` says how to read wall-clock times: `UTC`, a fixed offset (`+02:00`) or an IANA zone.
 * @example compileTimeFormat("D/M/YYYY HH:mm", "UTC")("29/2/2016 01:16") // Date.UTC(2016, 1, 29, 1, 16)
 */
export function compileTimeFormat(format: string, zone: string): TimeParser {
  if (format === "iso") {
    return (text) => {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
      const t = Date.parse(text);
      return Number.isNaN(t) ? undefined : t;
    };
  }
  const parts: string[] = [];
  let pattern = "^";
  let rest = format;
  while (rest.length > 0) {
    const tok = TOKENS.find(([t]) => rest.startsWith(t));
    if (tok) {
      pattern += tok[1];
      parts.push(tok[2]);
      rest = rest.slice(tok[0].length);
    } else {
      pattern += escape(rest[0] as string);
      rest = rest.slice(1);
    }
  }
  if (!parts.includes("year") || !parts.includes("month") || !parts.includes("day")) {
    throw new Error(`time format "${format}" needs YYYY, M and D`);
  }
  const re = new RegExp(`${pattern}$`);
  const toUtc = wallClockToUtc(zone);
  const slot = (name: string) => parts.indexOf(name) + 1; // capture group, 0 when absent
  const [yi, moi, di, hi, mii, si, msi] = ["year", "month", "day", "hour", "minute", "second", "millisecond"].map(slot) as number[];
  const num = (m: RegExpExecArray, i: number, absent: number) => (i === 0 ? absent : Number(m[i]));
  const parse = (text: string): number | undefined => {
    const m = re.exec(text);
    if (!m) return undefined;
    const year = num(m, yi as number, 0);
    const month = num(m, moi as number, 1);
    const day = num(m, di as number, 1);
    const hour = num(m, hi as number, 0);
    const minute = num(m, mii as number, 0);
    const second = num(m, si as number, 0);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
    return toUtc(Date.UTC(year, month - 1, day, hour, minute, second, num(m, msi as number, 0)));
  };
  // Logs repeat their timestamps (every row of a ticket carries its opening time): remember recent ones.
  const seen = new Map<string, number | undefined>();
  return (text) => {
    if (seen.has(text)) return seen.get(text);
    const t = parse(text);
    if (seen.size >= 4096) seen.clear();
    seen.set(text, t);
    return t;
  };
}

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** Turns "milliseconds since 1970 on the local wall clock" into a UTC instant for a zone. */
export function wallClockToUtc(zone: string): (local: number) => number {
  if (zone === "UTC" || zone === "Z") return (local) => local;
  const fixed = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (fixed) {
    const offset = (fixed[1] === "-" ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3])) * 60_000;
    return (local) => local - offset;
  }
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
  });
  const offsetAt = (utc: number): number => {
    const p = Object.fromEntries(fmt.formatToParts(utc).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year as number, (p.month as number) - 1, p.day, p.hour, p.minute, p.second) - Math.floor(utc / 1000) * 1000;
  };
  // Two passes find the offset in force at the local time (the first occurrence when ambiguous).
  return (local) => {
    const first = local - offsetAt(local);
    return local - offsetAt(first);
  };
}
