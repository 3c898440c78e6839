import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TicketEvent } from "../ticket/events";
import type { Priority } from "../ticket/schema";
import type { Status } from "../ticket/status";
import { compileCalendarOrThrow } from "./calendar";
import { compileSlaConfigOrThrow, type SlaConfig } from "./config";
import type { SlaPolicy } from "./policy";
import { slaStatus, type SlaStatus } from "./status";
import { customer, fields, min, note, opened, priority, reopened, reply, status } from "./test-history";

const T = Date.UTC(2025, 0, 6, 9, 0);
const madrid = compileCalendarOrThrow({
  timeZone: "Europe/Madrid",
  hours: { mon: [["09:00", "18:00"]], tue: [["09:00", "18:00"]], wed: [["09:00", "14:00"], ["15:00", "19:00"]], thu: [["09:00", "18:00"]], fri: [["09:00", "15:00"]] },
  holidays: ["01-06", "2025-01-09"],
});
const targets = { low: 2000, normal: 900, high: 300, urgent: 60 };
const policies = (time: "business" | "calendar"): ReadonlyArray<SlaPolicy> => [
  {
    id: "hw",
    time,
    calendarId: "madrid",
    all: [{ field: "category", in: ["hw"] }],
    targets: { "first-response": targets, "next-response": targets, "periodic-update": targets, resolution: targets },
    thresholds: [{ id: "w", kind: "warning", at: { percent: 80 } }],
  },
  { id: "std", time, calendarId: "madrid", targets: { "first-response": targets, "next-response": targets, "periodic-update": targets, resolution: targets } },
];
const compiled = (time: "business" | "calendar", extra: Partial<SlaConfig> = {}) =>
  compileSlaConfigOrThrow({ policies: policies(time), calendars: { madrid }, ...extra });

const Op = fc.constantFrom("customer", "reply", "note", "pend-c", "pend-tp", "open", "resolve", "reopen", "low", "urgent", "hw");
type Op = typeof Op extends fc.Arbitrary<infer A> ? A : never;

/** Turns random ops into a valid history (ops the workflow forbids are skipped). */
const build = (steps: ReadonlyArray<readonly [number, Op]>): { history: TicketEvent[]; end: number } => {
  const history: TicketEvent[] = [opened(T)];
  let st = "new" as Status;
  let pr = "normal" as Priority;
  let t = T;
  const move = (to: Status) => {
    history.push(status(t, st, to));
    st = to;
  };
  for (const [gap, op] of steps) {
    t += gap;
    const active = st !== "resolved" && st !== "closed";
    if (op === "customer") history.push(customer(t));
    else if (op === "reply") history.push(reply(t));
    else if (op === "note") history.push(note(t));
    else if (op === "pend-c" && active && st !== "pending-customer") move("pending-customer");
    else if (op === "pend-tp" && active && st !== "pending-third-party") move("pending-third-party");
    else if (op === "open" && (st === "pending-customer" || st === "pending-third-party" || st === "new")) move("open");
    else if (op === "resolve" && active) move("resolved");
    else if (op === "reopen" && st === "resolved") {
      history.push(reopened(t));
      st = "open";
    } else if ((op === "low" || op === "urgent") && pr !== op) {
      history.push(priority(t, pr, op));
      pr = op;
    } else if (op === "hw") history.push(fields(t, { category: "hw" }));
  }
  return { history, end: t };
};

const Steps = fc.array(fc.tuple(fc.integer({ min: 0, max: 600 * 60_000 }), Op), { maxLength: 30 });
const elapsedOf = (s: SlaStatus, metric: string): number => s.cycles.filter((c) => c.metric === metric).reduce((a, c) => a + c.elapsedMs, 0);
const byKey = (s: SlaStatus) => new Map(s.cycles.map((c) => [`${c.metric}#${c.cycle}`, c]));

