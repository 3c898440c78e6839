/**
 * Business-hours calendars and business-time arithmetic on epoch milliseconds.
 * @example
 * import { compileCalendarOrThrow, addBusinessTime } from "./calendar"
 * const cal = compileCalendarOrThrow({ timeZone: "Europe/Madrid", hours: { mon: [["09:00", "18:00"]] } })
 * const due = addBusinessTime(cal, now, 4 * 3_600_000) // now: epoch ms, passed in by the caller
 */
export {
  AbsoluteBreak,
  CalendarDate,
  CalendarDefinition,
  DayHours,
  decodeCalendar,
  Instant,
  OpeningRange,
  WallTime,
  WeeklyHours,
} from "./definition";
export {
  alwaysOpen,
  CalendarOptions,
  compileCalendar,
  compileCalendarOrThrow,
  defaultConventions,
  type CalendarConventions,
  type CompiledCalendar,
} from "./compiled-calendar";
export { addBusinessTime, elapsedBusinessTime, nextOpening, subtractBusinessTime } from "./business-time";
