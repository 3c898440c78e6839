import { describe, expect, it } from "vitest";
import { compileSlaConfigOrThrow } from "./config";
import { builtinMetrics, compileConditions, defaultMetrics, type MetricDefinition } from "./metric";
import type { SlaPolicy } from "./policy";
import { slaStatus } from "./status";
import { autoReply, customer, hours, min, note, opened, reopened, reply, status } from "./test-history";

const T = Date.UTC(2025, 0, 6, 9, 0);
const policy: SlaPolicy = {
  id: "std",
  time: "calendar",
  targets: {
    "first-response": { normal: 60 },
    "next-response": { normal: 120 },
    "periodic-update": { normal: 240 },
    resolution: { normal: 480 },
  },
};
const config = (metrics: ReadonlyArray<MetricDefinition> = defaultMetrics) => {
  const ids = new Set(metrics.map((m) => m.id));
  const targets = Object.fromEntries(Object.entries(policy.targets).filter(([m]) => ids.has(m)));
  return compileSlaConfigOrThrow({ policies: [{ ...policy, targets }], metrics });
};
const cyclesOf = (history: Parameters<typeof slaStatus>[0], now: number, metric: string, metrics?: ReadonlyArray<MetricDefinition>) =>
  slaStatus(history, config(metrics), now).cycles.filter((c) => c.metric === metric);

