import { describe, expect, it } from "vitest";
import { WallClock } from "./wall-clock";

describe("WallClock", () => {
  const clock = new WallClock("Europe/Madrid");
  it("reads winter time as UTC+1", () => {
    expect(clock.toLocal(new Date("2025-01-15T10:00:00Z")).toISOString()).toBe("2025-01-15T11:00:00.000Z");
  });
  it("switches on the DST change instant, not the hour after", () => {
    expect(clock.toLocal(new Date("2025-03-30T00:59:00Z")).toISOString()).toBe("2025-03-30T01:59:00.000Z");
    expect(clock.toLocal(new Date("2025-03-30T01:00:00Z")).toISOString()).toBe("2025-03-30T03:00:00.000Z");
  });
  it("handles half-hour zones", () => {
    expect(new WallClock("Asia/Kolkata").toLocal(new Date("2025-01-15T10:00:00Z")).toISOString()).toBe("2025-01-15T15:30:00.000Z");
  });
});
