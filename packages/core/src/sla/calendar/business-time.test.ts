import { describe, expect, it } from "vitest";
import { addBusinessTime, elapsedBusinessTime, nextOpening, subtractBusinessTime } from "./business-time";
import { alwaysOpen, compileCalendarOrThrow } from "./compiled-calendar";

const H = 3_600_000;
const madrid = () =>
  compileCalendarOrThrow({
    timeZone: "Europe/Madrid",
    hours: { mon: [["09:00", "18:00"]], tue: [["09:00", "18:00"]], wed: [["09:00", "18:00"]], thu: [["09:00", "18:00"]], fri: [["09:00", "18:00"]] },
    holidays: ["2025-01-06", "12-25"],
  });
const at = (iso: string) => Date.parse(iso);

describe("business time", () => {
  it("a due date crosses the weekend and a holiday", () => {
    // Friday 2025-01-03 17:00 + 2h: 1h on Friday, Monday 6 is Epiphany, so Tuesday 10:00.
    expect(addBusinessTime(madrid(), at("2025-01-03T17:00:00+01:00"), 2 * H)).toBe(at("2025-01-07T10:00:00+01:00"));
  });
  it("a yearly holiday closes the day every year", () => {
    expect(nextOpening(madrid(), at("2030-12-25T10:00:00+01:00"))).toBe(at("2030-12-26T09:00:00+01:00"));
  });
  it("a budget used up at closing time yields the next opening", () => {
    expect(addBusinessTime(madrid(), at("2025-01-08T17:00:00+01:00"), H)).toBe(at("2025-01-09T09:00:00+01:00"));
  });
  it("the stay option keeps a result at the closing instant", () => {
    const cal = compileCalendarOrThrow(madrid().definition, { endAtClose: "stay" });
    expect(addBusinessTime(cal, at("2025-01-08T17:00:00+01:00"), H)).toBe(at("2025-01-08T18:00:00+01:00"));
  });
  it("subtracting lands on an opening and stays there", () => {
    expect(subtractBusinessTime(madrid(), at("2025-01-08T18:00:00+01:00"), 9 * H)).toBe(at("2025-01-08T09:00:00+01:00"));
  });
  it("elapsed is signed", () => {
    const cal = madrid();
    const a = at("2025-01-03T17:00:00+01:00");
    const b = at("2025-01-07T10:00:00+01:00");
    expect(elapsedBusinessTime(cal, a, b)).toBe(2 * H);
    expect(elapsedBusinessTime(cal, b, a)).toBe(-2 * H);
  });
  it("the always-open calendar is plain elapsed time", () => {
    expect(addBusinessTime(alwaysOpen, 1000, 5000)).toBe(6000);
    expect(elapsedBusinessTime(alwaysOpen, 1000, 6000)).toBe(5000);
  });
  it("a summer-time day is 9 business hours in real time", () => {
    // 2025-03-31 is the Monday after the spring-forward Sunday.
    expect(addBusinessTime(madrid(), at("2025-03-28T17:00:00+01:00"), 2 * H)).toBe(at("2025-03-31T10:00:00+02:00"));
  });
  it("a 24x7 calendar in any zone is always open", () => {
    const cal = compileCalendarOrThrow({ timeZone: "Europe/Madrid", hours: "24x7" });
    expect(cal.alwaysOpen).toBe(true);
    expect(elapsedBusinessTime(cal, at("2025-03-30T00:00:00+01:00"), at("2025-03-31T00:00:00+02:00"))).toBe(23 * H);
  });
  it("a one-off override wins over a holiday on the same date", () => {
    const cal = compileCalendarOrThrow({ ...madrid().definition, overrides: { "2025-01-06": [["10:00", "12:00"]] } });
    expect(nextOpening(cal, at("2025-01-06T08:00:00+01:00"))).toBe(at("2025-01-06T10:00:00+01:00"));
  });
  it("a one-off holiday wins over a yearly override", () => {
    const cal = compileCalendarOrThrow({ ...madrid().definition, holidays: ["2025-12-24"], overrides: { "12-24": [["09:00", "13:00"]] } });
    expect(nextOpening(cal, at("2025-12-24T08:00:00+01:00"))).toBe(at("2025-12-25T09:00:00+01:00"));
    expect(nextOpening(cal, at("2026-12-24T14:00:00+01:00"))).toBe(at("2026-12-25T09:00:00+01:00"));
  });
  it("an empty override closes a working day", () => {
    const cal = compileCalendarOrThrow({ ...madrid().definition, overrides: { "2025-01-08": [] } });
    expect(nextOpening(cal, at("2025-01-08T10:00:00+01:00"))).toBe(at("2025-01-09T09:00:00+01:00"));
  });
  it("an overnight shift on a holiday is removed whole", () => {
    const cal = compileCalendarOrThrow({ timeZone: "UTC", hours: { mon: [["22:00", "06:00"]], tue: [["22:00", "06:00"]] }, holidays: ["2025-01-06"] });
    expect(nextOpening(cal, at("2025-01-07T02:00:00Z"))).toBe(at("2025-01-07T22:00:00Z"));
  });
});