describe("slaStatus properties", () => {
  it("paused time never counts: pausing for a while removes exactly that time from resolution", () => {
    const config = compiled("calendar");
    const intervals = fc.uniqueArray(fc.integer({ min: 1, max: 2000 }), { minLength: 0, maxLength: 8 }).map((xs) => [...xs].sort((a, b) => a - b));
    fc.assert(
      fc.property(intervals, fc.integer({ min: 0, max: 3000 }), (marks, nowMin) => {
        const base: TicketEvent[] = [opened(T), status(T, "new", "open")];
        const paused: TicketEvent[] = [...base];
        let removed = 0;
        const now = T + min(nowMin);
        for (let i = 0; i + 1 < marks.length; i += 2) {
          const a = T + min(marks[i] as number);
          const b = T + min(marks[i + 1] as number);
          paused.push(status(a, "open", "pending-customer"), status(b, "pending-customer", "open"));
          removed += Math.max(0, Math.min(b, now) - Math.min(a, now));
        }
        const plain = elapsedOf(slaStatus(base, config, now), "resolution");
        expect(elapsedOf(slaStatus(paused, config, now), "resolution")).toBe(plain - removed);
      }),
    );
  });

  it("inserting a pause never increases any metric's elapsed time, in business time too", () => {
    const config = compiled("business");
    fc.assert(
      fc.property(Steps, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 600 }), (steps, at, length) => {
        const { history, end } = build(steps);
        const i = Math.min(at, history.length - 1);
        const before = history.slice(0, i + 1);
        const last = before[before.length - 1] as TicketEvent;
        const stAt = before.reduce<Status>((s, e) => (e.type === "StatusChanged" ? e.to : e.type === "Reopened" ? "open" : s), "new");
        fc.pre(stAt === "open");
        const a = last.at;
        const b = a + min(length);
        fc.pre(history.slice(i + 1).every((e) => e.at >= b && e.type !== "StatusChanged" && e.type !== "Reopened"));
        const withPause = [...before, status(a, "open", "pending-third-party"), status(b, "pending-third-party", "open"), ...history.slice(i + 1)];
        const now = Math.max(end, b) + min(60);
        expect(elapsedOf(slaStatus(withPause, config, now), "resolution")).toBeLessThanOrEqual(elapsedOf(slaStatus(history, config, now), "resolution"));
      }),
      { numRuns: 200 },
    );
  });

  it("a priority change never loses elapsed time", () => {
    const config = compiled("business");
    fc.assert(
      fc.property(Steps, fc.integer({ min: 0, max: 40 }), fc.constantFrom<Priority>("low", "high", "urgent"), (steps, at, to) => {
        const { history, end } = build(steps);
        const i = Math.min(at, history.length - 1);
        const t = (history[i] as TicketEvent).at;
        const changed = [...history.slice(0, i + 1), priority(t, "normal", to), ...history.slice(i + 1)];
        const now = end + min(30);
        const a = byKey(slaStatus(history, config, now));
        const b = byKey(slaStatus(changed, config, now));
        expect([...b.keys()]).toEqual([...a.keys()]);
        for (const [k, c] of a) expect(b.get(k)?.elapsedMs).toBe(c.elapsedMs);
      }),
      { numRuns: 200 },
    );
  });

  it("elapsed time never decreases as now advances", () => {
    const config = compiled("business");
    fc.assert(
      fc.property(Steps, fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 20_000 }), (steps, d1, d2) => {
        const { history } = build(steps);
        const n1 = T + min(d1);
        const n2 = n1 + min(d2);
        const later = byKey(slaStatus(history, config, n2));
        for (const [k, c] of byKey(slaStatus(history, config, n1))) expect(later.get(k)?.elapsedMs ?? -1).toBeGreaterThanOrEqual(c.elapsedMs);
      }),
      { numRuns: 200 },
    );
  });

  it("slaStatus is deterministic and never modifies its inputs", () => {
    fc.assert(
      fc.property(Steps, fc.boolean(), (steps, retro) => {
        const { history, end } = build(steps);
        const config = compiled("business", retro ? { retarget: "retroactive" } : {});
        const snapshot = JSON.stringify(history);
        const frozen = Object.freeze(history.map((e) => Object.freeze(e)));
        const a = slaStatus(frozen, config, end + min(10));
        const b = slaStatus(frozen, config, end + min(10));
        expect(b).toEqual(a);
        expect(JSON.stringify(history)).toBe(snapshot);
      }),
      { numRuns: 100 },
    );
  });

  it("a breached cycle's breachedAt lies between its start and now, and a met cycle has none", () => {
    const config = compiled("business");
    fc.assert(
      fc.property(Steps, (steps) => {
        const { history, end } = build(steps);
        for (const c of slaStatus(history, config, end).cycles) {
          if (c.state === "breached") {
            expect(c.breachedAt).toBeGreaterThanOrEqual(c.startedAt);
            expect(c.breachedAt).toBeLessThan(end);
          } else expect(c.breachedAt).toBeNull();
        }
      }),
      { numRuns: 200 },
    );
  });
});
