import { instantMs, type CalendarDefinition, type DayHours } from "./definition";
import { DAY_MS, monthDayOf, parseDate, parseMonthDay, parseWallTime, weekdayOf } from "./local-date";

/** Local periods of a day as `[openMs, closeMs]` after local midnight; `closeMs` may pass 24:00. */
export type LocalRanges = ReadonlyArray<readonly [number, number]>;

/**
 * A calendar definition resolved into lookup tables: which local periods each local date has.
 * Precedence, most specific first: one-off override, one-off holiday, yearly override, yearly
 * holiday, weekly hours.
 */
export interface WeekPlan {
  readonly weekly: ReadonlyArray<LocalRanges>;
  readonly dateOverrides: ReadonlyMap<number, LocalRanges>;
  readonly dateHolidays: ReadonlySet<number>;
  readonly yearlyOverrides: ReadonlyMap<number, LocalRanges>;
  readonly yearlyHolidays: ReadonlySet<number>;
  /** Sorted, merged absolute breaks as flat `[from0, to0, from1, to1, …]`. */
  readonly breaks: ReadonlyArray<number>;
  /** True when some year after the last one-off override still has business time. */
  readonly recurs: boolean;
  /** First and last day numbers of one-off overrides (NaN when none). */
  readonly firstOverrideDay: number;
  readonly lastOverrideDay: number;
  /** True for 24×7 with nothing removed: every instant is business time. */
  readonly alwaysOpen: boolean;
}

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const toRanges = (hours: DayHours | undefined): LocalRanges =>
  (hours ?? []).map(([open, close]) => {
    const o = parseWallTime(open);
    const c = parseWallTime(close);
    return [o, c <= o ? c + DAY_MS : c] as const;
  });

const coversWholeDay = (ranges: LocalRanges): boolean => ranges.some(([o, c]) => o === 0 && c >= DAY_MS);

const mergeBreaks = (def: CalendarDefinition): number[] => {
  const sorted = (def.breaks ?? [])
    .map(([from, to]) => [instantMs(from), instantMs(to)] as const)
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  for (const [from, to] of sorted) {
    const last = flat.length - 1;
    if (last > 0 && from <= (flat[last] as number)) flat[last] = Math.max(flat[last] as number, to);
    else flat.push(from, to);
  }
  return flat;
};

/** Resolves a decoded definition into a week plan; the definition is only read. */
export const planOf = (def: CalendarDefinition): WeekPlan => {
  const hours = def.hours;
  const weekly = WEEKDAYS.map((d) => (hours === "24x7" ? [[0, DAY_MS] as const] : toRanges(hours[d])));
  const dateOverrides = new Map<number, LocalRanges>();
  const yearlyOverrides = new Map<number, LocalRanges>();
  for (const [date, dayHours] of Object.entries(def.overrides ?? {})) {
    if (date.length === 10) dateOverrides.set(parseDate(date), toRanges(dayHours));
    else yearlyOverrides.set(parseMonthDay(date), toRanges(dayHours));
  }
  const dateHolidays = new Set<number>();
  const yearlyHolidays = new Set<number>();
  for (const date of def.holidays ?? []) {
    if (date.length === 10) dateHolidays.add(parseDate(date));
    else yearlyHolidays.add(parseMonthDay(date));
  }
  const overrideDays = [...dateOverrides.keys()];
  const breaks = mergeBreaks(def);
  return {
    weekly,
    dateOverrides,
    dateHolidays,
    yearlyOverrides,
    yearlyHolidays,
    breaks,
    recurs: weekly.some((r) => r.length > 0) || [...yearlyOverrides.values()].some((r) => r.length > 0),
    firstOverrideDay: overrideDays.length ? Math.min(...overrideDays) : Number.NaN,
    lastOverrideDay: overrideDays.length ? Math.max(...overrideDays) : Number.NaN,
    alwaysOpen:
      weekly.every(coversWholeDay) &&
      dateOverrides.size === 0 &&
      yearlyOverrides.size === 0 &&
      dateHolidays.size === 0 &&
      yearlyHolidays.size === 0 &&
      breaks.length === 0,
  };
};

/** The local periods of one local day (by day number). */
export const rangesOfDay = (plan: WeekPlan, day: number): LocalRanges => {
  const exact = plan.dateOverrides.get(day);
  if (exact !== undefined) return exact;
  if (plan.dateHolidays.has(day)) return [];
  if (plan.yearlyOverrides.size > 0 || plan.yearlyHolidays.size > 0) {
    const md = monthDayOf(day);
    const yearly = plan.yearlyOverrides.get(md);
    if (yearly !== undefined) return yearly;
    if (plan.yearlyHolidays.has(md)) return [];
  }
  return plan.weekly[weekdayOf(day)] as LocalRanges;
};
