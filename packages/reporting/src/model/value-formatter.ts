import type { Column } from "./column";
import { toDate, toNumber, toText } from "./coerce-value";
import { formatDurationMinutes } from "./format-duration";

/**
 * Turns row values into display text for one locale and time zone, reusing its `Intl` formatters.
 * @example
 * const f = new ValueFormatter("en-GB", "Europe/Athens")
 * f.format({ key: "m", label: "Time", kind: "duration-minutes" }, 125) // "2h 05m"
 */
export class ValueFormatter {
  private readonly integer: Intl.NumberFormat;
  private readonly number: Intl.NumberFormat;
  private readonly percent: Intl.NumberFormat;
  private readonly date: Intl.DateTimeFormat;
  private readonly datetime: Intl.DateTimeFormat;
  private readonly clock: Intl.DateTimeFormat;
  private readonly currencies = new Map<string, Intl.NumberFormat>();

  readonly locale: string;
  readonly timeZone: string;

  constructor(locale: string, timeZone: string) {
    this.locale = locale;
    this.timeZone = timeZone;
    this.integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    this.number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    this.percent = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
    this.date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
    this.datetime = new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      timeStyle: "short",
      hourCycle: "h23",
      timeZone,
    });
    this.clock = new Intl.DateTimeFormat("en-GB", {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZone,
    });
  }

  /** Display text of one value in one column; `""` when the value is missing or unreadable. */
  format(column: Column, value: unknown): string {
    switch (column.kind) {
      case "text":
        return toText(value);
      case "date":
      case "datetime": {
        const d = toDate(value);
        if (d === null) return toText(value);
        return (column.kind === "date" ? this.date : this.datetime).format(d);
      }
      default: {
        const n = toNumber(value);
        if (n === null) return toText(value);
        return this.formatNumber(column, n);
      }
    }
  }

  /** Display text of a number in a numeric column (used for totals as well as cells). */
  formatNumber(column: Column, n: number): string {
    switch (column.kind) {
      case "integer":
        return this.integer.format(n);
      case "percent":
        return this.percent.format(n);
      case "duration-minutes":
        return formatDurationMinutes(n);
      case "currency":
        return this.currency(column.currency ?? "EUR").format(n);
      default:
        return this.number.format(n);
    }
  }

  /** A date as a day in the report's time zone (for headers). */
  formatDay(d: Date): string {
    return this.date.format(d);
  }

  /** A date as day and time in the report's time zone (for headers). */
  formatInstant(d: Date): string {
    return this.datetime.format(d);
  }

  /** The period as people say it: an exclusive midnight end shows as the day before. */
  formatPeriod(from: Date, to: Date): string {
    const dayOnly = this.isMidnight(from) && this.isMidnight(to);
    if (!dayOnly) return `${this.formatInstant(from)} – ${this.formatInstant(to)}`;
    const last = new Date(Math.max(from.getTime(), to.getTime() - 1));
    const a = this.formatDay(from);
    const b = this.formatDay(last);
    return a === b ? a : `${a} – ${b}`;
  }

  // The first instant of its local day: midnight, or where a DST change skips midnight (Havana,
  // Santiago, Cairo) 01:00, the instant before which is still the previous day.
  private isMidnight(d: Date): boolean {
    const seconds = d.getTime() % 1000 === 0;
    return this.clock.format(d) === "00:00:00" || (seconds && this.formatDay(new Date(d.getTime() - 1000)) !== this.formatDay(d));
  }

  private currency(code: string): Intl.NumberFormat {
    let f = this.currencies.get(code);
    if (f === undefined) {
      f = new Intl.NumberFormat(this.locale, { style: "currency", currency: code });
      this.currencies.set(code, f);
    }
    return f;
  }
}
