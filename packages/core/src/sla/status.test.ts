import { describe, expect, it } from "vitest";
import { compileCalendarOrThrow } from "./calendar";
import { compileSlaConfigOrThrow } from "./config";
import { explainSla } from "./explain";
import type { SlaPolicy } from "./policy";
import { slaStatus } from "./status";
import { hours, min, opened, reply, status } from "./test-history";

const madrid = compileCalendarOrThrow({
  timeZone: "Europe/Madrid",
  hours: { mon: [["09:00", "18:00"]], tue: [["09:00", "18:00"]], wed: [["09:00", "18:00"]], thu: [["09:00", "18:00"]], fri: [["09:00", "18:00"]] },
  holidays: ["01-06"],
});
const T = Date.UTC(2025, 0, 6, 9, 0);
const first = (s: ReturnType<typeof slaStatus>) => s.cycles.find((c) => c.metric === "first-response");

const calendarTime = (thresholds: SlaPolicy["thresholds"] = []): SlaPolicy => ({
  id: "p",
  time: "calendar",
  targets: { "first-response": { normal: 60 }, resolution: { normal: 240 } },
  thresholds,
});

describe("slaStatus", () => {
  it("breachedAt is the exact business instant the target was passed", () => {
    const business: SlaPolicy = { id: "b", calendarId: "madrid", targets: { "first-response": { normal: 120 } } };
    const fri17 = Date.parse("2025-01-10T17:00:00+01:00");
    const s = slaStatus([opened(fri17)], [business], { madrid }, Date.parse("2025-01-13T11:00:00+01:00"));
    expect(first(s)).toMatchObject({ state: "breached", breachedAt: Date.parse("2025-01-13T10:00:00+01:00"), elapsedMs: hours(3) });
  });

  it("a reply exactly at the due instant meets the target", () => {
    const s = slaStatus([opened(T), reply(T + min(60))], [calendarTime()], {}, T + hours(2));
    expect(first(s)).toMatchObject({ state: "met", remainingMs: 0, breachedAt: null });
  });

  it("a running clock past its due instant is breached", () => {
    expect(first(slaStatus([opened(T)], [calendarTime()], {}, T + min(61)))).toMatchObject({ state: "breached", breachedAt: T + min(60), due: T + min(60) });
  });

  it("a metric without a target has no due instant and never breaches", () => {
    const s = slaStatus([opened(T)], [calendarTime()], {}, T + hours(100));
    expect(s.cycles.find((c) => c.metric === "next-response")).toBeUndefined();
    const none = slaStatus([opened(T)], [], {}, T + hours(100));
    expect(first(none)).toMatchObject({ state: "running", targetMs: null, due: null, elapsedMs: hours(100) });
  });

  it("events after now are ignored", () => {
    expect(first(slaStatus([opened(T), reply(T + min(30))], [calendarTime()], {}, T + min(10)))?.state).toBe("running");
  });

  it("the next deadline is the earliest future due instant or threshold", () => {
    const s = slaStatus([opened(T)], [calendarTime([{ id: "w", kind: "warning", at: { percent: 75 } }])], {}, T + min(10));
    expect(s.nextDeadline).toBe(T + min(45));
  });

  it("the next deadline is null when no clock runs", () => {
    const s = slaStatus([opened(T), reply(T + min(5)), status(T + min(6), "open", "resolved")], [calendarTime()], {}, T + min(10));
    expect(s.nextDeadline).toBeNull();
  });

  it("the explanation names the policy, the calendar and each pause", () => {
    const h = [opened(T), status(T + min(5), "new", "pending-customer"), status(T + min(25), "pending-customer", "open")];
    const lines = explainSla(slaStatus(h, [calendarTime()], {}, T + min(30)));
    expect(lines[1]).toContain("policy p (always)");
    expect(lines[1]).toContain("calendar time (24×7)");
    expect(lines[1]).toContain("waiting-for-customer 2025-01-06T09:05:00.000Z → 2025-01-06T09:25:00.000Z");
  });
});

describe("thresholds", () => {
  it("a percentage threshold is crossed at that share of the target", () => {
    const s = slaStatus([opened(T)], [calendarTime([{ id: "w75", kind: "warning", at: { percent: 75 } }])], {}, T + min(50));
    expect(first(s)?.thresholds).toEqual([{ id: "w75", kind: "warning", level: null, at: T + min(45), crossed: true }]);
  });

  it("a negative offset fires before the due instant", () => {
    const s = slaStatus([opened(T)], [calendarTime([{ id: "r", kind: "warning", at: { offsetMinutes: -10 } }])], {}, T + min(20));
    expect(first(s)?.thresholds[0]).toMatchObject({ at: T + min(50), crossed: false });
  });

  it("a positive offset escalates after the breach and stays the next deadline", () => {
    const l2 = { id: "l2", kind: "escalation" as const, level: 2, at: { offsetMinutes: 30 }, metrics: ["first-response"] };
    const s = slaStatus([opened(T)], [calendarTime([l2])], {}, T + min(70));
    expect(first(s)?.thresholds[0]).toMatchObject({ level: 2, at: T + min(90), crossed: false });
    expect(s.nextDeadline).toBe(T + min(90));
  });

  it("a threshold limited to one metric leaves the others alone", () => {
    const s = slaStatus([opened(T)], [calendarTime([{ id: "w", kind: "warning", at: { percent: 50 }, metrics: ["resolution"] }])], {}, T);
    expect(first(s)?.thresholds).toEqual([]);
  });

  it("thresholds count business time", () => {
    const p: SlaPolicy = { id: "b", calendarId: "madrid", targets: { resolution: { normal: 540 } }, thresholds: [{ id: "h", kind: "warning", at: { percent: 50 } }] };
    const fri17 = Date.parse("2025-01-10T17:00:00+01:00");
    const s = slaStatus([opened(fri17)], [p], { madrid }, fri17);
    // 4h30 of business time: Fri 17:00–18:00 (1h), then Mon 09:00 + 3h30.
    expect(s.cycles.find((c) => c.metric === "resolution")?.thresholds[0]?.at).toBe(Date.parse("2025-01-13T12:30:00+01:00"));
  });

  it("a paused clock projects no threshold", () => {
    const h = [opened(T), status(T + min(5), "new", "pending-customer")];
    const s = slaStatus(h, [calendarTime([{ id: "w", kind: "warning", at: { percent: 50 } }])], {}, T + min(10));
    expect(s.cycles.find((c) => c.metric === "resolution")?.thresholds[0]).toMatchObject({ at: null, crossed: false });
  });

  it("the compiled form gives the same status as policies and calendars", () => {
    const h = [opened(T), reply(T + min(30))];
    const compiled = compileSlaConfigOrThrow({ policies: [calendarTime()] });
    expect(slaStatus(h, compiled, T + hours(1))).toEqual(slaStatus(h, [calendarTime()], {}, T + hours(1)));
  });
});
