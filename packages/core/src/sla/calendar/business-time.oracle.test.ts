import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { elapsedBusinessTime } from "./business-time";
import { compileCalendarOrThrow } from "./compiled-calendar";

// An independent oracle: count business minutes one by one, reading each minute's local time
// from Intl. Period boundaries avoid 01:00–04:00 local, where DST gaps and folds make "the
// local time of a minute" ambiguous; the engine's own gap/fold rules are tested in dst.test.ts.

const MIN = 60_000;
const zones = ["UTC", "Europe/Madrid", "America/New_York", "Australia/Lord_Howe"] as const;
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const allowedQuarters = [...Array.from({ length: 5 }, (_, i) => i), ...Array.from({ length: 81 }, (_, i) => i + 16)];
const hhmm = (q: number): string => `${String(Math.floor(q / 4)).padStart(2, "0")}:${String((q % 4) * 15).padStart(2, "0")}`;
const range = fc.tuple(fc.constantFrom(...allowedQuarters.filter((q) => q < 96)), fc.constantFrom(...allowedQuarters)).map(([o, c]) => [hhmm(o), hhmm(c)] as [string, string]);

type Week = ReadonlyArray<ReadonlyArray<[string, string]>>;

const formatters = new Map<string, Intl.DateTimeFormat>();
const localParts = (zone: string, t: number) => {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", weekday: "short", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
  const yesterday = new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day) - 1)).toISOString().slice(5, 10);
  return { weekday: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(p.weekday as string), md: `${p.month}-${p.day}`, yesterdayMd: yesterday, minute: Number(p.hour) * 60 + Number(p.minute) };
};
const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** Is minute `t` business time: inside a period of its own day, or of yesterday's overnight period. */
const isOpen = (zone: string, week: Week, holidays: ReadonlySet<string>, t: number): boolean => {
  const now = localParts(zone, t);
  for (const [o, c] of holidays.has(now.md) ? [] : (week[now.weekday] ?? [])) {
    const open = minutes(o);
    const close = minutes(c) <= open ? minutes(c) + 1440 : minutes(c);
    if (open <= now.minute && now.minute < close) return true;
  }
  for (const [o, c] of holidays.has(now.yesterdayMd) ? [] : (week[(now.weekday + 6) % 7] ?? [])) {
    const open = minutes(o);
    const close = minutes(c) <= open ? minutes(c) + 1440 : minutes(c);
    if (close > 1440 && now.minute < close - 1440) return true;
  }
  return false;
};

describe("business time against a minute-by-minute oracle", () => {
  it("elapsed equals the count of open minutes, across overnight shifts, holidays and DST", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(fc.array(range, { maxLength: 2 }), { minLength: 7, maxLength: 7 }),
        fc.array(fc.constantFrom("03-08", "03-09", "03-30", "03-31", "04-06", "10-05", "10-26", "11-02", "11-03"), { maxLength: 2 }),
        // spans of up to 4 days that start in the weeks around the 2025 DST changes of all four zones
        fc.constantFrom("2025-03-07", "2025-03-28", "2025-04-04", "2025-10-03", "2025-10-24", "2025-10-31"),
        fc.integer({ min: 0, max: 2 * 1440 }),
        fc.integer({ min: 0, max: 4 * 1440 }),
        (zone, week, holidays, day, offset, span) => {
          const a = Date.parse(`${day}T00:00:00Z`) + offset * MIN;
          const b = a + span * MIN;
          const holidaySet = new Set(holidays);
          let expected = 0;
          for (let t = a; t < b; t += MIN) if (isOpen(zone, week, holidaySet, t)) expected += MIN;
          const hours = Object.fromEntries(WEEKDAYS.map((d, i) => [d, week[i] ?? []]));
          const cal = compileCalendarOrThrow({ timeZone: zone, hours, holidays });
          expect(elapsedBusinessTime(cal, a, b)).toBe(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});
