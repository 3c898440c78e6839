import { describe, expect, it } from "vitest";
import { addBusinessTime, elapsedBusinessTime, subtractBusinessTime } from "./business-time";
import { compileCalendarOrThrow, type CalendarOptions } from "./compiled-calendar";

const at = Date.parse;
const H = 3_600_000;
const weekdays = (options: CalendarOptions = {}) =>
  compileCalendarOrThrow(
    { timeZone: "UTC", hours: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } },
    options,
  );
const saturday = at("2020-04-04T12:00:00Z");

describe("conventions", () => {
  it("adding 0 rolls to the next opening by default", () => {
    expect(addBusinessTime(weekdays(), saturday, 0)).toBe(at("2020-04-06T09:00:00Z"));
  });
  it("subtracting 0 rolls back to the previous closing by default", () => {
    expect(subtractBusinessTime(weekdays(), saturday, 0)).toBe(at("2020-04-03T17:00:00Z"));
  });
  it("with zeroDuration identity, 0 returns the start", () => {
    expect(addBusinessTime(weekdays({ zeroDuration: "identity" }), saturday, 0)).toBe(saturday);
    expect(subtractBusinessTime(weekdays({ zeroDuration: "identity" }), saturday, 0)).toBe(saturday);
  });
  it("with endAtClose stay, a budget ending at closing time stays at the close", () => {
    expect(addBusinessTime(weekdays({ endAtClose: "stay" }), at("2020-04-03T09:00:00Z"), 8 * H)).toBe(at("2020-04-03T17:00:00Z"));
  });
  it("by default the same budget yields the next opening", () => {
    expect(addBusinessTime(weekdays(), at("2020-04-03T09:00:00Z"), 8 * H)).toBe(at("2020-04-06T09:00:00Z"));
  });
  it("a negative amount subtracts", () => {
    expect(addBusinessTime(weekdays(), at("2020-04-06T10:00:00Z"), -2 * H)).toBe(at("2020-04-03T16:00:00Z"));
  });
  it("reversed intervals are negative, zero or absolute as configured", () => {
    const [a, b] = [at("2020-04-01T15:00:00Z"), at("2020-04-01T10:00:00Z")];
    expect(elapsedBusinessTime(weekdays(), a, b)).toBe(-5 * H);
    expect(elapsedBusinessTime(weekdays({ reversedInterval: "zero" }), a, b)).toBe(0);
    expect(elapsedBusinessTime(weekdays({ reversedInterval: "absolute" }), a, b)).toBe(5 * H);
  });
  it("a calendar that never opens again gives an infinite due date", () => {
    const once = compileCalendarOrThrow({ timeZone: "UTC", hours: {}, overrides: { "2020-04-01": [["09:00", "10:00"]] } });
    expect(addBusinessTime(once, at("2020-04-01T09:30:00Z"), H)).toBe(Number.POSITIVE_INFINITY);
    expect(subtractBusinessTime(once, at("2020-04-01T09:30:00Z"), H)).toBe(Number.NEGATIVE_INFINITY);
  });
  it("a non-finite instant gives NaN instead of building tables forever", () => {
    expect(addBusinessTime(weekdays(), Number.POSITIVE_INFINITY, H)).toBeNaN();
    expect(elapsedBusinessTime(weekdays(), Number.NaN, 0)).toBeNaN();
  });
});
