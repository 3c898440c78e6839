import type { CompiledCalendar } from "./compiled-calendar";
import { coverBackward, coverForward, coverInstant, type Timeline } from "./timeline";

// All instants are epoch milliseconds; all amounts are milliseconds of business time.

/** First index in `a[0..n)` whose value is greater than `x` (`n` when none). */
const upperBound = (a: Float64Array, n: number, x: number): number => {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** First index in `a[0..n)` whose value is at least `x` (`n` when none). */
const lowerBound = (a: Float64Array, n: number, x: number): number => {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** Running business total at instant `t` (which the timeline covers). */
const positionOf = (tl: Timeline, t: number): number => {
  const i = upperBound(tl.opens, tl.count, t) - 1;
  if (i < 0) return tl.cumAtStart;
  const close = tl.closes[i] as number;
  return t >= close ? (tl.cumEnd[i] as number) : (tl.cumStart[i] as number) + (t - (tl.opens[i] as number));
};

const positionAt = (cal: CompiledCalendar, t: number): number =>
  coverInstant(cal.timeline, cal.plan, cal.zone, t) ? positionOf(cal.timeline, t) : Number.NaN;

/** The earliest instant at which the running total reaches `target` (`stay`) or passes it. */
const instantAfter = (cal: CompiledCalendar, target: number, stay: boolean): number => {
  const tl = cal.timeline;
  if (!coverForward(tl, cal.plan, cal.zone, target, stay)) return Number.POSITIVE_INFINITY;
  const i = stay ? lowerBound(tl.cumEnd, tl.count, target) : upperBound(tl.cumEnd, tl.count, target);
  return (tl.closes[i] as number) - ((tl.cumEnd[i] as number) - target);
};

/** The latest instant at which the running total equals `target` (`strict`: coming from inside a period). */
const instantBefore = (cal: CompiledCalendar, target: number, strict: boolean): number => {
  const tl = cal.timeline;
  if (!coverBackward(tl, cal.plan, cal.zone, target, !strict)) return Number.NEGATIVE_INFINITY;
  const i = (strict ? lowerBound(tl.cumStart, tl.count, target) : upperBound(tl.cumStart, tl.count, target)) - 1;
  return (tl.opens[i] as number) + (target - (tl.cumStart[i] as number));
};

/**
 * The first business instant at or after `t` (`t` itself inside hours; a closing instant is
 * outside). `Infinity` when the calendar never opens again.
 * @example
 * nextOpening(cal, Date.parse("2025-01-04T12:00:00+01:00")) // Monday 09:00 for a Mon–Fri 09–18 calendar
 */
export const nextOpening = (cal: CompiledCalendar, t: number): number => {
  if (cal.alwaysOpen) return t;
  const p = positionAt(cal, t);
  return Number.isNaN(p) ? Number.NaN : instantAfter(cal, p, false);
};

/** The latest business instant at or before `t`, seen from inside a period (a closing instant counts; an opening does not). */
const previousClosing = (cal: CompiledCalendar, t: number): number => {
  if (cal.alwaysOpen) return t;
  const p = positionAt(cal, t);
  return Number.isNaN(p) ? Number.NaN : instantBefore(cal, p, true);
};

/**
 * The due date: the instant reached after consuming `amount` ms of business time from `start`
 * (a start outside hours first rolls forward to the next opening). A negative amount subtracts.
 * `Infinity` when the calendar has no more business time.
 * @example
 * // Mon–Fri 09:00–18:00 Madrid; Friday 17:00 + 2h = Monday 10:00
 * addBusinessTime(cal, Date.parse("2025-01-10T17:00:00+01:00"), 2 * 3_600_000)
 */
export const addBusinessTime = (cal: CompiledCalendar, start: number, amount: number): number => {
  if (amount < 0) return subtractBusinessTime(cal, start, -amount);
  if (amount === 0) return cal.conventions.zeroDuration === "identity" ? start : nextOpening(cal, start);
  if (cal.alwaysOpen) return start + amount;
  const tl = cal.timeline;
  if (!coverInstant(tl, cal.plan, cal.zone, start)) return Number.NaN;
  return instantAfter(cal, positionOf(tl, start) + amount, cal.conventions.endAtClose === "stay");
};

/**
 * The instant reached walking back `amount` ms of business time from `start` (a start outside
 * hours first rolls back to the previous closing; a result exactly on an opening stays there).
 * Used for warning thresholds and time left. `-Infinity` when no earlier business time exists.
 * @example
 * // Mon–Fri 09:00–18:00; Monday 10:00 − 2h = Friday 17:00
 * subtractBusinessTime(cal, Date.parse("2025-01-13T10:00:00+01:00"), 2 * 3_600_000)
 */
export const subtractBusinessTime = (cal: CompiledCalendar, start: number, amount: number): number => {
  if (amount < 0) return addBusinessTime(cal, start, -amount);
  if (amount === 0) return cal.conventions.zeroDuration === "identity" ? start : previousClosing(cal, start);
  if (cal.alwaysOpen) return start - amount;
  const tl = cal.timeline;
  if (!coverInstant(tl, cal.plan, cal.zone, start)) return Number.NaN;
  return instantBefore(cal, positionOf(tl, start) - amount, false);
};

/**
 * Business ms inside `[from, to)`, breaks removed. Signed by default: f(a, b) = −f(b, a)
 * (see the `reversedInterval` option).
 * @example
 * elapsedBusinessTime(cal, Date.parse("2025-01-10T17:00:00+01:00"), Date.parse("2025-01-13T10:00:00+01:00")) // 7_200_000
 */
export const elapsedBusinessTime = (cal: CompiledCalendar, from: number, to: number): number => {
  let d: number;
  if (cal.alwaysOpen) d = to - from;
  else {
    const tl = cal.timeline;
    const ok = coverInstant(tl, cal.plan, cal.zone, from) && coverInstant(tl, cal.plan, cal.zone, to);
    if (!ok) return Number.NaN;
    d = positionOf(tl, to) - positionOf(tl, from);
  }
  if (d >= 0) return d;
  const rule = cal.conventions.reversedInterval;
  return rule === "negative" ? d : rule === "zero" ? 0 : -d;
};
