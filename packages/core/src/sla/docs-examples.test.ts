import { describe, expect, it } from "vitest";
import { compileCalendarOrThrow } from "./calendar";
import { compileSlaConfigOrThrow, type SlaConfig } from "./config";
import { builtinMetrics, defaultMetrics } from "./metric";
import type { SlaPolicy } from "./policy";
import { slaStatus, type SlaStatus } from "./status";
import { customer, hours, min, opened, priority, reopened, reply, status } from "./test-history";

// The worked examples of docs/sla.md ("Worked examples: the SLA clock"); keep both in step.

const madrid = compileCalendarOrThrow({
  timeZone: "Europe/Madrid",
  hours: { mon: [["09:00", "18:00"]], tue: [["09:00", "18:00"]], wed: [["09:00", "18:00"]], thu: [["09:00", "18:00"]], fri: [["09:00", "18:00"]] },
  holidays: ["01-06", "12-25"],
});
const standard: SlaPolicy = {
  id: "standard",
  calendarId: "madrid",
  targets: {
    "first-response": { normal: 240, high: 120 },
    "next-response": { normal: 240, high: 120 },
    resolution: { normal: 960, high: 480 },
  },
  thresholds: [
    { id: "warn-75", kind: "warning", at: { percent: 75 } },
    { id: "level-2", kind: "escalation", level: 2, at: { offsetMinutes: 60 } },
  ],
};
const config = (extra: Partial<SlaConfig> = {}) => compileSlaConfigOrThrow({ policies: [standard], calendars: { madrid }, ...extra });
const at = (iso: string): number => Date.parse(iso);
const cycle = (s: SlaStatus, metric: string, n = 1) => s.cycles.find((c) => c.metric === metric && c.cycle === n);

describe("docs/sla.md worked examples", () => {
  it("a due date across a weekend and a holiday", () => {
    const h = [opened(at("2025-01-03T16:30:00+01:00")), customer(at("2025-01-03T16:30:00+01:00"))];
    const s = slaStatus(h, config(), at("2025-01-07T10:00:00+01:00"));
    expect(cycle(s, "first-response")).toMatchObject({
      state: "running",
      elapsedMs: hours(2.5),
      remainingMs: hours(1.5),
      due: at("2025-01-07T11:30:00+01:00"),
      thresholds: [
        { id: "warn-75", at: at("2025-01-07T10:30:00+01:00"), crossed: false },
        { id: "level-2", at: at("2025-01-07T12:30:00+01:00"), crossed: false },
      ],
    });
    expect(s.nextDeadline).toBe(at("2025-01-07T10:30:00+01:00"));
  });

  it("a pause", () => {
    const h = [
      opened(at("2025-01-13T09:00:00+01:00")),
      reply(at("2025-01-13T09:20:00+01:00")),
      status(at("2025-01-13T10:00:00+01:00"), "open", "pending-customer"),
      customer(at("2025-01-15T11:00:00+01:00")),
      status(at("2025-01-15T11:00:00+01:00"), "pending-customer", "open"),
    ];
    const s = slaStatus(h, config(), at("2025-01-15T12:00:00+01:00"));
    expect(cycle(s, "resolution")).toMatchObject({ state: "running", elapsedMs: hours(2), due: at("2025-01-16T17:00:00+01:00") });
    expect(cycle(s, "resolution")?.explanation.pauses).toEqual([
      { reason: "waiting-for-customer", from: at("2025-01-13T10:00:00+01:00"), to: at("2025-01-15T11:00:00+01:00") },
    ]);
    expect(cycle(s, "next-response")).toMatchObject({ state: "running", startedAt: at("2025-01-15T11:00:00+01:00"), due: at("2025-01-15T15:00:00+01:00") });
    const unpaused = slaStatus(h.slice(0, 2), config(), at("2025-01-13T12:00:00+01:00"));
    expect(cycle(unpaused, "resolution")?.due).toBe(at("2025-01-14T16:00:00+01:00"));
  });

  it("a reopen", () => {
    const h = [
      opened(at("2025-01-13T09:00:00+01:00")),
      reply(at("2025-01-13T09:30:00+01:00")),
      status(at("2025-01-13T13:00:00+01:00"), "open", "resolved"),
      customer(at("2025-01-16T10:00:00+01:00")),
      reopened(at("2025-01-16T10:00:00+01:00")),
    ];
    const now = at("2025-01-16T11:00:00+01:00");
    const resumed = cycle(slaStatus(h, config(), now), "resolution");
    expect(resumed).toMatchObject({ cycle: 1, state: "running", elapsedMs: hours(5), due: at("2025-01-17T13:00:00+01:00") });
    expect(resumed?.explanation.pauses).toEqual([{ reason: "resolved", from: at("2025-01-13T13:00:00+01:00"), to: at("2025-01-16T10:00:00+01:00") }]);
    const metrics = defaultMetrics.map((m) => (m.id === "resolution" ? { ...builtinMetrics.resolution, onReopen: "new-cycle" as const } : m));
    const fresh = slaStatus(h, config({ metrics }), now);
    expect(cycle(fresh, "resolution", 1)).toMatchObject({ state: "met", elapsedMs: hours(4) });
    expect(cycle(fresh, "resolution", 2)).toMatchObject({ state: "running", elapsedMs: hours(1), due: at("2025-01-17T17:00:00+01:00") });
    expect(cycle(fresh, "next-response")).toMatchObject({ startedAt: at("2025-01-16T10:00:00+01:00"), due: at("2025-01-16T14:00:00+01:00") });
  });

  it("a priority change", () => {
    const open = opened(at("2025-01-13T09:00:00+01:00"));
    const early = [open, priority(at("2025-01-13T15:00:00+01:00"), "normal", "high")];
    expect(cycle(slaStatus(early, config(), at("2025-01-13T16:00:00+01:00")), "resolution")).toMatchObject({
      elapsedMs: hours(7),
      targetMs: hours(8),
      remainingMs: hours(1),
      due: at("2025-01-13T17:00:00+01:00"),
    });
    const late = [open, priority(at("2025-01-14T10:00:00+01:00"), "normal", "high")];
    const now = at("2025-01-14T11:00:00+01:00");
    expect(cycle(slaStatus(late, config(), now), "resolution")).toMatchObject({ state: "breached", elapsedMs: hours(11), breachedAt: at("2025-01-14T10:00:00+01:00") });
    expect(cycle(slaStatus(late, config({ retarget: "retroactive" }), now), "resolution")).toMatchObject({
      state: "breached",
      breachedAt: at("2025-01-13T17:00:00+01:00"),
    });
  });

  it("a customer message alone does not answer anything: first response keeps running", () => {
    const s = slaStatus([opened(at("2025-01-13T09:00:00+01:00")), customer(at("2025-01-13T09:05:00+01:00"))], config(), at("2025-01-13T09:05:00+01:00") + min(1));
    expect(cycle(s, "first-response")?.state).toBe("running");
  });
});
