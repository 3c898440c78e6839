import * as Schema from "effect/Schema";
import { decodeInput, type InvalidInput } from "../../validation/invalid-input";
import { isValidTimeZone } from "./time-zone";
import { isRealDate, isRealMonthDay } from "./local-date";

/** A local wall-clock time `HH:MM` or `HH:MM:SS`; `24:00` is midnight at the end of the day. @example "09:30" */
export const WallTime = Schema.String.check(
  Schema.isPattern(/^(?:(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?|24:00(?::00)?)$/, {
    message: "must be a local time HH:MM or HH:MM:SS between 00:00 and 24:00",
  }),
);
export type WallTime = typeof WallTime.Type;

/**
 * One business period `[open, close)` in local time. `close <= open` means the period runs past
 * midnight into the next day and belongs to the day it starts on.
 * @example ["22:00", "06:00"]
 */
export const OpeningRange = Schema.Tuple([WallTime, WallTime]).check(
  Schema.makeFilter(([open]) => (open.startsWith("24") ? "a period cannot open at 24:00" : undefined)),
);
export type OpeningRange = typeof OpeningRange.Type;

/** The periods of one day; an empty list means closed. @example [["09:00", "14:00"], ["15:00", "18:00"]] */
export const DayHours = Schema.Array(OpeningRange);
export type DayHours = typeof DayHours.Type;

/** Weekly hours by weekday; a missing weekday is closed. @example { mon: [["09:00", "18:00"]], sat: [] } */
export const WeeklyHours = Schema.Struct({
  mon: Schema.optionalKey(DayHours),
  tue: Schema.optionalKey(DayHours),
  wed: Schema.optionalKey(DayHours),
  thu: Schema.optionalKey(DayHours),
  fri: Schema.optionalKey(DayHours),
  sat: Schema.optionalKey(DayHours),
  sun: Schema.optionalKey(DayHours),
});
export type WeeklyHours = typeof WeeklyHours.Type;

/** A one-off local date `YYYY-MM-DD`. @example "2025-04-18" */
export const LocalDate = Schema.String.check(
  Schema.makeFilter((s: string) => (isRealDate(s) ? undefined : "must be a real local date YYYY-MM-DD")),
);

/** A one-off local date `YYYY-MM-DD` or a yearly date `MM-DD`. @example "12-25" */
export const CalendarDate = Schema.String.check(
  Schema.makeFilter((s: string) =>
    isRealDate(s) || isRealMonthDay(s) ? undefined : "must be a local date YYYY-MM-DD or a yearly date MM-DD",
  ),
);

/** An absolute instant: epoch milliseconds, or ISO-8601 text with an offset. @example "2025-06-01T10:00:00+02:00" */
export const Instant = Schema.Union([
  Schema.Number.check(Schema.isFinite()),
  Schema.String.check(
    Schema.makeFilter((s: string) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))
        ? undefined
        : "must be an ISO-8601 instant with an offset, e.g. 2025-01-01T12:00:00Z",
    ),
  ),
]);
export type Instant = typeof Instant.Type;

/** An absolute interval `[from, to)` that never counts as business time. @example ["2025-06-01T10:00:00Z", "2025-06-01T12:00:00Z"] */
export const AbsoluteBreak = Schema.Tuple([Instant, Instant]).check(
  Schema.makeFilter(([from, to]) => (instantMs(from) <= instantMs(to) ? undefined : "a break must not end before it starts")),
);
export type AbsoluteBreak = typeof AbsoluteBreak.Type;

/**
 * A business-hours calendar: IANA zone, weekly hours (split and overnight shifts, `24:00`, or
 * `"24x7"`), holidays (one-off or yearly), per-date overrides and absolute breaks.
 * @example
 * const def: CalendarDefinition = {
 *   timeZone: "Europe/Madrid",
 *   hours: { mon: [["09:00", "14:00"], ["15:00", "18:00"]], fri: [["09:00", "15:00"]] },
 *   holidays: ["12-25", "2025-04-18"],
 *   overrides: { "2025-12-24": [["09:00", "13:00"]] },
 * }
 */
export const CalendarDefinition = Schema.Struct({
  timeZone: Schema.String.check(
    Schema.makeFilter((s: string) => (isValidTimeZone(s) ? undefined : `unknown IANA time zone "${s}"`)),
  ),
  hours: Schema.Union([Schema.Literal("24x7"), WeeklyHours]),
  holidays: Schema.optionalKey(Schema.Array(CalendarDate)),
  overrides: Schema.optionalKey(Schema.Record(CalendarDate, DayHours)),
  breaks: Schema.optionalKey(Schema.Array(AbsoluteBreak)),
});
export type CalendarDefinition = typeof CalendarDefinition.Type;

/** Epoch milliseconds of a decoded instant. @example instantMs("1970-01-01T00:00:01Z") // 1000 */
export const instantMs = (i: Instant): number => (typeof i === "number" ? i : Date.parse(i));

/**
 * Decodes unknown input into a calendar definition, or an `InvalidInput` naming each bad field.
 * @example
 * const r = decodeCalendar({ timeZone: "Mars/Base", hours: "24x7" })
 * if (r instanceof InvalidInput) console.log(r.issues[0].path) // "timeZone"
 */
export const decodeCalendar = (input: unknown): CalendarDefinition | InvalidInput =>
  decodeInput(CalendarDefinition, input, "calendar");
