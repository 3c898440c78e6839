import { civilDate, DAY_MS, dayNumber } from "./local-date";

/**
 * UTC offsets of one IANA zone, read from `Intl` once per UTC year (lazily) and then answered
 * from sorted transition tables, so no hot path ever formats a date.
 */
export interface ZoneOffsets {
  /** Offset (local − UTC, in ms) in force at a UTC instant. */
  readonly offsetAt: (utc: number) => number;
  /**
   * The UTC instant of a local wall-clock time (ms since 1970-01-01 local). A time inside a
   * spring-forward gap moves forward by the gap; an ambiguous fall-back time takes its first
   * occurrence (Temporal's "compatible" disambiguation).
   */
  readonly localToUtc: (local: number) => number;
}

interface YearTable {
  readonly initial: number;
  readonly transitions: ReadonlyArray<number>;
  readonly offsets: ReadonlyArray<number>;
}

/** True when `Intl` knows the zone. */
export const isValidTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
};

const formatterFor = (zone: string): Intl.DateTimeFormat =>
  new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });

const intlOffset = (fmt: Intl.DateTimeFormat, utc: number): number => {
  const whole = Math.floor(utc / 1000) * 1000;
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  for (const part of fmt.formatToParts(whole)) {
    const v = Number(part.value);
    if (part.type === "year") y = v;
    else if (part.type === "month") mo = v;
    else if (part.type === "day") d = v;
    else if (part.type === "hour") h = v % 24;
    else if (part.type === "minute") mi = v;
    else if (part.type === "second") s = v;
  }
  return dayNumber(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000 - whole;
};

const buildYear = (fmt: Intl.DateTimeFormat, year: number): YearTable => {
  const from = dayNumber(year, 1, 1) * DAY_MS;
  const to = dayNumber(year + 1, 1, 1) * DAY_MS;
  const initial = intlOffset(fmt, from);
  const transitions: number[] = [];
  const offsets: number[] = [];
  let prevAt = from;
  let prev = initial;
  // Daily samples: every real zone keeps an offset for more than a day between changes.
  for (let at = from + DAY_MS; at <= to; at += DAY_MS) {
    const next = intlOffset(fmt, at);
    if (next !== prev) {
      let lo = prevAt;
      let hi = at;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (intlOffset(fmt, mid) === prev) lo = mid;
        else hi = mid;
      }
      if (hi < to) {
        transitions.push(hi);
        offsets.push(next);
      }
      prev = next;
    }
    prevAt = at;
  }
  return { initial, transitions, offsets };
};

const FIXED_UTC = new Set(["UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu"]);

const makeZoneOffsets = (zone: string): ZoneOffsets => {
  if (FIXED_UTC.has(zone)) return { offsetAt: () => 0, localToUtc: (local) => local };
  const fmt = formatterFor(zone);
  const years = new Map<number, YearTable>();
  const offsetAt = (utc: number): number => {
    const year = civilDate(Math.floor(utc / DAY_MS)).year;
    let table = years.get(year);
    if (table === undefined) {
      table = buildYear(fmt, year);
      years.set(year, table);
    }
    let offset = table.initial;
    for (let i = 0; i < table.transitions.length; i++) {
      if ((table.transitions[i] as number) > utc) break;
      offset = table.offsets[i] as number;
    }
    return offset;
  };
  const localToUtc = (local: number): number => {
    const before = offsetAt(local - DAY_MS);
    const after = offsetAt(local + DAY_MS);
    if (before === after) return local - before;
    const early = local - before;
    const late = local - after;
    const earlyValid = offsetAt(early) === before;
    const lateValid = offsetAt(late) === after;
    if (earlyValid && lateValid) return Math.min(early, late);
    if (lateValid && !earlyValid) return late;
    return early;
  };
  return { offsetAt, localToUtc };
};

// Offsets depend only on the zone name and the tz database, so one memo per zone is shared by
// every calendar in that zone; it holds derived data only and is never observable.
const zones = new Map<string, ZoneOffsets>();

/** The (memoised) offsets of an IANA zone. */
export const zoneOffsets = (zone: string): ZoneOffsets => {
  let z = zones.get(zone);
  if (z === undefined) {
    z = makeZoneOffsets(zone);
    zones.set(zone, z);
  }
  return z;
};
