import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileTimeFormat } from "../../src/import/time-format";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

describe("compileTimeFormat", () => {
  it("reads every real calendar date and refuses the ones the calendar lacks, the same on every reading", () => {
    const parse = compileTimeFormat("D/M/YYYY HH:mm:ss", "UTC");
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }),
        (y, mo, d, h, mi, s) => {
          const text = `${d}/${mo}/${y} ${pad(h)}:${pad(mi)}:${pad(s)}`;
          const utc = Date.UTC(y, mo - 1, d, h, mi, s);
          // The reference: a date is real when Date.UTC does not roll it over into the next month.
          const real = new Date(utc).getUTCDate() === d;
          expect(parse(text)).toBe(real ? utc : undefined);
          expect(parse(text)).toBe(real ? utc : undefined); // remembered answers equal fresh ones
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("knows leap years, out-of-range fields and fixed or named zones", () => {
    const utc = compileTimeFormat("YYYY-MM-DD HH:mm", "UTC");
    expect(utc("2016-02-29 01:16")).toBe(Date.UTC(2016, 1, 29, 1, 16));
    expect(utc("2000-02-29 00:00")).toBe(Date.UTC(2000, 1, 29));
    expect(utc("1900-02-29 00:00")).toBeUndefined();
    expect(utc("2015-02-29 00:00")).toBeUndefined();
    expect(utc("2015-04-31 00:00")).toBeUndefined();
    expect(utc("2015-13-01 00:00")).toBeUndefined();
    expect(utc("2015-01-01 24:00")).toBeUndefined();
    expect(utc("2015-01-01 10:60")).toBeUndefined();
    expect(utc("2015-01-01T10:00")).toBeUndefined();
    expect(compileTimeFormat("YYYY-MM-DD HH:mm", "+02:00")("2016-06-01 12:00")).toBe(Date.UTC(2016, 5, 1, 10));
    expect(compileTimeFormat("YYYY-MM-DD HH:mm", "Europe/Rome")("2016-01-15 12:00")).toBe(Date.UTC(2016, 0, 15, 11));
    expect(compileTimeFormat("YYYY-MM-DD HH:mm:ss.SSS", "UTC")("2016-01-15 12:00:01.250")).toBe(Date.UTC(2016, 0, 15, 12, 0, 1, 250));
    expect(compileTimeFormat("iso", "UTC")("2016-01-15T12:00:00+01:00")).toBe(Date.UTC(2016, 0, 15, 11));
    expect(() => compileTimeFormat("HH:mm", "UTC")).toThrow(/needs YYYY, M and D/);
  });
});
