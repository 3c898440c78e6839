import type { DataSetPeriod, Granularity } from "./definition";

/**
 * One bucket of a period: `[start, end)` in epoch ms; `start` is local midnight of its first day.
 * @example
 * resolvePeriod({ from: "2026-03-01", to: "2026-03-03", timeZone: "UTC", granularity: "day" }, true).buckets[0] // { start, end: start + 86_400_000 }
 */
export interface PeriodBucket {
  readonly start: number;
  readonly end: number;
}

/**
 * A period resolved to instants, with its buckets (one bucket when there is no granularity).
 * @example
 * const { from, to, buckets }: ResolvedPeriod = resolvePeriod(definition.period, definition.dimensions.includes("period"))
 */
export interface ResolvedPeriod {
  readonly from: number;
  readonly to: number;
  readonly timeZone: string;
  readonly buckets: ReadonlyArray<PeriodBucket>;
}

/**
 * The most buckets a period may have, so a daily report over decades fails early instead of crawling.
 * @example
 * maxBuckets // 3660: ten years of days, a longer daily period is refused
 */
export const maxBuckets = 3660;

const DAY_MS = 86_400_000;

/** The wall clock of an instant in a zone, as the UTC instant with the same fields. */
const wallClock = (at: number, zone: string): number => {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(at));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second")) + (at % 1000 + 1000) % 1000;
};

/**
 * The instant a local midnight (`y-m-d 00:00` in `zone`) happens; the first instant of that day
 * when a DST gap swallows midnight.
 * @example localMidnight(2025, 3, 30, "Europe/Athens") // 1743282000000 (2025-03-29T21:00:00Z)
 */
export const localMidnight = (year: number, month: number, day: number, zone: string): number => {
  const wall = Date.UTC(year, month - 1, day);
  let guess = wall;
  for (let i = 0; i < 3; i++) guess = wall - (wallClock(guess, zone) - guess);
  // In a gap the guess lands before the day starts locally; step to the first local instant of the day.
  while (wallClock(guess, zone) < wall) guess += 60_000 * 15;
  return guess;
};

const localDate = (at: number, zone: string): { year: number; month: number; day: number } => {
  const d = new Date(wallClock(at, zone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};

const parseInstant = (text: string, zone: string, endOfDay: boolean): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return Date.parse(text);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!endOfDay) return localMidnight(y, mo, d, zone);
  const next = new Date(Date.UTC(y, mo - 1, d) + DAY_MS);
  return localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), zone);
};

/** The local midnight opening the bucket that holds `at`. */
const bucketStart = (at: number, zone: string, granularity: Granularity): number => {
  const { year, month, day } = localDate(at, zone);
  if (granularity === "month") return localMidnight(year, month, 1, zone);
  if (granularity === "day") return localMidnight(year, month, day, zone);
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(Date.UTC(year, month - 1, day) - weekday * DAY_MS);
  return localMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), zone);
};

const nextBucketStart = (start: number, zone: string, granularity: Granularity): number => {
  const { year, month, day } = localDate(start, zone);
  const step = granularity === "day" ? 1 : granularity === "week" ? 7 : 0;
  const next = granularity === "month" ? new Date(Date.UTC(year, month, 1)) : new Date(Date.UTC(year, month - 1, day) + step * DAY_MS);
  return localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), zone);
};

/**
 * Resolves a period to instants and buckets: bare dates are local midnights in the period's zone,
 * a bare `to` date includes its whole day; buckets are clipped to `[from, to)`.
 * @example
 * resolvePeriod({ from: "2025-03-01", to: "2025-03-31", timeZone: "UTC", granularity: "week" }, true).buckets.length // 6
 */
export const resolvePeriod = (period: DataSetPeriod, bucketed: boolean): ResolvedPeriod => {
  const from = parseInstant(period.from, period.timeZone, false);
  const to = parseInstant(period.to, period.timeZone, true);
  if (!(to > from)) throw new RangeError(`the period ends (${period.to}) before it starts (${period.from})`);
  if (!bucketed) return { from, to, timeZone: period.timeZone, buckets: [{ start: from, end: to }] };
  const granularity = period.granularity ?? "day";
  const buckets: Array<PeriodBucket> = [];
  for (let s = bucketStart(from, period.timeZone, granularity); s < to; ) {
    const e = nextBucketStart(s, period.timeZone, granularity);
    buckets.push({ start: Math.max(s, from), end: Math.min(e, to) });
    if (buckets.length > maxBuckets) throw new RangeError(`the period has more than ${maxBuckets} ${granularity} buckets`);
    s = e;
  }
  return { from, to, timeZone: period.timeZone, buckets };
};

/**
 * The bucket size that shows a period whole on one chart: days up to five weeks, weeks up to
 * about half a year, months beyond (a quarter has 14 weekly points, a year 12 monthly ones).
 * @example autoGranularity({ from: "2025-01-01", to: "2025-03-31", timeZone: "UTC" }) // "week"
 */
export const autoGranularity = (period: DataSetPeriod): Granularity => {
  const { from, to } = resolvePeriod({ ...period, granularity: "month" }, false);
  const days = (to - from) / DAY_MS;
  return days <= 35 ? "day" : days <= 190 ? "week" : "month";
};
