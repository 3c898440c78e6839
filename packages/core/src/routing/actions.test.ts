import { describe, expect, it } from "vitest";
import { compileRules } from "./compile-rules";
import { evaluateReference } from "./evaluate-reference";
import type { Evaluation, RoutingFacts } from "./facts";
import type { Action, Condition, Rule } from "./rule-schema";
import { factsFixture, ruleFixture } from "./ticket-fixture";

/** Runs rules through compiled code and the reference, which must agree. */
const run = (rules: ReadonlyArray<Rule>, facts: RoutingFacts = factsFixture()): Evaluation => {
  const compiled = compileRules(rules).evaluate(facts);
  expect(compiled).toEqual(evaluateReference(rules, facts));
  return compiled;
};

/** A first rule doing `action`, then a second rule that fires only when `check` holds afterwards. */
const seenLater = (action: Action, check: Condition, facts?: RoutingFacts): boolean =>
  run([ruleFixture({ id: "set", actions: [action] }), ruleFixture({ id: "check", when: check })], facts).fired.includes("check" as never);

describe("actions", () => {
  it("assign-group is returned tagged with its rule and seen by later rules", () => {
    const r = run([ruleFixture({ id: "a", actions: [{ type: "assign-group", groupId: "l2" as never }] })]);
    expect(r.actions).toEqual([{ ruleId: "a", action: { type: "assign-group", groupId: "l2" } }]);
    expect(seenLater({ type: "assign-group", groupId: "l2" as never }, { field: "group", op: "equals", value: "l2" })).toBe(true);
  });

  it("assign-agent sets the assignee for later rules", () => {
    expect(seenLater({ type: "assign-agent", agentId: "ag-1" as never }, { field: "assignee", op: "equals", value: "ag-1" })).toBe(true);
  });

  it("assign-strategy with a group sets the group for later rules", () => {
    const action: Action = { type: "assign-strategy", strategy: "fewest-open", groupId: "noc" as never };
    expect(seenLater(action, { field: "group", op: "equals", value: "noc" })).toBe(true);
  });

  it("set-priority is seen by later comparisons", () => {
    expect(seenLater({ type: "set-priority", priority: "urgent" }, { field: "priority", op: "greaterThan", value: "high" })).toBe(true);
  });

  it("set-category is seen by later text tests", () => {
    expect(seenLater({ type: "set-category", category: "Network" }, { field: "category", op: "startsWith", value: "net" })).toBe(true);
  });

  it("set-type is seen by later rules", () => {
    expect(seenLater({ type: "set-type", ticketType: "complaint" }, { field: "type", op: "equals", value: "complaint" })).toBe(true);
  });

  it("add-tags and remove-tags change the tags later rules see", () => {
    expect(seenLater({ type: "add-tags", tags: ["vip"] }, { field: "tags", op: "equals", value: "vip" })).toBe(true);
    const facts = factsFixture({ tags: ["vip"] });
    expect(seenLater({ type: "remove-tags", tags: ["vip"] }, { field: "tags", op: "exists" }, facts)).toBe(false);
  });

  it("set-custom-field is seen by later rules", () => {
    expect(seenLater({ type: "set-custom-field", name: "seats", value: 40 }, { field: "custom.seats", op: "atLeast", value: 40 })).toBe(true);
  });

  it("transfer-to-service changes the service later rules see", () => {
    const action: Action = { type: "transfer-to-service", serviceId: "svc-billing" as never };
    expect(seenLater(action, { field: "service", op: "equals", value: "svc-billing" })).toBe(true);
  });

  it("apply-sla-policy, add-note and notify are returned in order without changing the facts", () => {
    const actions: Action[] = [
      { type: "apply-sla-policy", policyId: "gold" as never },
      { type: "add-note", body: "routed to NOC" },
      { type: "notify", template: "noc-page", to: ["noc@example.com"] },
    ];
    expect(run([ruleFixture({ id: "a", actions })]).actions.map((a) => a.action.type)).toEqual(["apply-sla-policy", "add-note", "notify"]);
  });

  it("stop ends processing after the rule's own actions and is not returned as an action", () => {
    const r = run([
      ruleFixture({ id: "a", actions: [{ type: "stop" }, { type: "add-tags", tags: ["x"] }] }),
      ruleFixture({ id: "b", actions: [{ type: "add-tags", tags: ["y"] }] }),
    ]);
    expect(r).toMatchObject({ fired: ["a"], stoppedBy: "a", actions: [{ ruleId: "a", action: { type: "add-tags", tags: ["x"] } }] });
  });

  it("rules run in order and each fires at most once", () => {
    const rules = [ruleFixture({ id: "b" }), ruleFixture({ id: "a" }), ruleFixture({ id: "c", enabled: false })];
    expect(run(rules).fired).toEqual(["b", "a"]);
  });

  it("a rule runs only on its triggers", () => {
    const rules = [ruleFixture({ id: "a", triggers: ["ticket-updated"] }), ruleFixture({ id: "b", triggers: ["ticket-opened", "time-based"] })];
    expect(run(rules, factsFixture({}, { trigger: "time-based" })).fired).toEqual(["b"]);
  });

  it("an earlier rule's change can make a later rule stop matching", () => {
    const rules = [
      ruleFixture({ id: "a", actions: [{ type: "set-priority", priority: "low" }] }),
      ruleFixture({ id: "b", when: { field: "priority", op: "equals", value: "normal" } }),
    ];
    expect(run(rules).fired).toEqual(["a"]);
  });

  it("a text test after set-category sees the new value even when an earlier rule read the old one", () => {
    const rules = [
      ruleFixture({ id: "read", when: { field: "category", op: "notContains", value: "net" } }),
      ruleFixture({ id: "set", actions: [{ type: "set-category", category: "Network" }] }),
      ruleFixture({ id: "check", when: { field: "category", op: "contains", value: "net" } }),
    ];
    expect(run(rules, factsFixture({ category: "Hardware" })).fired).toEqual(["read", "set", "check"]);
  });
});