describe("built-in metrics", () => {
  it("first response stops at the first public agent reply", () => {
    const [c] = cyclesOf([opened(T), customer(T), reply(T + min(20))], T + hours(5), "first-response");
    expect(c).toMatchObject({ state: "met", stoppedAt: T + min(20), elapsedMs: min(20) });
  });

  it("an internal note never stops first response", () => {
    const [c] = cyclesOf([opened(T), note(T + min(10))], T + min(30), "first-response");
    expect(c).toMatchObject({ state: "running", elapsedMs: min(30), due: T + min(60) });
  });

  it("an automatic reply never stops first response", () => {
    const [c] = cyclesOf([opened(T), autoReply(T + min(1))], T + min(30), "first-response");
    expect(c?.state).toBe("running");
  });

  it("first response runs once: later replies open no second cycle", () => {
    const cs = cyclesOf([opened(T), reply(T + min(5)), customer(T + min(10)), reply(T + min(15))], T + hours(1), "first-response");
    expect(cs).toHaveLength(1);
  });

  it("next response does not run before the first agent reply", () => {
    const cs = cyclesOf([opened(T), customer(T), customer(T + min(5))], T + hours(1), "next-response");
    expect(cs).toHaveLength(0);
  });

  it("next response runs from the oldest unanswered customer message to the next reply", () => {
    const h = [opened(T), customer(T), reply(T + min(10)), customer(T + min(30)), customer(T + min(50)), reply(T + min(90))];
    const cs = cyclesOf(h, T + hours(3), "next-response");
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ startedAt: T + min(30), stoppedAt: T + min(90), elapsedMs: min(60), state: "met" });
  });

  it("an automatic customer message never starts next response", () => {
    const cs = cyclesOf([opened(T), customer(T), reply(T + min(10)), customer(T + min(30), true)], T + hours(3), "next-response");
    expect(cs).toHaveLength(0);
  });

  it("periodic update starts a new cycle at each public agent reply", () => {
    const h = [opened(T), reply(T + min(10)), reply(T + min(70)), reply(T + min(100))];
    const cs = cyclesOf(h, T + min(130), "periodic-update");
    expect(cs.map((c) => [c.cycle, c.state, c.elapsedMs])).toEqual([
      [1, "met", min(60)],
      [2, "met", min(30)],
      [3, "running", min(30)],
    ]);
  });

  it("resolution pauses while pending and resumes when the ticket is open again", () => {
    const h = [opened(T), status(T + min(30), "new", "pending-customer"), status(T + min(90), "pending-customer", "open")];
    const [c] = cyclesOf(h, T + min(120), "resolution");
    expect(c).toMatchObject({ state: "running", elapsedMs: min(60), due: T + min(90) + min(450) });
    expect(c?.explanation.pauses).toEqual([{ reason: "waiting-for-customer", from: T + min(30), to: T + min(90) }]);
  });

  it("resolution reads paused while the ticket waits for a third party", () => {
    const [c] = cyclesOf([opened(T), status(T + min(30), "new", "pending-third-party")], T + min(120), "resolution");
    expect(c).toMatchObject({ state: "paused", elapsedMs: min(30), due: null, remainingMs: min(450) });
  });

  it("resolution stops at resolved", () => {
    const [c] = cyclesOf([opened(T), status(T + min(45), "new", "resolved")], T + hours(20), "resolution");
    expect(c).toMatchObject({ state: "met", elapsedMs: min(45), stoppedAt: T + min(45) });
  });

  it("a reopened ticket resumes its resolution clock", () => {
    const h = [opened(T), status(T + min(45), "new", "resolved"), reopened(T + hours(5))];
    const cs = cyclesOf(h, T + hours(5) + min(15), "resolution");
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ state: "running", elapsedMs: min(60), stoppedAt: null });
    expect(cs[0]?.explanation.pauses).toEqual([{ reason: "resolved", from: T + min(45), to: T + hours(5) }]);
  });

  it("with onReopen new-cycle a reopen starts a second resolution cycle", () => {
    const metrics = [{ ...builtinMetrics.resolution, onReopen: "new-cycle" as const }];
    const h = [opened(T), status(T + min(45), "new", "resolved"), reopened(T + hours(5))];
    const cs = cyclesOf(h, T + hours(5) + min(15), "resolution", metrics);
    expect(cs.map((c) => [c.cycle, c.state, c.elapsedMs])).toEqual([
      [1, "met", min(45)],
      [2, "running", min(15)],
    ]);
  });

  it("a customer message on a resolved ticket starts next response at the reopen", () => {
    const h = [opened(T), customer(T), reply(T + min(5)), status(T + min(10), "open", "resolved"), customer(T + hours(2)), reopened(T + hours(2))];
    const cs = cyclesOf(h, T + hours(3), "next-response");
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ startedAt: T + hours(2), state: "running", elapsedMs: hours(1) });
  });

  it("a customer message on a resolved ticket that is never reopened starts nothing", () => {
    const h = [opened(T), customer(T), reply(T + min(5)), status(T + min(10), "open", "resolved"), customer(T + hours(2))];
    expect(cyclesOf(h, T + hours(3), "next-response")).toHaveLength(0);
  });

  it("each metric pauses only for the reasons it declares", () => {
    const metrics = [{ ...builtinMetrics.periodicUpdate, pausedBy: ["waiting-for-customer" as const] }, builtinMetrics.resolution];
    const targets = { "periodic-update": { normal: 240 }, resolution: { normal: 480 } };
    const c = compileSlaConfigOrThrow({ policies: [{ id: "p", time: "calendar", targets }], metrics });
    const h = [opened(T), reply(T), status(T + min(10), "new", "pending-third-party")];
    const s = slaStatus(h, c, T + min(40));
    expect(s.cycles.map((x) => [x.metric, x.state, x.elapsedMs])).toEqual([
      ["periodic-update", "running", min(40)],
      ["resolution", "paused", min(10)],
    ]);
  });

  it("a status can be mapped to another pause reason, such as a change window", () => {
    const metrics = [{ ...builtinMetrics.resolution, pausedBy: ["change-window" as const] }];
    const c = compileSlaConfigOrThrow({ policies: [], metrics, pauseReasons: { "pending-third-party": "change-window" } });
    const [x] = slaStatus([opened(T), status(T + min(10), "new", "pending-third-party")], c, T + min(40)).cycles;
    expect(x?.explanation.pauses).toEqual([{ reason: "change-window", from: T + min(10), to: null }]);
  });

  it("a custom metric counts from the first assignment to resolution", () => {
    const metric: MetricDefinition = {
      id: "time-to-assign",
      name: "Time to assign",
      start: [{ event: "TicketOpened" }],
      stop: [{ event: "Assigned" }],
      pausedBy: [],
      cycles: "once",
      onReopen: "none",
    };
    const assigned = { type: "Assigned", at: T + min(7), by: { kind: "system", name: "router" }, groupId: null, agentId: null, reason: null } as const;
    const [c] = cyclesOf([opened(T), assigned], T + hours(1), "time-to-assign", [metric]);
    expect(c).toMatchObject({ state: "met", elapsedMs: min(7), targetMs: null });
  });
});

describe("event conditions", () => {
  it("a condition holds only when every filter holds", () => {
    const p = compileConditions([{ event: "MessageAdded", kinds: ["reply"], channels: ["chat"] }]);
    const r = reply(T);
    expect([p(r), p({ ...r, channel: "chat" } as typeof r)]).toEqual([false, true]);
  });

  it("a status condition matches the target status or its category", () => {
    const byStatus = compileConditions([{ event: "StatusChanged", toStatuses: ["pending-customer"] }]);
    const byCategory = compileConditions([{ event: "StatusChanged", toCategories: ["pending"] }]);
    const e = status(T, "open", "pending-third-party");
    expect([byStatus(e), byCategory(e)]).toEqual([false, true]);
  });

  it("no conditions never match", () => {
    expect(compileConditions([])(opened(T))).toBe(false);
  });
});
