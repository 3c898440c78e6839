import { describe, expect, it } from "vitest";
import type { Column } from "./column";
import { ValueFormatter } from "./value-formatter";

const f = new ValueFormatter("en-GB", "Europe/Athens");
const col = (kind: Column["kind"], extra: Partial<Column> = {}): Column => ({ key: "v", label: "V", kind, ...extra });

describe("ValueFormatter", () => {
  it("shows dates in the report's time zone", () => {
    expect(f.format(col("datetime"), new Date("2025-03-09T22:30:00Z"))).toBe("10 Mar 2025, 00:30");
    expect(f.format(col("date"), "2025-03-09T22:30:00Z")).toBe("10 Mar 2025");
  });

  it("formats percentages from fractions and currencies by code", () => {
    expect(f.format(col("percent"), 0.256)).toBe("25.6%");
    expect(f.format(col("currency", { currency: "USD" }), 1234.5)).toBe("US$1,234.50");
  });

  it("shows missing values as empty and unreadable ones as their text", () => {
    expect(f.format(col("integer"), null)).toBe("");
    expect(f.format(col("integer"), "n/a")).toBe("n/a");
    expect(f.format(col("date"), "someday")).toBe("someday");
  });

  it("reads an exclusive midnight end as the day before", () => {
    expect(f.formatPeriod(new Date("2025-02-28T22:00:00Z"), new Date("2025-03-31T21:00:00Z"))).toBe("1 Mar 2025 – 31 Mar 2025");
  });

  it("shows a single day once", () => {
    expect(f.formatPeriod(new Date("2025-03-02T22:00:00Z"), new Date("2025-03-03T22:00:00Z"))).toBe("3 Mar 2025");
  });

  it("a day whose midnight a DST change skips still starts a day: no times in the period (Havana, Santiago, Cairo)", () => {
    // 8 Mar 2026 in Havana starts at 01:00 local (05:00Z): 00:00 does not exist.
    const havana = new ValueFormatter("en-GB", "America/Havana");
    expect(havana.formatPeriod(new Date("2026-03-08T05:00:00Z"), new Date("2026-03-09T04:00:00Z"))).toBe("8 Mar 2026");
    // Santiago, 6 Sep 2026 (00:00 → 01:00), a week
    const santiago = new ValueFormatter("en-GB", "America/Santiago");
    expect(santiago.formatPeriod(new Date("2026-09-06T04:00:00Z"), new Date("2026-09-13T03:00:00Z"))).toBe("6 Sept 2026 – 12 Sept 2026");
  });

  it("shows times when the period does not fall on midnights", () => {
    expect(f.formatPeriod(new Date("2025-03-03T06:00:00Z"), new Date("2025-03-03T15:00:00Z"))).toBe("3 Mar 2025, 08:00 – 3 Mar 2025, 17:00");
  });
});
