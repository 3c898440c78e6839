import { describe, expect, it } from "vitest";
import { autoGranularity, localMidnight, resolvePeriod } from "./period-buckets";

describe("period buckets", () => {
  it("a bare date is local midnight in the period's zone", () => {
    expect(new Date(localMidnight(2025, 3, 1, "Europe/Athens")).toISOString()).toBe("2025-02-28T22:00:00.000Z");
  });

  it("a bare `to` date includes its whole day", () => {
    const p = resolvePeriod({ from: "2025-03-01", to: "2025-03-01", timeZone: "UTC" }, false);
    expect(p.to - p.from).toBe(86_400_000);
  });

  it("days across a DST change are 23 hours long on the day clocks go forward", () => {
    const { buckets } = resolvePeriod({ from: "2025-03-29", to: "2025-03-31", timeZone: "Europe/Athens", granularity: "day" }, true);
    expect(buckets.map((b) => (b.end - b.start) / 3_600_000)).toEqual([24, 23, 24]);
  });

  it("weeks start on Monday and are clipped to the period", () => {
    const { buckets } = resolvePeriod({ from: "2025-03-01", to: "2025-03-31", timeZone: "UTC", granularity: "week" }, true);
    expect(buckets.map((b) => new Date(b.start).toISOString().slice(0, 10))).toEqual(["2025-03-01", "2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24", "2025-03-31"]);
  });

  it("months follow the calendar in the zone", () => {
    const { buckets } = resolvePeriod({ from: "2025-01-01", to: "2025-03-31", timeZone: "America/New_York", granularity: "month" }, true);
    expect(buckets.map((b) => new Date(b.start).toISOString())).toEqual(["2025-01-01T05:00:00.000Z", "2025-02-01T05:00:00.000Z", "2025-03-01T05:00:00.000Z"]);
  });

  it("a period that ends before it starts is refused", () => {
    expect(() => resolvePeriod({ from: "2025-03-02", to: "2025-03-01T00:00:00Z", timeZone: "UTC" }, false)).toThrow(RangeError);
  });
});

describe("autoGranularity", () => {
  it("shows a month by day, a quarter by week, a year by month", () => {
    expect(autoGranularity({ from: "2025-03-01", to: "2025-03-31", timeZone: "Europe/Athens" })).toBe("day");
    expect(autoGranularity({ from: "2025-01-01", to: "2025-03-31", timeZone: "Europe/Athens" })).toBe("week");
    expect(autoGranularity({ from: "2025-01-01", to: "2025-12-31", timeZone: "Europe/Athens" })).toBe("month");
  });
});
