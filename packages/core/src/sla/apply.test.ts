import { describe, expect, it } from "vitest";
import type { TicketEvent } from "../ticket/events";
import { fold } from "../ticket/evolve";
import { applySla, sweepSla } from "./apply";
import { compileSlaConfigOrThrow } from "./config";
import { min, note, opened, reply } from "./test-history";

const T = Date.UTC(2025, 0, 6, 9, 0);
const config = compileSlaConfigOrThrow({
  policies: [{ id: "p", time: "calendar", targets: { "first-response": { normal: 60 } }, thresholds: [{ id: "w", kind: "warning", at: { percent: 50 } }] }],
});

/** Appends `events` the way the Desk does: history grows, then the SLA hook adds its own events. */
const change = (history: TicketEvent[], events: TicketEvent[], now: number): TicketEvent[] => {
  const before = fold(history);
  const all = [...history, ...events];
  return [...all, ...applySla(before, all, events, config, now)];
};

describe("applySla", () => {
  it("records SlaApplied with the summary and the next deadline when a ticket opens", () => {
    const h = change([], [opened(T)], T);
    const applied = h.find((e) => e.type === "SlaApplied");
    expect(applied).toMatchObject({ policyId: "p", nextDeadline: T + min(30), by: { kind: "system", name: "sla" }, at: T });
    expect(fold(h)?.nextDeadline).toBe(T + min(30));
  });

  it("records nothing when neither the summary nor the deadline changed", () => {
    const h = change([], [opened(T)], T);
    expect(applySla(fold(h), [...h, note(T + min(5))], [note(T + min(5))], config, T + min(5))).toEqual([]);
  });

  it("records a new SlaApplied when a reply stops the clock", () => {
    const h = change(change([], [opened(T)], T), [reply(T + min(10))], T + min(10));
    const last = h.filter((e) => e.type === "SlaApplied").at(-1);
    expect(last).toMatchObject({ nextDeadline: null, summary: { metrics: [{ metric: "first-response", state: "met" }] } });
  });

  it("records a breach once per metric and cycle", () => {
    let h = change([], [opened(T)], T);
    h = change(h, [note(T + min(70))], T + min(70));
    h = change(h, [note(T + min(80))], T + min(80));
    const breaches = h.filter((e) => e.type === "SlaBreached");
    expect(breaches).toEqual([{ type: "SlaBreached", at: T + min(70), by: { kind: "system", name: "sla" }, metric: "first-response", cycle: 1, breachedAt: T + min(60) }]);
  });

  it("a sweep at the next deadline records the breach that happened", () => {
    const h = change([], [opened(T)], T);
    const out = sweepSla(h, config, T + min(61));
    expect(out.map((e) => e.type)).toEqual(["SlaBreached", "SlaApplied"]);
    expect(out[0]).toMatchObject({ breachedAt: T + min(60) });
  });

  it("a sweep before anything is due records nothing", () => {
    const h = change([], [opened(T)], T);
    expect(sweepSla(h, config, T + min(10))).toEqual([]);
  });

  it("running again on a history that holds its own output records nothing", () => {
    let h = change([], [opened(T)], T);
    h = change(h, [note(T + min(70))], T + min(70));
    expect(applySla(fold(h), h, [], config, T + min(70))).toEqual([]);
  });

  it("a change made only of other hooks' bookkeeping still records a breach", () => {
    const h = change([], [opened(T)], T);
    const escalated = { type: "Escalated", at: T + min(61), by: { kind: "system", name: "escalation" }, ruleId: "r", level: 1, reason: "late", actions: [] } as const;
    expect(applySla(fold(h), [...h, escalated], [escalated], config, T + min(61)).map((e) => e.type)).toEqual(["SlaBreached", "SlaApplied"]);
  });

  it("a summary read back with its keys reordered counts as unchanged", () => {
    const h = change([], [opened(T)], T);
    const reverse = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverse) : typeof v === "object" && v !== null ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)])) : v;
    const reordered = h.map((e) => (e.type === "SlaApplied" ? { ...e, summary: reverse(e.summary) } : e));
    expect(Object.keys((reordered.find((e) => e.type === "SlaApplied") as { summary: object }).summary)[0]).toBe("metrics");
    expect(sweepSla(reordered, config, T + min(1))).toEqual([]);
  });
});
