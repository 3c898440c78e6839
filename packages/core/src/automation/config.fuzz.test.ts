import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzBudgetMs, fuzzParameters, fuzzTimeout, nearValid } from "../../test/fuzz";
import { EscalationRule } from "../escalation";
import { compileCalendar } from "../sla/calendar/compiled-calendar";
import { Command } from "../ticket/commands";
import { decodeInput, InvalidInput } from "../validation/invalid-input";
import { compileSlaSetup, validateRules } from "./config";

// Fuzz suite (issue 20, part 10): the pure decoders behind configure and execute (routing rules,
// SLA set-ups and their calendars, escalation rules, commands). Each returns a value or an
// InvalidInput, never throws, and answers within the time budget; what it accepts it accepts
// again (decoding is a function of the input alone).

const routing = [{
  id: "gold", serviceId: "svc", name: "Gold", enabled: true, triggers: ["ticket-opened", "ticket-updated"],
  when: { any: [{ field: "tier", op: "equals", value: "gold" }, { not: { field: "subject", op: "matches", value: "^(a|b)+$" } }, { field: "priority", op: "gte", value: "high" }] },
  actions: [{ type: "assign-group", groupId: "g" }, { type: "set-priority", priority: "urgent" }, { type: "add-tags", tags: ["vip"] }, { type: "transfer", toServiceId: "svc-2", reason: "r" }],
}];
const calendar = { timeZone: "Europe/Madrid", hours: { mon: [["09:00", "13:00"], ["14:00", "18:00"]], sat: [] }, holidays: ["2026-12-25", "01-01"], breaks: [["2026-08-01T00:00:00Z", "2026-08-15T00:00:00Z"]] };
const sla = {
  calendars: { madrid: calendar, always: { timeZone: "UTC", hours: "24x7" } },
  policies: [
    { id: "gold", calendarId: "madrid", all: [{ field: "tier", in: ["gold"] }], targets: { "first-response": { urgent: 15, high: 60 }, resolution: { normal: 1440 } }, pauseOn: ["pending-customer"] },
    { id: "std", targets: { resolution: { normal: 2880 } } },
  ],
  retarget: "keep",
};
const escalation = {
  id: "late", serviceId: "svc", name: "Late", enabled: true, condition: { kind: "sla-threshold", metric: "resolution", threshold: 0.8 },
  levels: [{ level: 1, actions: [{ kind: "notify-lead" }] }, { level: 2, afterMinutes: 30, actions: [{ kind: "raise-priority" }, { kind: "reassign-group", groupId: "g2" }] }],
};
const commands = [
  { type: "OpenTicket", serviceId: "s", subject: "x", channel: "web", requesterId: "c", tags: ["t"], customFields: { a: 1, b: null, c: "x" } },
  { type: "LogTime", serviceId: "s", ticketId: "t", minutes: 5, billable: false },
  { type: "Link", serviceId: "s", ticketId: "t", kind: "duplicate-of", other: { serviceId: "s", ticketId: "u" } },
];

const decoders: ReadonlyArray<readonly [string, (input: unknown) => unknown, ReadonlyArray<unknown>]> = [
  ["routing rules (validateRules)", validateRules, [routing, []]],
  ["SLA set-ups and calendars (compileSlaSetup)", compileSlaSetup, [sla, { policies: [] }]],
  ["calendars (compileCalendar)", (i) => compileCalendar(i as never), [calendar]],
  ["escalation rules", (i) => decodeInput(EscalationRule, i, "escalation rule"), [escalation]],
  ["commands", (i) => decodeInput(Command, i, "command"), commands],
];

describe("fuzz: decoders", () => {
  it("a BigInt where a rule expects a name is an InvalidInput naming it (found by this suite: it threw a TypeError)", { timeout: fuzzTimeout }, () => {
    const bad = [{ ...routing[0], actions: [{ type: 1n }], when: { field: "tier", op: 2n, value: "gold" } }];
    const out = validateRules(bad);
    expect(out).toBeInstanceOf(InvalidInput);
    expect((out as InvalidInput).message).toContain("1n");
  });

  for (const [name, decode, examples] of decoders) {
    it(`${name}: a value or an InvalidInput, never a throw, within the budget`, { timeout: fuzzTimeout }, () => {
      fc.assert(
        fc.property(nearValid(examples), (input) => {
          const start = performance.now();
          let out: unknown;
          try {
            out = decode(input);
          } catch (e) {
            throw new Error(`untyped failure: ${String(e)}`, { cause: e });
          }
          expect(performance.now() - start, "time budget").toBeLessThan(fuzzBudgetMs);
          if (out instanceof InvalidInput) expect(out.issues.length).toBeGreaterThan(0);
          else expect(decode(input) instanceof InvalidInput).toBe(false);
        }),
        fuzzParameters(3),
      );
    });
  }
});
