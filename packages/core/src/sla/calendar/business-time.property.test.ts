import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBusinessTime, elapsedBusinessTime, nextOpening, subtractBusinessTime } from "./business-time";
import { compileCalendarOrThrow, type CompiledCalendar } from "./compiled-calendar";
import type { CalendarDefinition } from "./definition";

const MIN = 60_000;
const zones = ["UTC", "Europe/Madrid", "America/New_York", "Australia/Lord_Howe"] as const;
const from2020 = Date.parse("2020-01-01T00:00:00Z");
const to2030 = Date.parse("2030-01-01T00:00:00Z");

const hhmm = (quarters: number): string =>
  `${String(Math.floor(quarters / 4)).padStart(2, "0")}:${String((quarters % 4) * 15).padStart(2, "0")}`;

/** One day's periods: up to three, any of which may run overnight or end at 24:00. */
const dayHours = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 })).map(([o, c]) => [hhmm(o), hhmm(c)] as [string, string]),
  { maxLength: 3 },
);

const definition: fc.Arbitrary<CalendarDefinition> = fc
  .record({
    timeZone: fc.constantFrom(...zones),
    days: fc.array(dayHours, { minLength: 7, maxLength: 7 }),
    holidays: fc.array(fc.integer({ min: 0, max: 364 }), { maxLength: 8 }),
    breaks: fc.array(fc.tuple(fc.integer({ min: from2020, max: to2030 }), fc.integer({ min: 0, max: 3 * 86_400_000 })), { maxLength: 4 }),
  })
  .filter((r) => r.days.some((d) => d.length > 0))
  .map((r) => {
    const [mon, tue, wed, thu, fri, sat, sun] = r.days;
    return {
      timeZone: r.timeZone,
      hours: { mon, tue, wed, thu, fri, sat, sun } as CalendarDefinition["hours"],
      holidays: r.holidays.map((d) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(5, 10)),
      breaks: r.breaks.map(([from, len]) => [from, from + len] as [number, number]),
    };
  });

const instant = fc.integer({ min: from2020, max: to2030 });
const amount = fc.integer({ min: 1, max: 200 * 24 * 60 }).map((m) => m * MIN);
const compile = (def: CalendarDefinition): CompiledCalendar => compileCalendarOrThrow(def);
const runs = { numRuns: 150 };

describe("business-time invariants", () => {
  it("elapsed from a start to its due date is the amount added", () => {
    fc.assert(fc.property(definition, instant, amount, (def, t, ms) => {
      const cal = compile(def);
      expect(elapsedBusinessTime(cal, t, addBusinessTime(cal, t, ms))).toBe(ms);
    }), runs);
  });
  it("elapsed from a subtracted instant back to the start is the amount subtracted", () => {
    fc.assert(fc.property(definition, instant, amount, (def, t, ms) => {
      const cal = compile(def);
      expect(elapsedBusinessTime(cal, subtractBusinessTime(cal, t, ms), t)).toBe(ms);
    }), runs);
  });
  it("elapsed is additive over consecutive intervals", () => {
    fc.assert(fc.property(definition, instant, instant, instant, (def, a, b, c) => {
      const cal = compile(def);
      expect(elapsedBusinessTime(cal, a, b) + elapsedBusinessTime(cal, b, c)).toBe(elapsedBusinessTime(cal, a, c));
    }), runs);
  });
  it("elapsed is antisymmetric", () => {
    fc.assert(fc.property(definition, instant, instant, (def, a, b) => {
      const cal = compile(def);
      expect(elapsedBusinessTime(cal, a, b) + elapsedBusinessTime(cal, b, a)).toBe(0);
    }), runs);
  });
  it("a due date never moves earlier when the amount grows", () => {
    fc.assert(fc.property(definition, instant, amount, amount, (def, t, x, y) => {
      const cal = compile(def);
      expect(addBusinessTime(cal, t, Math.min(x, y))).toBeLessThanOrEqual(addBusinessTime(cal, t, Math.max(x, y)));
    }), runs);
  });
  it("a due date is a business instant at or after the start", () => {
    fc.assert(fc.property(definition, instant, amount, (def, t, ms) => {
      const cal = compile(def);
      const due = addBusinessTime(cal, t, ms);
      expect(due).toBeGreaterThan(t);
      expect(nextOpening(cal, due)).toBe(due);
    }), runs);
  });
  it("subtracting then adding the same amount returns to the next business instant of the start", () => {
    fc.assert(fc.property(definition, instant, amount, (def, t, ms) => {
      const cal = compile(def);
      expect(addBusinessTime(cal, subtractBusinessTime(cal, t, ms), ms)).toBe(nextOpening(cal, t));
    }), runs);
  });
  it("a break never counts: elapsed loses exactly the business time the break covers", () => {
    fc.assert(fc.property(definition, instant, instant, instant, fc.integer({ min: 1, max: 5 * 86_400_000 }), (def, a0, b0, from, len) => {
      const [a, b] = a0 <= b0 ? [a0, b0] : [b0, a0];
      const open = compile({ ...def, breaks: [] });
      const paused = compile({ ...def, breaks: [[from, from + len]] });
      const lo = Math.max(a, from);
      const hi = Math.min(b, from + len);
      const covered = hi > lo ? elapsedBusinessTime(open, lo, hi) : 0;
      expect(elapsedBusinessTime(paused, a, b)).toBe(elapsedBusinessTime(open, a, b) - covered);
    }), runs);
  });
  it("nothing inside a break is a business instant", () => {
    fc.assert(fc.property(definition, instant, fc.integer({ min: 1, max: 86_400_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (def, from, len, f) => {
      const cal = compile({ ...def, breaks: [[from, from + len]] });
      const inside = from + Math.floor(f * (len - 1));
      expect(nextOpening(cal, inside)).toBeGreaterThanOrEqual(from + len);
    }), runs);
  });
});
