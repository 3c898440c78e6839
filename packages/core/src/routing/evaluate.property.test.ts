import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileRules } from "./compile-rules";
import { evaluateReference } from "./evaluate-reference";
import type { RoutingContext, RoutingFacts } from "./facts";
import { explain } from "./route-ticket";
import type { Action, Condition, Rule } from "./rule-schema";
import { factsFixture, ruleFixture } from "./ticket-fixture";

const words = ["vpn", "VPN", "printer", "Billing", "net", "", "é"];
const text = fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 }));
const priorities = ["low", "normal", "high", "urgent"] as const;
const levels = ["low", "medium", "high"] as const;
const tiers = ["standard", "silver", "gold", "platinum"] as const;
const scalar = fc.oneof(text, fc.integer({ min: -2, max: 50 }), fc.boolean(), fc.constant(null));
const textField = fc.constantFrom("subject", "category", "body", "requester.domain", "tags", "custom.plan", "group", "changed");
const ordered = fc.constantFrom(["priority", priorities], ["impact", levels], ["urgency", levels], ["tier", tiers]) as fc.Arbitrary<
  [string, ReadonlyArray<string>]
>;

const comparison: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ field: textField, op: fc.constantFrom("equals", "notEquals"), value: scalar }),
  fc.record({ field: fc.constant("priority"), op: fc.constantFrom("equals", "notEquals"), value: fc.constantFrom(...priorities) }),
  fc.record({ field: textField, op: fc.constantFrom("in", "notIn"), values: fc.array(scalar, { maxLength: 9 }) }),
  fc.record(
    { field: textField, op: fc.constantFrom("contains", "notContains", "startsWith", "endsWith"), value: text, caseSensitive: fc.boolean() },
    { requiredKeys: ["field", "op", "value"] },
  ),
  fc.record({ field: textField, op: fc.constant("matches"), pattern: fc.constantFrom("^v", "n.t$", "\\d", ".*v.*t", "(a+)+$", "^\\w+$"), flags: fc.constantFrom("", "i", "m", "is") }),
  ordered.chain(([field, domain]) =>
    fc.record({ field: fc.constant(field), op: fc.constantFrom("greaterThan", "lessThan", "atLeast", "atMost"), value: fc.constantFrom(...domain) }),
  ),
  fc.record({
    field: fc.constantFrom("age", "idle", "custom.seats"),
    op: fc.constantFrom("greaterThan", "lessThan", "atLeast", "atMost"),
    value: fc.integer({ min: -5, max: 200 }),
  }),
  fc.record({ field: fc.constantFrom("category", "tags", "custom.plan", "impact", "requester.email", "changed"), op: fc.constant("exists") }),
  fc.record({ withinBusinessHours: fc.constantFrom("open", "closed") }),
) as fc.Arbitrary<Condition>;

const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    comparison,
    fc.record({ all: fc.array(tie("condition"), { maxLength: 4 }) }),
    fc.record({ any: fc.array(tie("condition"), { maxLength: 4 }) }),
    fc.record({ not: tie("condition") }),
  ),
}));

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ type: fc.constant("assign-group"), groupId: fc.constantFrom("l2", "noc") }),
  fc.record({ type: fc.constant("assign-agent"), agentId: fc.constantFrom("ag-1", "ag-2") }),
  fc.record({ type: fc.constant("assign-strategy"), strategy: fc.constant("round-robin"), groupId: fc.constantFrom("l2", "noc") }),
  fc.record({ type: fc.constant("set-priority"), priority: fc.constantFrom(...priorities) }),
  fc.record({ type: fc.constant("set-category"), category: fc.option(fc.constantFrom(...words), { nil: null }) }),
  fc.record({ type: fc.constantFrom("add-tags", "remove-tags"), tags: fc.array(fc.constantFrom(...words), { maxLength: 2 }) }),
  fc.record({ type: fc.constant("set-custom-field"), name: fc.constantFrom("plan", "seats"), value: scalar }),
  fc.record({ type: fc.constant("transfer-to-service"), serviceId: fc.constantFrom("svc-billing") }),
  fc.record({ type: fc.constantFrom("add-note"), body: fc.constant("note") }),
  fc.record({ type: fc.constant("stop") }),
) as fc.Arbitrary<Action>;

const triggers = fc.subarray(["ticket-opened", "message-received", "ticket-updated", "time-based"] as const, { minLength: 1 });

