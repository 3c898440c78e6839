/**
 * The peers spoc is compared with, configured for the benchmark calendar (Europe/Madrid,
 * Mon–Fri 09:00–18:00, 10 holidays): moment-business-time, and straightforward day-walking
 * loops on luxon and on date-fns + @date-fns/tz. All return epoch ms.
 */
import moment from "moment";
import "moment-business-time";
import { DateTime } from "luxon";
import { addDays, set, startOfDay } from "date-fns";
import { TZDate } from "@date-fns/tz";

export const ZONE = "Europe/Madrid";
/** Yearly holidays (MM-DD) and one-off holidays (YYYY-MM-DD): 10 in all. */
export const YEARLY_HOLIDAYS = ["01-01", "01-06", "05-01", "08-15", "10-12", "11-01", "12-06", "12-08", "12-25"];
export const ONE_OFF_HOLIDAYS = ["2025-04-18"];
const OPEN_H = 9;
const CLOSE_H = 18;

const holidaySet = new Set([...YEARLY_HOLIDAYS, ...ONE_OFF_HOLIDAYS]);
const pad = (n: number): string => String(n).padStart(2, "0");
const isHoliday = (y: number, m: number, d: number): boolean =>
  holidaySet.has(`${pad(m)}-${pad(d)}`) || holidaySet.has(`${y}-${pad(m)}-${pad(d)}`);

/** moment-business-time works in the process zone: run.ts sets TZ=Europe/Madrid first. */
export const setUpMomentBusinessTime = (): void => {
  moment.updateLocale("en", {
    workinghours: { 0: null, 1: ["09:00:00", "18:00:00"], 2: ["09:00:00", "18:00:00"], 3: ["09:00:00", "18:00:00"], 4: ["09:00:00", "18:00:00"], 5: ["09:00:00", "18:00:00"], 6: null },
    holidays: [...YEARLY_HOLIDAYS.map((md) => `*-${md}`), ...ONE_OFF_HOLIDAYS],
  } as never);
};

export const momentAdd = (start: number, ms: number): number =>
  (moment(start) as unknown as { addWorkingTime: (n: number, unit: string) => moment.Moment }).addWorkingTime(ms / 60_000, "minutes").valueOf();

/** A budget that fits exactly into the rest of a day moves to the next opening (spoc's default). */
export const luxonAdd = (start: number, ms: number): number => {
  let dt = DateTime.fromMillis(start, { zone: ZONE });
  let remaining = ms;
  for (;;) {
    if (dt.weekday <= 5 && !isHoliday(dt.year, dt.month, dt.day)) {
      const open = dt.set({ hour: OPEN_H, minute: 0, second: 0, millisecond: 0 });
      const close = dt.set({ hour: CLOSE_H, minute: 0, second: 0, millisecond: 0 });
      if (dt < close) {
        const from = dt < open ? open : dt;
        const available = close.toMillis() - from.toMillis();
        if (remaining < available) return from.toMillis() + remaining;
        remaining -= available;
      }
    }
    dt = dt.plus({ days: 1 }).startOf("day");
  }
};

export const dateFnsAdd = (start: number, ms: number): number => {
  let d = new TZDate(start, ZONE);
  let remaining = ms;
  for (;;) {
    const weekday = d.getDay();
    if (weekday !== 0 && weekday !== 6 && !isHoliday(d.getFullYear(), d.getMonth() + 1, d.getDate())) {
      const open = set(d, { hours: OPEN_H, minutes: 0, seconds: 0, milliseconds: 0 });
      const close = set(d, { hours: CLOSE_H, minutes: 0, seconds: 0, milliseconds: 0 });
      if (d.getTime() < close.getTime()) {
        const from = d.getTime() < open.getTime() ? open.getTime() : d.getTime();
        const available = close.getTime() - from;
        if (remaining < available) return from + remaining;
        remaining -= available;
      }
    }
    d = startOfDay(addDays(d, 1));
  }
};
