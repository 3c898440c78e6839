import { describe, expect, it } from "vitest";
import { compileRules } from "./compile-rules";
import { evaluateReference } from "./evaluate-reference";
import type { RoutingContext, RoutingFacts } from "./facts";
import type { Condition } from "./rule-schema";
import { factsFixture, ruleFixture } from "./ticket-fixture";

/** Whether a condition holds, checked through the compiled code and the reference, which must agree. */
const holds = (when: Condition, facts: RoutingFacts = factsFixture(), ctx: RoutingContext = {}): boolean => {
  const rules = [ruleFixture({ id: "r", when })];
  const compiled = compileRules(rules).evaluate(facts, ctx).fired.length === 1;
  const reference = evaluateReference(rules, facts, ctx).fired.length === 1;
  expect(compiled).toBe(reference);
  return compiled;
};

describe("operators", () => {
  it("equals compares exactly", () => {
    expect(holds({ field: "channel", op: "equals", value: "email" })).toBe(true);
    expect(holds({ field: "channel", op: "equals", value: "phone" })).toBe(false);
  });

  it("equals null matches an absent value", () => {
    expect(holds({ field: "category", op: "equals", value: null })).toBe(true);
  });

  it("notEquals is the negation of equals, also on absent values", () => {
    expect(holds({ field: "category", op: "notEquals", value: "network" })).toBe(true);
    expect(holds({ field: "channel", op: "notEquals", value: "email" })).toBe(false);
  });

  it("in holds when the value is one of the list, also for long lists", () => {
    expect(holds({ field: "priority", op: "in", values: ["high", "normal"] })).toBe(true);
    expect(holds({ field: "subject", op: "in", values: ["a", "b", "c", "d", "e", "f", "g", "Printer on floor 3 is jammed"] })).toBe(true);
    expect(holds({ field: "priority", op: "in", values: [] })).toBe(false);
  });

  it("notIn holds when the value is none of the list", () => {
    expect(holds({ field: "priority", op: "notIn", values: ["high", "urgent"] })).toBe(true);
  });

  it("contains is case-insensitive by default", () => {
    expect(holds({ field: "subject", op: "contains", value: "PRINTER" })).toBe(true);
    expect(holds({ field: "subject", op: "contains", value: "PRINTER", caseSensitive: true })).toBe(false);
  });

  it("notContains holds on an absent value", () => {
    expect(holds({ field: "category", op: "notContains", value: "x" })).toBe(true);
    expect(holds({ field: "subject", op: "notContains", value: "jammed" })).toBe(false);
  });

  it("startsWith and endsWith test the ends of text", () => {
    expect(holds({ field: "subject", op: "startsWith", value: "printer" })).toBe(true);
    expect(holds({ field: "subject", op: "endsWith", value: "JAMMED" })).toBe(true);
    expect(holds({ field: "subject", op: "endsWith", value: "printer" })).toBe(false);
  });

  it("matches tests a regular expression with its flags", () => {
    expect(holds({ field: "description", op: "matches", pattern: "E-\\d{2}\\b" })).toBe(true);
    expect(holds({ field: "description", op: "matches", pattern: "^the", flags: "i" })).toBe(true);
    expect(holds({ field: "description", op: "matches", pattern: "^the" })).toBe(false);
  });

  it("matches tests the whole value, however long", () => {
    const facts = factsFixture({ description: `${"x".repeat(100_000)}needle` });
    expect(holds({ field: "description", op: "matches", pattern: "needle$" }, facts)).toBe(true);
  });

  it("greaterThan and lessThan compare ordered levels", () => {
    const facts = factsFixture({ priority: "high" });
    expect(holds({ field: "priority", op: "greaterThan", value: "normal" }, facts)).toBe(true);
    expect(holds({ field: "priority", op: "lessThan", value: "high" }, facts)).toBe(false);
    expect(holds({ field: "priority", op: "atLeast", value: "high" }, facts)).toBe(true);
    expect(holds({ field: "priority", op: "atMost", value: "normal" }, facts)).toBe(false);
  });

  it("comparisons on an absent ordered value never hold", () => {
    expect(holds({ field: "impact", op: "lessThan", value: "high" })).toBe(false);
  });

  it("comparisons on numbers read age in minutes and numeric custom fields", () => {
    expect(holds({ field: "age", op: "atLeast", value: 60 })).toBe(true);
    expect(holds({ field: "age", op: "greaterThan", value: 60 })).toBe(false);
    expect(holds({ field: "custom.seats", op: "greaterThan", value: 10 }, factsFixture({ customFields: { seats: 12 } }))).toBe(true);
    expect(holds({ field: "custom.seats", op: "greaterThan", value: 10 }, factsFixture({ customFields: { seats: "12" } }))).toBe(false);
  });

  it("exists holds for a present, non-empty value", () => {
    expect(holds({ field: "category", op: "exists" })).toBe(false);
    expect(holds({ field: "requester.email", op: "exists" })).toBe(true);
    expect(holds({ field: "tags", op: "exists" })).toBe(false);
  });

  it("a custom field named like an Object property reads as absent", () => {
    expect(holds({ field: "custom.constructor", op: "exists" })).toBe(false);
  });

  it("on a list a positive operator holds for some element, a negated one for none", () => {
    const facts = factsFixture({ tags: ["vip", "eu-west"] });
    expect(holds({ field: "tags", op: "equals", value: "vip" }, facts)).toBe(true);
    expect(holds({ field: "tags", op: "notEquals", value: "vip" }, facts)).toBe(false);
    expect(holds({ field: "tags", op: "in", values: ["x", "eu-west"] }, facts)).toBe(true);
    expect(holds({ field: "tags", op: "startsWith", value: "EU" }, facts)).toBe(true);
    expect(holds({ field: "tags", op: "notContains", value: "west" }, facts)).toBe(false);
    expect(holds({ field: "tags", op: "matches", pattern: "^v.p$" }, facts)).toBe(true);
  });

  it("requester email and domain are read lower-cased", () => {
    expect(holds({ field: "requester.domain", op: "equals", value: "acme.example" })).toBe(true);
    expect(holds({ field: "requester.email", op: "equals", value: "ann@acme.example" })).toBe(true);
  });

  it("body reads the message, or the description when there is none", () => {
    expect(holds({ field: "body", op: "contains", value: "E-52" })).toBe(true);
    const facts = factsFixture({}, { message: { kind: "customer", subject: null, body: "VPN down", from: null } });
    expect(holds({ field: "body", op: "contains", value: "vpn" }, facts)).toBe(true);
  });

  it("changed lists the fields an update changed", () => {
    const facts = factsFixture({}, { trigger: "ticket-opened", changedFields: ["priority"] });
    expect(holds({ field: "changed", op: "equals", value: "priority" }, facts)).toBe(true);
  });

  it("withinBusinessHours asks the context's calendar", () => {
    const ctx = { isOpen: (id: string, now: number) => id === "cal-eu" && now === 3_600_000 };
    expect(holds({ withinBusinessHours: "cal-eu" }, factsFixture(), ctx)).toBe(true);
    expect(holds({ not: { withinBusinessHours: "cal-us" } }, factsFixture(), ctx)).toBe(true);
  });

  it("withinBusinessHours without isOpen in the context throws MissingCalendar", () => {
    expect(() => compileRules([ruleFixture({ id: "r", when: { withinBusinessHours: "cal" } })]).evaluate(factsFixture())).toThrow(
      /no isOpen/,
    );
  });

  it("all, any and not combine conditions; empty all holds and empty any does not", () => {
    expect(holds({ all: [] })).toBe(true);
    expect(holds({ any: [] })).toBe(false);
    expect(holds({ any: [{ field: "channel", op: "equals", value: "phone" }, { field: "channel", op: "equals", value: "email" }] })).toBe(true);
    expect(holds({ not: { all: [] } })).toBe(false);
  });

  it("rule text never becomes code: values with quotes, backticks and line breaks compare literally", () => {
    const hostile = '"); globalThis.pwned = true; ("`${x}`\n\u2028';
    const facts = factsFixture({ subject: hostile, customFields: { [hostile]: hostile } });
    expect(holds({ field: "subject", op: "equals", value: hostile }, facts)).toBe(true);
    expect(holds({ field: `custom.${hostile}`, op: "equals", value: hostile }, facts)).toBe(true);
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
  });
});
