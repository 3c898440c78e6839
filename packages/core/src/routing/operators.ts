import { rankOf } from "./fields";
import { compileRuleRegex, type RuleRegex } from "./linear-regex";
import type { Comparison } from "./rule-schema";
import type { FactValue } from "./facts";

type Scalar = string | number | boolean | null;

/** Operators that are the negation of another, and which. */
export const negated: Readonly<Partial<Record<Comparison["op"], Comparison["op"]>>> = {
  notEquals: "equals",
  notIn: "in",
  notContains: "contains",
};

// The interpreter compiles each condition's pattern once; the condition objects live as long as their rule set.
const compiled = new WeakMap<Comparison, RuleRegex>();
const regexOf = (c: Extract<Comparison, { op: "matches" }>): RuleRegex => {
  let re = compiled.get(c);
  if (!re) compiled.set(c, (re = compileRuleRegex(c.pattern, c.flags ?? "")));
  return re;
};

const text = (value: Scalar, caseSensitive: boolean | undefined): string | null =>
  typeof value !== "string" ? null : caseSensitive ? value : value.toLowerCase();

/** The positive test of one scalar (a negated operator is the negation of its positive). */
const holds = (c: Comparison, field: string, value: Scalar, regex: RuleRegex | undefined): boolean => {
  switch (c.op) {
    case "equals":
    case "notEquals":
      return value === c.value;
    case "in":
    case "notIn":
      return c.values.includes(value);
    case "contains":
    case "notContains":
    case "startsWith":
    case "endsWith": {
      const v = text(value, c.caseSensitive);
      const w = c.caseSensitive ? c.value : c.value.toLowerCase();
      if (v === null) return false;
      return c.op === "startsWith" ? v.startsWith(w) : c.op === "endsWith" ? v.endsWith(w) : v.includes(w);
    }
    case "matches":
      return typeof value === "string" && (regex ?? regexOf(c)).test(value);
    case "greaterThan":
    case "lessThan":
    case "atLeast":
    case "atMost": {
      let a: number;
      let b: number;
      if (typeof c.value === "string") {
        a = rankOf(field, value);
        b = rankOf(field, c.value);
        if (a < 0) return false;
      } else {
        if (typeof value !== "number") return false;
        a = value;
        b = c.value;
      }
      return c.op === "greaterThan" ? a > b : c.op === "lessThan" ? a < b : c.op === "atLeast" ? a >= b : a <= b;
    }
    case "exists":
      return value !== null && value !== "";
  }
};

/**
 * Whether a comparison holds for a field's value. On a list field a positive operator holds when some
 * element satisfies it, a negated one when none does, and `exists` when the list is not empty.
 * @example testComparison({ field: "tags", op: "equals", value: "vip" }, ["vip", "eu"]) // true
 */
export const testComparison = (c: Comparison, actual: FactValue, regex?: RuleRegex): boolean => {
  const negative = c.op in negated;
  let positive: boolean;
  if (Array.isArray(actual)) {
    positive = c.op === "exists" ? actual.length > 0 : actual.some((v: string) => holds(c, c.field, v, regex));
  } else {
    positive = holds(c, c.field, actual as Scalar, regex);
  }
  return negative ? !positive : positive;
};
