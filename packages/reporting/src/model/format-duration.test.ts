import { describe, expect, it } from "vitest";
import { formatDurationMinutes } from "./format-duration";

describe("formatDurationMinutes", () => {
  it("shows hours and zero-padded minutes", () => expect(formatDurationMinutes(125)).toBe("2h 05m"));
  it("shows minutes alone under an hour", () => expect(formatDurationMinutes(45)).toBe("45m"));
  it("rounds to whole minutes", () => expect(formatDurationMinutes(59.6)).toBe("1h 00m"));
  it("keeps hours up to 48 hours", () => expect(formatDurationMinutes(26 * 60 + 5)).toBe("26h 05m"));
  it("shows days from 48 hours on", () => {
    expect(formatDurationMinutes(48 * 60)).toBe("2d 00h 00m");
    expect(formatDurationMinutes(1773 * 60 + 41)).toBe("73d 21h 41m");
    expect(formatDurationMinutes(-(50 * 60 + 1))).toBe("-2d 02h 01m");
  });
  it("signs negative durations", () => expect(formatDurationMinutes(-90)).toBe("-1h 30m"));
  it("never shows minus zero", () => expect(formatDurationMinutes(-0.2)).toBe("0m"));
});
