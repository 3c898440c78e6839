import { describe, expect, it } from "vitest";
import type { CalendarId, RuleId, ServiceId } from "../ids/ids";
import { compileCalendarOrThrow, compileSlaConfigOrThrow } from "../sla";
import { customer, hours, min, opened, reply } from "../sla/test-history";
import { fold } from "../ticket/evolve";
import type { Ticket } from "../ticket/schema";
import { dueEscalations, pendingEscalations } from "./ladder";
import type { EscalationRule } from "./rule";
import { businessClockOf, slaThresholdsOf } from "./sla-adapters";

const T0 = Date.UTC(2025, 0, 6, 9); // a Monday, 09:00 UTC
const compiled = compileSlaConfigOrThrow({
  policies: [{ id: "std", time: "calendar", targets: { resolution: { normal: 120 } }, thresholds: [{ id: "warn", kind: "warning", at: { percent: 50 } }] }],
});
const rule: EscalationRule = {
  id: "near-breach" as RuleId,
  serviceId: "svc-support" as ServiceId,
  name: "Near breach",
  enabled: true,
  condition: { kind: "sla-threshold", metric: "resolution", threshold: "warning" },
  levels: [
    { level: 1, actions: [{ kind: "notify-lead" }] },
    { level: 2, threshold: "breach", actions: [{ kind: "raise-priority" }] },
  ],
};

describe("slaThresholdsOf", () => {
  it("places the warning and breach levels where the SLA engine puts them", () => {
    const h = [opened(T0)];
    const slaThreshold = slaThresholdsOf(compiled);
    expect(pendingEscalations(fold(h) as Ticket, h, [rule], T0, { slaThreshold }).map((l) => [l.level, l.dueAt, l.armedAt])).toEqual([
      [1, T0 + min(60), T0],
      [2, T0 + min(120), T0],
    ]);
  });
  it("fires nothing once the metric is stopped", () => {
    const h = [opened(T0), customer(T0 + min(1)), reply(T0 + min(2)), { type: "StatusChanged" as const, at: T0 + min(3), by: { kind: "system" as const, name: "x" }, from: "new" as const, to: "resolved" as const, reason: null }];
    const slaThreshold = slaThresholdsOf(compiled);
    const anyStatus: EscalationRule = { ...rule, condition: { ...rule.condition, statuses: ["new", "open", "resolved"] } };
    expect(dueEscalations(fold(h) as Ticket, h, [anyStatus], T0 + hours(5), { slaThreshold })).toEqual([]);
  });
});

describe("businessClockOf", () => {
  it("adds business time in the named calendar", () => {
    const office = compileCalendarOrThrow({ timeZone: "UTC", hours: { mon: [["09:00", "10:00"]], tue: [["09:00", "10:00"]] } });
    const clock = businessClockOf({ office });
    expect(clock.addBusiness("office" as CalendarId, T0 + min(30), min(60))).toBe(T0 + hours(24) + min(30));
  });
  it("refuses an unknown calendar", () => {
    expect(() => businessClockOf(new Map()).addBusiness("nope" as CalendarId, T0, 1)).toThrow(/unknown calendar/);
  });
});
