import { civilDate, DAY_MS, dayNumber } from "./local-date";
import type { ZoneOffsets } from "./time-zone";
import { rangesOfDay, type WeekPlan } from "./week-plan";

/**
 * Every business period of a calendar over a contiguous range of local years, as sorted UTC
 * arrays with running totals of business time. Built lazily one local year at a time and
 * extended on demand; every query is then two binary searches, whatever the span.
 *
 * `cumStart[i]` is the business time before period i, `cumEnd[i] = cumStart[i] + length`; both
 * count from an arbitrary origin, so only differences mean anything.
 */
export interface Timeline {
  opens: Float64Array;
  closes: Float64Array;
  cumStart: Float64Array;
  cumEnd: Float64Array;
  count: number;
  /** Covered UTC range `[startUtc, endUtc)` and the running total at its edges. */
  startUtc: number;
  endUtc: number;
  cumAtStart: number;
  cumAtEnd: number;
  firstYear: number;
  lastYear: number;
}

/** Give up after this many consecutive years without business time: the Gregorian cycle repeats. */
const EMPTY_YEARS_LIMIT = 400;
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

const yearStartUtc = (zone: ZoneOffsets, year: number): number => zone.localToUtc(dayNumber(year, 1, 1) * DAY_MS);

/** The UTC business periods of one local year, clipped to it, sorted, merged, breaks removed. */
const buildYear = (plan: WeekPlan, zone: ZoneOffsets, year: number): number[] => {
  const from = yearStartUtc(zone, year);
  const to = yearStartUtc(zone, year + 1);
  const firstDay = dayNumber(year, 1, 1) - 1; // the previous day's overnight shift spills in
  const lastDay = dayNumber(year + 1, 1, 1);
  const raw: Array<readonly [number, number]> = [];
  for (let day = firstDay; day < lastDay; day++) {
    for (const [o, c] of rangesOfDay(plan, day)) {
      const open = Math.max(from, zone.localToUtc(day * DAY_MS + o));
      const close = Math.min(to, zone.localToUtc(day * DAY_MS + c));
      if (close > open) raw.push([open, close]);
    }
  }
  raw.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [open, close] of raw) {
    const last = merged.length - 1;
    if (last > 0 && open <= (merged[last] as number)) merged[last] = Math.max(merged[last] as number, close);
    else merged.push(open, close);
  }
  return removeBreaks(merged, plan.breaks);
};

const removeBreaks = (periods: number[], breaks: ReadonlyArray<number>): number[] => {
  if (breaks.length === 0 || periods.length === 0) return periods;
  const out: number[] = [];
  let b = 0;
  for (let p = 0; p < periods.length; p += 2) {
    let open = periods[p] as number;
    const close = periods[p + 1] as number;
    while (b < breaks.length && (breaks[b + 1] as number) <= open) b += 2;
    for (let k = b; k < breaks.length && (breaks[k] as number) < close && open < close; k += 2) {
      const bFrom = breaks[k] as number;
      const bTo = breaks[k + 1] as number;
      if (bFrom > open) out.push(open, Math.min(bFrom, close));
      open = Math.max(open, bTo);
    }
    if (open < close) out.push(open, close);
  }
  return out;
};

const concat = (a: Float64Array, an: number, b: ArrayLike<number>, prepend: boolean): Float64Array => {
  const out = new Float64Array(an + b.length);
  if (prepend) {
    out.set(b, 0);
    out.set(a.subarray(0, an), b.length);
  } else {
    out.set(a.subarray(0, an), 0);
    out.set(b, an);
  }
  return out;
};

