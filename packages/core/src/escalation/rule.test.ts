import * as Exit from "effect/Exit";
import * as Schema from "effect/Schema";
import { describe, expect, it } from "vitest";
import { EscalationRule } from "./rule";

const decode = (u: unknown) => Schema.decodeUnknownExit(EscalationRule)(u);
const base = {
  id: "stalled",
  serviceId: "svc",
  name: "Stalled",
  enabled: true,
  condition: { kind: "no-update", minutes: 240, calendarId: "office" },
  levels: [
    { level: 1, actions: [{ kind: "notify-lead" }] },
    { level: 2, afterMinutes: 60, actions: [{ kind: "raise-priority", to: "urgent" }, { kind: "transfer", groupId: "l2" }] },
  ],
};

describe("EscalationRule", () => {
  it("decodes a ladder of levels with actions", () => {
    expect(Exit.isSuccess(decode(base))).toBe(true);
  });
  it("rejects two levels with the same number", () => {
    expect(Exit.isSuccess(decode({ ...base, levels: [base.levels[0], base.levels[0]] }))).toBe(false);
  });
  it("rejects a per-level threshold outside sla-threshold rules", () => {
    expect(Exit.isSuccess(decode({ ...base, levels: [{ level: 1, threshold: "breach", actions: [{ kind: "notify-lead" }] }] }))).toBe(false);
  });
  it("accepts a per-level threshold on an sla-threshold rule", () => {
    const rule = {
      ...base,
      condition: { kind: "sla-threshold", metric: "resolution", threshold: "warning" },
      levels: [{ level: 1, threshold: "breach", actions: [{ kind: "notify-lead" }] }],
    };
    expect(Exit.isSuccess(decode(rule))).toBe(true);
  });
  it("rejects a reassign naming neither group nor agent", () => {
    expect(Exit.isSuccess(decode({ ...base, levels: [{ level: 1, actions: [{ kind: "reassign" }] }] }))).toBe(false);
  });
  it("rejects a level without actions", () => {
    expect(Exit.isSuccess(decode({ ...base, levels: [{ level: 1, actions: [] }] }))).toBe(false);
  });
  it("rejects negative minutes", () => {
    expect(Exit.isSuccess(decode({ ...base, condition: { kind: "no-update", minutes: -1 } }))).toBe(false);
  });
});
