import { describe, expect, it } from "vitest";
import { InvalidInput } from "../validation/invalid-input";
import { compileCalendarOrThrow } from "./calendar";
import { compileSlaConfig, compileSlaConfigOrThrow } from "./config";
import { builtinMetrics } from "./metric";
import type { SlaPolicy } from "./policy";
import { slaStatus } from "./status";
import { fields, hours, min, opened, priority, reply } from "./test-history";

const T = Date.UTC(2025, 0, 6, 9, 0);
const urgent: SlaPolicy = { id: "urgent", time: "calendar", all: [{ field: "priority", in: ["urgent"] }], targets: { resolution: { urgent: 60 } } };
const catchAll: SlaPolicy = { id: "std", time: "calendar", targets: { resolution: { low: 960, normal: 480, high: 240, urgent: 120 } } };
const resolution = (s: ReturnType<typeof slaStatus>) => s.cycles.find((c) => c.metric === "resolution");

describe("policy selection", () => {
  it("the first matching policy wins", () => {
    const s = slaStatus([opened(T, { priority: "urgent" })], [urgent, catchAll], {}, T + min(10));
    expect(s.policyId).toBe("urgent");
    expect(resolution(s)?.targetMs).toBe(min(60));
  });

  it("policies are tried in order, so a catch-all first shadows the rest", () => {
    expect(slaStatus([opened(T, { priority: "urgent" })], [catchAll, urgent], {}, T).policyId).toBe("std");
  });

  it("a field change re-evaluates the policy", () => {
    const billing: SlaPolicy = { id: "billing", time: "calendar", all: [{ field: "category", in: ["billing"] }], targets: { resolution: { normal: 30 } } };
    const s = slaStatus([opened(T), fields(T + min(10), { category: "billing" })], [billing, catchAll], {}, T + min(20));
    expect(s.policyId).toBe("billing");
    expect(resolution(s)?.explanation.retargets.map((r) => r.policyId)).toEqual(["std", "billing"]);
  });

  it("any-clauses need one match and not-clauses exclude", () => {
    const p: SlaPolicy = {
      id: "p",
      time: "calendar",
      all: [{ field: "channel", in: ["phone"], not: true }],
      any: [{ field: "tags", in: ["vip"] }, { field: "custom.plan", in: ["enterprise"] }],
      targets: {},
    };
    const at = (o: Parameters<typeof opened>[1]) => slaStatus([opened(T, o)], [p], {}, T).policyId;
    expect(at({ tags: ["vip"] })).toBe("p");
    expect(at({ customFields: { plan: "enterprise" } })).toBe("p");
    expect(at({ tags: ["vip"], channel: "phone" })).toBeNull();
    expect(at({})).toBeNull();
  });

  it("a policy reads the tier the host supplies as context", () => {
    const gold: SlaPolicy = { id: "gold", time: "calendar", all: [{ field: "tier", in: ["gold"] }], targets: {} };
    expect(slaStatus([opened(T)], [gold], {}, T, { tier: "gold" }).policyId).toBe("gold");
    expect(slaStatus([opened(T)], [gold], {}, T).policyId).toBeNull();
  });

  it("a policy for another service never applies", () => {
    const other: SlaPolicy = { id: "other", serviceId: "svc-billing", time: "calendar", targets: {} };
    expect(slaStatus([opened(T)], [other], {}, T).policyId).toBeNull();
  });
});

describe("re-targeting", () => {
  it("a priority change re-targets without losing elapsed time", () => {
    const h = [opened(T, { priority: "normal" }), priority(T + hours(1), "normal", "urgent")];
    const c = resolution(slaStatus(h, [catchAll], {}, T + min(90)));
    expect(c).toMatchObject({ elapsedMs: min(90), targetMs: min(120), remainingMs: min(30), due: T + min(120) });
  });

  it("lowering the target below the elapsed time breaches at the change", () => {
    const h = [opened(T, { priority: "normal" }), priority(T + hours(3), "normal", "urgent")];
    const c = resolution(slaStatus(h, [catchAll], {}, T + hours(4)));
    expect(c).toMatchObject({ state: "breached", breachedAt: T + hours(3) });
  });

  it("in retroactive mode the new target applies from the start", () => {
    const h = [opened(T, { priority: "normal" }), priority(T + hours(3), "normal", "urgent")];
    const c = resolution(slaStatus(h, [catchAll], {}, T + hours(4), { retarget: "retroactive" }));
    expect(c).toMatchObject({ state: "breached", breachedAt: T + hours(2) });
  });

  it("a policy change to another calendar keeps the time already counted", () => {
    const office = compileCalendarOrThrow({ timeZone: "UTC", hours: { mon: [["09:00", "10:00"]], tue: [["09:00", "17:00"]] } });
    const bh: SlaPolicy = { id: "bh", calendarId: "office", all: [{ field: "category", in: ["hw"] }], targets: { resolution: { normal: 120 } } };
    const cal: SlaPolicy = { id: "cal", time: "calendar", targets: { resolution: { normal: 120 } } };
    // 30 calendar minutes, then business time: Mon 09:30–10:00 (30m) + Tue 09:00–10:00 (60m) = 120m at Tue 10:00.
    const h = [opened(T), fields(T + min(30), { category: "hw" })];
    const c = resolution(slaStatus(h, [bh, cal], { office }, T + min(45)));
    expect(c).toMatchObject({ elapsedMs: min(45), due: Date.UTC(2025, 0, 7, 10, 0), explanation: { calendarId: "office", time: "business" } });
  });

  it("a reply does not re-target first response once it has stopped", () => {
    const p: SlaPolicy = { id: "p", time: "calendar", targets: { "first-response": { normal: 10, urgent: 5 } } };
    const h = [opened(T), reply(T + min(8)), priority(T + min(9), "normal", "urgent")];
    const c = slaStatus(h, [p], {}, T + hours(1)).cycles.find((x) => x.metric === "first-response");
    expect(c).toMatchObject({ state: "met", targetMs: min(10) });
  });
});

describe("compiling a configuration", () => {
  it("an unknown calendar is named in the error", () => {
    const r = compileSlaConfig({ policies: [{ id: "p", calendarId: "nope", targets: {} }] });
    expect(r).toBeInstanceOf(InvalidInput);
    expect((r as InvalidInput).issues[0]?.path).toBe("policies.0.calendarId");
  });

  it("an unknown field or metric is named in the error", () => {
    const r = compileSlaConfig({ policies: [{ id: "p", all: [{ field: "colour", in: ["red"] }], targets: { "frist-response": {} } }] });
    expect((r as InvalidInput).issues.map((i) => i.path)).toEqual(["policies.0.all.0.field", "policies.0.targets.frist-response"]);
  });

  it("a negative target is rejected by the schema", () => {
    expect(compileSlaConfig({ policies: [{ id: "p", targets: { resolution: { normal: -1 } } }] })).toBeInstanceOf(InvalidInput);
  });

  it("a compiled configuration keeps its source, so a variant keeps its metrics and options", () => {
    const c = compileSlaConfigOrThrow({ policies: [catchAll], retarget: "retroactive", metrics: [builtinMetrics.resolution] });
    const variant = compileSlaConfigOrThrow({ ...c.source, policies: [urgent, catchAll] });
    expect([variant.retarget, variant.metrics.map((m) => m.id)]).toEqual(["retroactive", ["resolution"]]);
  });

  it("compiling never modifies the configuration", () => {
    const config = { policies: [catchAll, urgent] };
    const before = JSON.stringify(config);
    compileSlaConfigOrThrow(config);
    expect(JSON.stringify(config)).toBe(before);
  });
});