const appendYear = (tl: Timeline, plan: WeekPlan, zone: ZoneOffsets, year: number, atEnd: boolean): number => {
  const periods = buildYear(plan, zone, year);
  const n = periods.length / 2;
  const opens = new Float64Array(n);
  const closes = new Float64Array(n);
  const cumStart = new Float64Array(n);
  const cumEnd = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += (periods[2 * i + 1] as number) - (periods[2 * i] as number);
  let run = atEnd ? tl.cumAtEnd : tl.cumAtStart - total;
  for (let i = 0; i < n; i++) {
    opens[i] = periods[2 * i] as number;
    closes[i] = periods[2 * i + 1] as number;
    cumStart[i] = run;
    run += (closes[i] as number) - (opens[i] as number);
    cumEnd[i] = run;
  }
  tl.opens = concat(tl.opens, tl.count, opens, !atEnd);
  tl.closes = concat(tl.closes, tl.count, closes, !atEnd);
  tl.cumStart = concat(tl.cumStart, tl.count, cumStart, !atEnd);
  tl.cumEnd = concat(tl.cumEnd, tl.count, cumEnd, !atEnd);
  tl.count += n;
  if (atEnd) {
    tl.lastYear = year;
    tl.endUtc = yearStartUtc(zone, year + 1);
    tl.cumAtEnd += total;
  } else {
    tl.firstYear = year;
    tl.startUtc = yearStartUtc(zone, year);
    tl.cumAtStart -= total;
  }
  return total;
};

/** An empty timeline; nothing is built until the first query. */
export const emptyTimeline = (): Timeline => ({
  opens: new Float64Array(0),
  closes: new Float64Array(0),
  cumStart: new Float64Array(0),
  cumEnd: new Float64Array(0),
  count: 0,
  startUtc: 0,
  endUtc: 0,
  cumAtStart: 0,
  cumAtEnd: 0,
  firstYear: 0,
  lastYear: -1,
});

/** Extends the timeline until it covers a UTC instant. Returns false when out of supported years. */
export const coverInstant = (tl: Timeline, plan: WeekPlan, zone: ZoneOffsets, t: number): boolean => {
  if (!Number.isFinite(t)) return false;
  if (tl.lastYear < tl.firstYear) {
    const year = civilDate(Math.floor((t + zone.offsetAt(t)) / DAY_MS)).year;
    if (year < MIN_YEAR || year > MAX_YEAR) return false;
    tl.firstYear = year;
    tl.lastYear = year - 1;
    tl.startUtc = tl.endUtc = yearStartUtc(zone, year);
    appendYear(tl, plan, zone, year, true);
  }
  while (t >= tl.endUtc) {
    if (tl.lastYear >= MAX_YEAR) return false;
    appendYear(tl, plan, zone, tl.lastYear + 1, true);
  }
  while (t < tl.startUtc) {
    if (tl.firstYear <= MIN_YEAR) return false;
    appendYear(tl, plan, zone, tl.firstYear - 1, false);
  }
  return true;
};

const lastYearWithTime = (plan: WeekPlan): number =>
  plan.recurs ? MAX_YEAR : Number.isNaN(plan.lastOverrideDay) ? -Infinity : civilDate(plan.lastOverrideDay + 1).year;
const firstYearWithTime = (plan: WeekPlan): number =>
  plan.recurs ? MIN_YEAR : Number.isNaN(plan.firstOverrideDay) ? Infinity : civilDate(plan.firstOverrideDay).year;

/**
 * Extends forward until the running total passes `target` (or reaches it, when `inclusive`).
 * Returns false when no later business time exists.
 */
export const coverForward = (tl: Timeline, plan: WeekPlan, zone: ZoneOffsets, target: number, inclusive: boolean): boolean => {
  let empty = 0;
  const limit = Math.min(MAX_YEAR, lastYearWithTime(plan));
  while (inclusive ? tl.cumAtEnd < target : tl.cumAtEnd <= target) {
    if (tl.lastYear >= limit || empty >= EMPTY_YEARS_LIMIT) return false;
    empty = appendYear(tl, plan, zone, tl.lastYear + 1, true) > 0 ? 0 : empty + 1;
  }
  return true;
};

/** Extends backward until the running total at the start is below `target` (or at it, when `inclusive`). */
export const coverBackward = (tl: Timeline, plan: WeekPlan, zone: ZoneOffsets, target: number, inclusive: boolean): boolean => {
  let empty = 0;
  const limit = Math.max(MIN_YEAR, firstYearWithTime(plan));
  while (inclusive ? tl.cumAtStart > target : tl.cumAtStart >= target) {
    if (tl.firstYear <= limit || empty >= EMPTY_YEARS_LIMIT) return false;
    empty = appendYear(tl, plan, zone, tl.firstYear - 1, false) > 0 ? 0 : empty + 1;
  }
  return true;
};