const rules: fc.Arbitrary<ReadonlyArray<Rule>> = fc
  .array(fc.record({ enabled: fc.boolean(), triggers, when: condition, actions: fc.array(action, { maxLength: 3 }) }), { maxLength: 10 })
  .map((rs) => rs.map((r, i) => ruleFixture({ id: `r${i}`, ...r })));

const facts: fc.Arbitrary<RoutingFacts> = fc
  .record({
    trigger: fc.constantFrom("ticket-opened", "message-received", "ticket-updated", "time-based"),
    subject: text,
    category: fc.option(text, { nil: null }),
    priority: fc.constantFrom(...priorities),
    impact: fc.option(fc.constantFrom(...levels), { nil: null }),
    tags: fc.array(fc.constantFrom(...words), { maxLength: 3 }),
    plan: fc.option(scalar, { nil: undefined }),
    seats: fc.integer({ min: 0, max: 100 }),
    email: fc.option(fc.constantFrom("a@Net.example", "b@vpn.example", "nobody"), { nil: null }),
    tier: fc.option(fc.constantFrom(...tiers), { nil: null }),
    body: fc.option(text, { nil: undefined }),
    age: fc.integer({ min: 0, max: 300 }),
    changed: fc.array(fc.constantFrom("priority", "status", "tags"), { maxLength: 2 }),
  })
  .map((f) =>
    factsFixture(
      {
        subject: f.subject,
        category: f.category,
        priority: f.priority,
        impact: f.impact,
        tags: f.tags,
        customFields: f.plan === undefined ? { seats: f.seats } : { plan: f.plan, seats: f.seats },
      },
      {
        trigger: f.trigger,
        now: f.age * 60_000,
        requester: { email: f.email, tier: f.tier, organizationId: null },
        changedFields: f.changed,
        ...(f.body === undefined ? {} : { message: { kind: "customer" as const, subject: null, body: f.body, from: null } }),
      },
    ),
  );

const ctx: RoutingContext = { isOpen: (calendarId) => calendarId === "open" };

describe("evaluation properties", () => {
  it("compiled evaluation equals the interpreted reference on random rules and tickets", () => {
    fc.assert(fc.property(rules, facts, (rs, f) => {
      expect(compileRules(rs).evaluate(f, ctx)).toEqual(evaluateReference(rs, f, ctx));
    }), { numRuns: 1500 });
  });

  it("evaluation is deterministic: the same rules and facts give the same result", () => {
    fc.assert(fc.property(rules, facts, (rs, f) => {
      const compiled = compileRules(rs);
      expect(compiled.evaluate(f, ctx)).toEqual(compiled.evaluate(f, ctx));
      expect(compileRules(rs).evaluate(f, ctx)).toEqual(compiled.evaluate(f, ctx));
    }), { numRuns: 300 });
  });

  it("stop processing holds: no rule after the stopping rule fires or contributes an action", () => {
    fc.assert(fc.property(rules, facts, (rs, f) => {
      const r = compileRules(rs).evaluate(f, ctx);
      if (r.stoppedBy === null) return;
      expect(r.fired.at(-1)).toBe(r.stoppedBy);
      expect(r.actions.every((a) => r.fired.includes(a.ruleId))).toBe(true);
    }), { numRuns: 500 });
  });

  it("no rule fires twice, and rules fire in their order", () => {
    fc.assert(fc.property(rules, facts, (rs, f) => {
      const fired = compileRules(rs).evaluate(f, ctx).fired;
      const positions = fired.map((id) => rs.findIndex((r) => r.id === id));
      expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
    }), { numRuns: 500 });
  });

  it("explain agrees with evaluation on which rules fired", () => {
    fc.assert(fc.property(rules, facts, (rs, f) => {
      const compiled = compileRules(rs);
      expect(explain(compiled, f, ctx).fired).toEqual(compiled.evaluate(f, ctx).fired);
    }), { numRuns: 300 });
  });

  it("the interpreter mode (for hosts that forbid new Function) gives the same results as generated code", () => {
    fc.assert(fc.property(rules, facts, (rs, f) => {
      const interpreted = compileRules(rs, { generateCode: false });
      expect(interpreted.mode).toBe("interpreter");
      expect(interpreted.evaluate(f, ctx)).toEqual(compileRules(rs).evaluate(f, ctx));
    }), { numRuns: 200 });
  });
});
