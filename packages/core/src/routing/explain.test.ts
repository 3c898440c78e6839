import { describe, expect, it } from "vitest";
import { compileRules } from "./compile-rules";
import { explain, routeTicket } from "./route-ticket";
import { factsFixture, ruleFixture } from "./ticket-fixture";

const rules = [
  ruleFixture({ id: "disabled", enabled: false }),
  ruleFixture({ id: "updates", triggers: ["ticket-updated"] }),
  ruleFixture({
    id: "vip",
    when: { all: [{ field: "channel", op: "equals", value: "email" }, { field: "tier", op: "equals", value: "platinum" }] },
  }),
  ruleFixture({
    id: "network",
    when: { any: [{ field: "subject", op: "contains", value: "vpn" }, { field: "category", op: "equals", value: "network" }] },
  }),
  ruleFixture({ id: "not-email", when: { not: { field: "channel", op: "equals", value: "email" } } }),
  ruleFixture({ id: "printer", when: { field: "subject", op: "contains", value: "printer" }, actions: [{ type: "stop" }] }),
  ruleFixture({ id: "late" }),
];

describe("explain", () => {
  it("names the rules that fired, in order", () => {
    expect(explain(compileRules(rules), factsFixture()).fired).toEqual(["printer"]);
  });

  it("gives the outcome of every rule", () => {
    expect(explain(compileRules(rules), factsFixture()).rules.map((r) => [r.ruleId, r.outcome])).toEqual([
      ["disabled", "disabled"],
      ["updates", "not-triggered"],
      ["vip", "no-match"],
      ["network", "no-match"],
      ["not-email", "no-match"],
      ["printer", "fired"],
      ["late", "after-stop"],
    ]);
  });

  it("names the first failing condition with the actual and expected values", () => {
    const vip = explain(compileRules(rules), factsFixture()).rules[2];
    expect(vip?.failure).toEqual({ path: "when.all.1", field: "tier", op: "equals", actual: "gold", expected: "platinum" });
  });

  it("explains a failed any by each alternative", () => {
    const network = explain(compileRules(rules), factsFixture()).rules[3];
    expect(network?.failure).toMatchObject({
      path: "when.any",
      alternatives: [
        { path: "when.any.0", field: "subject", op: "contains", expected: "vpn" },
        { path: "when.any.1", field: "category", actual: null, expected: "network" },
      ],
    });
  });

  it("explains a failed not", () => {
    expect(explain(compileRules(rules), factsFixture()).rules[4]?.failure).toMatchObject({ path: "when.not", op: "not" });
  });

  it("routeTicket returns the compiled actions with the explanation", () => {
    const routed = routeTicket(compileRules(rules), factsFixture());
    expect([routed.fired, routed.stoppedBy, routed.explanation.length]).toEqual([["printer"], "printer", 7]);
  });
});
