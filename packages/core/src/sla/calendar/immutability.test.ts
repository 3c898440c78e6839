import { describe, expect, it } from "vitest";
import { addBusinessTime, elapsedBusinessTime, nextOpening, subtractBusinessTime } from "./business-time";
import { compileCalendarOrThrow } from "./compiled-calendar";
import type { CalendarDefinition } from "./definition";

const deepFreeze = <T>(value: T): T => {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};

const definition = (): CalendarDefinition => ({
  timeZone: "Europe/Madrid",
  hours: { mon: [["22:00", "06:00"]], tue: [["09:00", "14:00"], ["15:00", "18:00"]], fri: [["09:00", "24:00"]] },
  holidays: ["12-25", "2025-04-18"],
  overrides: { "2025-12-24": [["09:00", "13:00"]], "12-31": [] },
  breaks: [["2025-06-03T10:00:00Z", "2025-06-03T11:00:00Z"], [1_750_000_000_000, 1_750_003_600_000]],
});

describe("calendar inputs", () => {
  it("compiling and querying never mutate the definition or the options", () => {
    const def = deepFreeze(definition());
    const options = deepFreeze({ endAtClose: "stay" as const });
    const cal = compileCalendarOrThrow(def, options);
    const t = Date.parse("2025-06-02T12:00:00Z");
    addBusinessTime(cal, t, 40 * 3_600_000);
    subtractBusinessTime(cal, t, 40 * 3_600_000);
    elapsedBusinessTime(cal, t, t + 90 * 86_400_000);
    nextOpening(cal, t);
    expect(def).toEqual(definition());
    expect(options).toEqual({ endAtClose: "stay" });
  });
  it("the compiled calendar keeps the definition it was given", () => {
    const def = definition();
    expect(compileCalendarOrThrow(def).definition).toEqual(def);
  });
});
