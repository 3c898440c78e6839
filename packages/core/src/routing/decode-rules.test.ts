import { describe, expect, it } from "vitest";
import { InvalidInput } from "../validation/invalid-input";
import { decodeRules } from "./decode-rules";

const rule = (over: Record<string, unknown> = {}) => ({
  id: "r",
  serviceId: "svc-support",
  name: "a rule",
  enabled: true,
  triggers: ["ticket-opened"],
  when: { all: [{ field: "priority", op: "equals", value: "high" }] },
  actions: [{ type: "assign-group", groupId: "l2" }],
  ...over,
});

const messageOf = (input: unknown): string => {
  const r = decodeRules(input);
  if (!(r instanceof InvalidInput)) throw new Error("expected invalid rules");
  return r.message;
};

describe("decodeRules", () => {
  it("accepts a valid rule set and keeps its order", () => {
    const r = decodeRules([rule({ id: "a" }), rule({ id: "b" })]);
    expect(r instanceof InvalidInput ? r.message : r.map((x) => x.id)).toEqual(["a", "b"]);
  });

  it("names the rule and the path of a bad condition value", () => {
    const rules = [rule({ id: "a" }), rule({ id: "b" }), rule({ id: "c" }), rule({
      id: "route-vip",
      when: { all: [{ field: "tier", op: "equals", value: "gold" }, { field: "subject", op: "contains", value: 7 }] },
    })];
    expect(messageOf(rules)).toBe("invalid rules: rules[3] (route-vip): when.all.1.value: Expected string");
  });

  it("names an unknown operator with the operators that exist", () => {
    expect(messageOf([rule({ when: { any: [{ field: "subject", op: "like", value: "x" }] } })])).toMatch(
      /rules\[0\] \(r\): when\.any\.0\.op: unknown operator "like" \(equals, notEquals, in/,
    );
  });

  it("names an unknown field", () => {
    expect(messageOf([rule({ when: { field: "colour", op: "exists" } })])).toMatch(/rules\[0\] \(r\): when\.field: unknown field "colour"/);
  });

  it("refuses a value outside an enum field's values", () => {
    expect(messageOf([rule({ when: { field: "priority", op: "in", values: ["high", "hgh"] } })])).toMatch(
      /when\.values\.1: "hgh" is not a priority \(low, normal, high, urgent\)/,
    );
  });

  it("refuses a comparison of a text field", () => {
    expect(messageOf([rule({ when: { field: "subject", op: "greaterThan", value: 3 } })])).toMatch(/when\.op: greaterThan applies to number/);
  });

  it("refuses a regular expression RE2 cannot compile, naming the field", () => {
    expect(messageOf([rule({ when: { not: { field: "body", op: "matches", pattern: "(a)\\1" } } })])).toMatch(
      /rules\[0\] \(r\): when\.not\.pattern: RE2 cannot compile it/,
    );
  });

  it("accepts a nested quantifier, which RE2 runs in linear time", () => {
    expect(decodeRules([rule({ when: { field: "body", op: "matches", pattern: "(a+)+$" } })])).not.toBeInstanceOf(InvalidInput);
  });

  it("refuses a condition that is none of the known shapes", () => {
    expect(messageOf([rule({ when: { every: [] } })])).toMatch(/rules\[0\] \(r\): when: Expected a condition/);
  });

  it("names a bad action with its index", () => {
    expect(messageOf([rule({ actions: [{ type: "set-priority", priority: "asap" }] })])).toMatch(/rules\[0\] \(r\): actions\.0\.priority/);
  });

  it("refuses a rule without triggers", () => {
    expect(messageOf([rule({ triggers: [] })])).toMatch(/rules\[0\] \(r\): triggers/);
  });

  it("refuses duplicate rule ids", () => {
    expect(messageOf([rule({ id: "x" }), rule({ id: "x" })])).toMatch(/rules\[1\] \(x\): id: duplicate rule id/);
  });

  it("reports every bad rule, not only the first", () => {
    const r = decodeRules([rule({ id: "a", enabled: "yes" }), rule({ id: "b", when: { field: "age", op: "contains", value: "1" } })]);
    expect(r instanceof InvalidInput ? r.issues.map((i) => i.path) : []).toEqual(["rules[1] (b): when.op", "rules[0] (a): enabled"]);
  });
});

describe("decodeRules on actions", () => {
  it("names an unknown action type with the known ones", () => {
    expect(messageOf([rule({ actions: [{ type: "teleport" }] })])).toMatch(
      /rules\[0\] \(r\): actions\.0: unknown action type "teleport" \(assign-group, assign-agent/,
    );
  });
});
