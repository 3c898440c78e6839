import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../validation/invalid-input";
import { compileCalendar } from "./compiled-calendar";
import { decodeCalendar } from "./definition";

const pathsOf = (input: unknown): ReadonlyArray<string> => {
  const r = decodeCalendar(input);
  return r instanceof InvalidInput ? r.issues.map((i) => i.path) : [];
};

const valid = {
  timeZone: "Europe/Madrid",
  hours: { mon: [["09:00", "14:00"], ["15:00", "18:00"]], sat: [["22:00", "06:00"]], sun: [["00:00", "24:00"]] },
  holidays: ["12-25", "2025-04-18", "02-29"],
  overrides: { "2025-12-24": [["09:00", "13:00"]], "12-31": [] },
  breaks: [["2025-06-01T10:00:00Z", "2025-06-01T13:00:00+02:00"], [0, 1000]],
};

describe("calendar definition", () => {
  it("accepts split, overnight and 24:00 hours, yearly and one-off dates, and breaks", () => {
    expect(decodeCalendar(valid)).not.toBeInstanceOf(InvalidInput);
  });
  it("accepts 24x7 as the weekly hours", () => {
    expect(decodeCalendar({ timeZone: "UTC", hours: "24x7" })).not.toBeInstanceOf(InvalidInput);
  });
  it("names an unknown time zone", () => {
    expect(pathsOf({ ...valid, timeZone: "Mars/Olympus" })).toEqual(["timeZone"]);
  });
  it("names a malformed wall time by weekday, period and end", () => {
    expect(pathsOf({ ...valid, hours: { mon: [["09:00", "25:00"]] } })).toEqual(["hours.mon.0.1"]);
  });
  it("rejects a period that opens at 24:00", () => {
    expect(pathsOf({ ...valid, hours: { tue: [["24:00", "06:00"]] } })).toEqual(["hours.tue.0"]);
  });
  it("names an impossible holiday date", () => {
    expect(pathsOf({ ...valid, holidays: ["2025-02-29"] })).toEqual(["holidays.0"]);
  });
  it("names an impossible override date", () => {
    expect(pathsOf({ ...valid, overrides: { "13-01": [] } })[0]).toMatch(/^overrides/);
  });
  it("rejects a break that ends before it starts", () => {
    expect(pathsOf({ ...valid, breaks: [["2025-06-01T11:00:00Z", "2025-06-01T10:00:00Z"]] })).toEqual(["breaks.0"]);
  });
  it("rejects an unknown weekday key", () => {
    expect(pathsOf({ ...valid, hours: { monday: [["09:00", "17:00"]] } })).toEqual(["hours.monday"]);
  });
  it("compileCalendar returns the typed error instead of throwing", () => {
    const r = compileCalendar({ timeZone: "Nowhere/Land", hours: "24x7" });
    expect(r).toBeInstanceOf(InvalidInput);
    expect((r as InvalidInput).message).toContain("timeZone");
  });
  it("compileCalendar rejects unknown options by name", () => {
    const r = compileCalendar({ timeZone: "UTC", hours: "24x7" }, { endAtClose: "later" } as never);
    expect(r).toBeInstanceOf(InvalidInput);
    expect((r as InvalidInput).issues[0]?.path).toBe("endAtClose");
  });
});
