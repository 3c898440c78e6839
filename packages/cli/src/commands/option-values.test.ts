import { describe, expect, it } from "vitest";
import { CliError } from "./command";
import { dateOption, enumListOption, enumOption, instantOption, integerOption, percentOption, timeZoneOption } from "./option-values";

const usage = (f: () => unknown): CliError => {
  try {
    f();
  } catch (e) {
    return e as CliError;
  }
  throw new Error("expected a usage error");
};

describe("option values", () => {
  it("a whole number within its bounds is read; anything else is a usage error (exit 2) naming the option", () => {
    expect(integerOption({ limit: "20" }, "limit", { min: 1, fallback: 500 })).toBe(20);
    expect(integerOption({}, "limit", { min: 1, fallback: 500 })).toBe(500);
    for (const bad of ["abc", "1.5", "0", "-3", "1e3", ""]) {
      const e = usage(() => integerOption({ limit: bad }, "limit", { min: 1, fallback: 500 }));
      expect(e.exitCode).toBe(2);
      expect(e.message).toBe(`--limit: "${bad}" is not a whole number ≥ 1`);
    }
  });

  it("a percentage is read as a fraction, with or without its % sign, from 0 to 100", () => {
    expect(percentOption({ p: "5" }, "p", 0.01)).toBe(0.05);
    expect(percentOption({ p: "0.5%" }, "p", 0.01)).toBe(0.005);
    expect(percentOption({}, "p", 0.01)).toBe(0.01);
    for (const bad of ["101", "-1", "lots"]) expect(usage(() => percentOption({ p: bad }, "p", 0)).message).toContain(`--p: "${bad}"`);
  });

  it("calendar dates and ISO instants are accepted; impossible dates are not", () => {
    expect(dateOption({ from: "2016-02-29" }, "from")).toBe("2016-02-29");
    expect(dateOption({ from: "2024-03-01T09:00:00Z" }, "from")).toBe("2024-03-01T09:00:00Z");
    expect(dateOption({ from: "2024-03-01T09:00+01:00" }, "from")).toBe("2024-03-01T09:00+01:00");
    for (const bad of ["2016-13-45", "2015-02-29", "2024-03-01T25:00Z", "yesterday", "1/2/2024"]) {
      expect(usage(() => dateOption({ from: bad }, "from")).message).toContain(`--from: "${bad}" is not a date`);
    }
  });

  it("an instant needs its time of day", () => {
    expect(instantOption({ now: "2024-03-01T09:00:00Z" }, "now", 0)).toBe(Date.UTC(2024, 2, 1, 9));
    expect(usage(() => instantOption({ now: "2024-03-01" }, "now", 0)).message).toContain("is not an ISO instant");
  });

  it("an enum option takes only its choices, and a list option only lists of them", () => {
    expect(enumOption({ g: "week" }, "g", ["day", "week"])).toBe("week");
    expect(usage(() => enumOption({ g: "year" }, "g", ["day", "week"])).message).toBe('--g: "year" is not one of day, week');
    expect(enumListOption({ format: "html, pdf" }, "format", ["html", "xlsx", "pdf"])).toEqual(["html", "pdf"]);
    expect(usage(() => enumListOption({ format: "html,docx" }, "format", ["html", "xlsx", "pdf"])).message).toBe('--format: "docx" is not one of html, xlsx, pdf');
  });

  it("a time zone must be an IANA zone", () => {
    expect(timeZoneOption({ tz: "Europe/Zurich" }, "tz")).toBe("Europe/Zurich");
    expect(usage(() => timeZoneOption({ tz: "Mars/Olympus" }, "tz")).message).toContain('--tz: "Mars/Olympus" is not an IANA time zone');
  });
});
