import { describe, expect, it } from "vitest";
import { addBusinessTime, elapsedBusinessTime, nextOpening, subtractBusinessTime } from "./business-time";
import { compileCalendarOrThrow } from "./compiled-calendar";
import type { CalendarDefinition } from "./definition";

const H = 3_600_000;
const at = Date.parse;
const everyDay = (ranges: ReadonlyArray<readonly [string, string]>): CalendarDefinition["hours"] => {
  const r = ranges.map(([o, c]) => [o, c] as [string, string]);
  return { mon: r, tue: r, wed: r, thu: r, fri: r, sat: r, sun: r };
};
const cal = (timeZone: string, hours: CalendarDefinition["hours"]) => compileCalendarOrThrow({ timeZone, hours });

describe("DST in Europe/Madrid", () => {
  const allDay = cal("Europe/Madrid", { sun: [["00:00", "24:00"]] });
  it("the spring-forward Sunday holds 23 business hours", () => {
    expect(elapsedBusinessTime(allDay, at("2025-03-30T00:00:00+01:00"), at("2025-03-31T00:00:00+02:00"))).toBe(23 * H);
  });
  it("the fall-back Sunday holds 25 business hours", () => {
    expect(elapsedBusinessTime(allDay, at("2025-10-26T00:00:00+02:00"), at("2025-10-27T00:00:00+01:00"))).toBe(25 * H);
  });
  it("an opening inside the spring-forward gap moves forward by the gap", () => {
    const c = cal("Europe/Madrid", { sun: [["02:30", "05:00"]] });
    expect(nextOpening(c, at("2025-03-30T00:00:00+01:00"))).toBe(at("2025-03-30T03:30:00+02:00"));
  });
  it("an ambiguous fall-back time takes its first occurrence", () => {
    const c = cal("Europe/Madrid", { sun: [["02:30", "04:00"]] });
    expect(nextOpening(c, at("2025-10-26T00:00:00+02:00"))).toBe(at("2025-10-26T02:30:00+02:00"));
    expect(elapsedBusinessTime(c, at("2025-10-26T00:00:00+02:00"), at("2025-10-27T00:00:00+01:00"))).toBe(2.5 * H);
  });
  it("a due date across the spring change counts real hours", () => {
    const weekdays = cal("Europe/Madrid", { fri: [["09:00", "18:00"]], mon: [["09:00", "18:00"]] });
    expect(addBusinessTime(weekdays, at("2025-03-28T17:00:00+01:00"), 2 * H)).toBe(at("2025-03-31T10:00:00+02:00"));
  });
});

describe("DST in America/New_York", () => {
  const night = cal("America/New_York", everyDay([["22:00", "06:00"]]));
  it("an overnight shift over the spring change lasts 7 real hours", () => {
    expect(elapsedBusinessTime(night, at("2025-03-08T22:00:00-05:00"), at("2025-03-09T06:00:00-04:00"))).toBe(7 * H);
  });
  it("an overnight shift over the fall change lasts 9 real hours", () => {
    expect(elapsedBusinessTime(night, at("2025-11-01T22:00:00-04:00"), at("2025-11-02T06:00:00-05:00"))).toBe(9 * H);
  });
  it("a due date inside an overnight shift belongs to the shift's start day", () => {
    expect(addBusinessTime(night, at("2025-03-08T21:00:00-05:00"), 5 * H)).toBe(at("2025-03-09T04:00:00-04:00"));
  });
  it("subtracting across the fall change walks back real hours", () => {
    expect(subtractBusinessTime(night, at("2025-11-02T06:00:00-05:00"), 9 * H)).toBe(at("2025-11-01T22:00:00-04:00"));
  });
});

describe("DST in Australia/Lord_Howe (30-minute shift)", () => {
  const allDay = cal("Australia/Lord_Howe", { sun: [["00:00", "24:00"]] });
  it("the Sunday summer time ends holds 24.5 business hours", () => {
    expect(elapsedBusinessTime(allDay, at("2025-04-06T00:00:00+11:00"), at("2025-04-07T00:00:00+10:30"))).toBe(24.5 * H);
  });
  it("the Sunday summer time starts holds 23.5 business hours", () => {
    expect(elapsedBusinessTime(allDay, at("2025-10-05T00:00:00+10:30"), at("2025-10-06T00:00:00+11:00"))).toBe(23.5 * H);
  });
  it("an opening inside the 30-minute gap moves forward by 30 minutes", () => {
    const c = cal("Australia/Lord_Howe", { sun: [["02:15", "05:00"]] });
    expect(nextOpening(c, at("2025-10-05T00:00:00+10:30"))).toBe(at("2025-10-05T02:45:00+11:00"));
  });
  it("an ambiguous time in the 30-minute fold takes its first occurrence", () => {
    const c = cal("Australia/Lord_Howe", { sun: [["01:45", "03:00"]] });
    expect(nextOpening(c, at("2025-04-06T00:00:00+11:00"))).toBe(at("2025-04-06T01:45:00+11:00"));
  });
});

describe("long spans", () => {
  const sundays = cal("Europe/Paris", { sun: [["08:00", "21:00"]] });
  it("19 years of Sundays across 38 DST changes add up to 992 × 13 hours", () => {
    expect(elapsedBusinessTime(sundays, at("2002-10-27T07:00:00+01:00"), at("2021-10-30T02:00:00+02:00"))).toBe(992 * 13 * H);
  });
  it("a due date 12896 business hours away lands on the last of those Sundays' closing", () => {
    // 992 Sundays; the budget ends at 21:00 on 2021-10-24, so next_open gives the next Sunday 08:00.
    expect(addBusinessTime(sundays, at("2002-10-27T07:00:00+01:00"), 992 * 13 * H)).toBe(at("2021-10-31T08:00:00+01:00"));
  });
  it("a query over 50 years costs about what a one-day query costs once the years are built", () => {
    const from = at("2000-01-02T12:00:00+01:00");
    elapsedBusinessTime(sundays, from, at("2050-01-02T12:00:00+01:00")); // builds the tables
    const time = (to: number) => {
      const t0 = performance.now();
      let sink = 0;
      for (let i = 0; i < 100_000; i++) sink += elapsedBusinessTime(sundays, from + (i % 1000), to);
      return [performance.now() - t0, sink] as const;
    };
    time(from + H);
    const [short] = time(from + 24 * H);
    const [long] = time(at("2050-01-02T12:00:00+01:00"));
    // generous bound: the machine is shared; a per-day walk would be ~18,000 times slower
    expect(long).toBeLessThan(Math.max(10 * short, 200));
  });
});
