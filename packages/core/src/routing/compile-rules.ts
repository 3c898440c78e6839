import { addTags, removeTags } from "./apply-action";
import { calendarOpen, evaluateReference } from "./evaluate-reference";
import { emailDomain, type Evaluation, type RoutingContext, type RoutingFacts } from "./facts";
import { generateCode } from "./generate-code";
import type { RuleRegex } from "./linear-regex";
import type { Condition, Rule } from "./rule-schema";

/**
 * A rule set compiled once; `evaluate` runs it against facts, deterministically, in order.
 * @example
 * const compiled: Routing.CompiledRuleSet = Routing.compileRules(rules)
 * compiled.evaluate(facts).fired // the ids of the rules that fired, in order
 */
export interface CompiledRuleSet {
  /** The rules, in order, as validated. */
  readonly rules: ReadonlyArray<Rule>;
  /** Calendars the rules test (`withinBusinessHours`); the context must answer `isOpen` for them. */
  readonly calendars: ReadonlyArray<string>;
  /** `code` when specialised code was generated, `interpreter` where the host forbids `new Function` (CSP). */
  readonly mode: "code" | "interpreter";
  /** Runs the rules in order against a ticket's facts: the actions chosen, the rules that fired, the rule that stopped. */
  readonly evaluate: (facts: RoutingFacts, ctx?: RoutingContext) => Evaluation;
}

/** The few helpers the generated code calls. */
const helpers = Object.freeze({
  none: Object.freeze([]) as ReadonlyArray<string>,
  low: (s: unknown): string | null => (typeof s === "string" ? s.toLowerCase() : null),
  domain: emailDomain,
  custom: (fields: Readonly<Record<string, unknown>>, name: string): unknown =>
    Object.hasOwn(fields, name) ? (fields[name] ?? null) : null,
  open: calendarOpen,
  addTags,
  removeTags,
  anyIn: (list: ReadonlyArray<string>, values: ReadonlyArray<unknown>): boolean => list.some((v) => values.includes(v)),
  anyMatch: (list: ReadonlyArray<string>, re: RuleRegex): boolean => list.some((v) => re.test(v)),
  anyText: (list: ReadonlyArray<string>, op: string, w: string, caseSensitive: boolean): boolean =>
    list.some((item) => {
      const v = caseSensitive ? item : item.toLowerCase();
      return op === "startsWith" ? v.startsWith(w) : op === "endsWith" ? v.endsWith(w) : v.includes(w);
    }),
});

const calendarsOf = (c: Condition, out: Set<string>): Set<string> => {
  if ("all" in c) c.all.forEach((x) => calendarsOf(x, out));
  else if ("any" in c) c.any.forEach((x) => calendarsOf(x, out));
  else if ("not" in c) calendarsOf(c.not, out);
  else if ("withinBusinessHours" in c) out.add(c.withinBusinessHours);
  return out;
};

const noContext: RoutingContext = {};

/**
 * How to compile: `generateCode: false` skips `new Function` up front (hosts whose CSP would report the attempt).
 * @example
 * Routing.compileRules(rules, { generateCode: false }) // no `new Function`, for a strict CSP
 */
export interface CompileOptions {
  readonly generateCode?: boolean;
}

/**
 * Compiles validated rules once into a specialised evaluator (see `generateCode`); evaluation equals `evaluateReference`.
 * @example
 * const compiled = compileRules(rules)
 * compiled.evaluate({ trigger: "ticket-opened", now, ticket }).fired // ["vip-to-l2"]
 */
export const compileRules = (rules: ReadonlyArray<Rule>, options: CompileOptions = {}): CompiledRuleSet => {
  const calendars = [...rules.reduce((set, r) => calendarsOf(r.when, set), new Set<string>())];
  const { source, constants } = generateCode(rules);
  let make: ((K: ReadonlyArray<unknown>, H: typeof helpers) => CompiledRuleSet["evaluate"]) | undefined;
  if (options.generateCode !== false) {
    try {
      make = new Function("K", "H", source) as typeof make;
    } catch (e) {
      // A Content-Security-Policy without 'unsafe-eval' forbids new Function: fall back to the interpreter.
      if (!(e instanceof EvalError)) throw e;
    }
  }
  if (!make) {
    return { rules, calendars, mode: "interpreter", evaluate: (facts, ctx = noContext) => evaluateReference(rules, facts, ctx) };
  }
  const run = make(constants, helpers);
  return { rules, calendars, mode: "code", evaluate: (facts, ctx = noContext) => run(facts, ctx) };
};
