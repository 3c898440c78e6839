import type { RuleId } from "../ids/ids";
import { applyAction } from "./apply-action";
import { type Evaluation, readField, type RoutedAction, type RoutingContext, type RoutingFacts } from "./facts";
import { testComparison } from "./operators";
import type { Condition, Rule } from "./rule-schema";

/**
 * Why a condition did not hold: where it is in the rule, and what was found against what was wanted.
 * @example
 * for (const r of Routing.explain(compiled, facts).rules) if (r.failure) console.log(r.failure.path, r.failure.actual, r.failure.expected)
 */
export interface ConditionFailure {
  /** Dotted path from the rule, e.g. `when.all.1`. */
  readonly path: string;
  readonly field?: string;
  readonly op: string;
  readonly actual: unknown;
  readonly expected: unknown;
  /** For a failed `any`: why each alternative failed. */
  readonly alternatives?: ReadonlyArray<ConditionFailure>;
}

/**
 * What happened to one rule in an evaluation.
 * @example
 * Routing.explain(compiled, facts).rules.map((r: Routing.RuleExplanation) => `${r.ruleId}: ${r.outcome}`)
 */
export interface RuleExplanation {
  readonly ruleId: RuleId;
  readonly name: string;
  readonly outcome: "fired" | "no-match" | "disabled" | "not-triggered" | "after-stop";
  /** For `no-match`: the first condition that failed. */
  readonly failure?: ConditionFailure;
}

/**
 * Thrown when a rule tests business hours and the context has no `isOpen`.
 * @example
 * try { Routing.evaluateReference(rules, facts) } catch (e) { if (e instanceof Routing.MissingCalendar) console.error(e.message) }
 */
export class MissingCalendar extends Error {
  override readonly name = "MissingCalendar";
}

/** Whether a calendar is open, from the context. */
export const calendarOpen = (ctx: RoutingContext, calendarId: string, now: number): boolean => {
  if (!ctx.isOpen) throw new MissingCalendar(`a rule tests business hours of "${calendarId}" but the context has no isOpen`);
  return ctx.isOpen(calendarId, now);
};

/** Checks a condition, returning undefined when it holds and the first failure otherwise. */
export const checkCondition = (
  c: Condition,
  facts: RoutingFacts,
  ctx: RoutingContext,
  path: string,
): ConditionFailure | undefined => {
  if ("all" in c) {
    for (let i = 0; i < c.all.length; i++) {
      const failure = checkCondition(c.all[i] as Condition, facts, ctx, `${path}.all.${i}`);
      if (failure) return failure;
    }
    return undefined;
  }
  if ("any" in c) {
    const alternatives: ConditionFailure[] = [];
    for (let i = 0; i < c.any.length; i++) {
      const failure = checkCondition(c.any[i] as Condition, facts, ctx, `${path}.any.${i}`);
      if (!failure) return undefined;
      alternatives.push(failure);
    }
    return { path: `${path}.any`, op: "any", actual: "none held", expected: "at least one to hold", alternatives };
  }
  if ("not" in c) {
    return checkCondition(c.not, facts, ctx, `${path}.not`)
      ? undefined
      : { path: `${path}.not`, op: "not", actual: "the inner condition held", expected: "the inner condition to fail" };
  }
  if ("withinBusinessHours" in c) {
    return calendarOpen(ctx, c.withinBusinessHours, facts.now)
      ? undefined
      : { path, op: "withinBusinessHours", actual: "closed", expected: `open (${c.withinBusinessHours})` };
  }
  const actual = readField(facts, c.field);
  if (testComparison(c, actual)) return undefined;
  const expected = "values" in c ? c.values : "pattern" in c ? c.pattern : "value" in c ? c.value : "a value";
  return { path, field: c.field, op: c.op, actual, expected };
};

/** The result of walking a rule set: the evaluation and what happened to each rule. */
export interface Walk extends Evaluation {
  readonly rules: ReadonlyArray<RuleExplanation>;
}

/**
 * Runs rules by walking their trees, one at a time in order: the plain reference that compiled rule sets must equal.
 * @example evaluateReference(rules, facts).fired // ["vip-to-l2"]
 */
export const walkRules = (rules: ReadonlyArray<Rule>, input: RoutingFacts, ctx: RoutingContext = {}): Walk => {
  let facts = input;
  const actions: RoutedAction[] = [];
  const fired: RuleId[] = [];
  const explained: RuleExplanation[] = [];
  let stoppedBy: RuleId | null = null;
  for (const rule of rules) {
    const base = { ruleId: rule.id, name: rule.name };
    if (stoppedBy !== null) explained.push({ ...base, outcome: "after-stop" });
    else if (!rule.enabled) explained.push({ ...base, outcome: "disabled" });
    else if (!rule.triggers.includes(facts.trigger)) explained.push({ ...base, outcome: "not-triggered" });
    else {
      const failure = checkCondition(rule.when, facts, ctx, "when");
      if (failure) {
        explained.push({ ...base, outcome: "no-match", failure });
        continue;
      }
      explained.push({ ...base, outcome: "fired" });
      fired.push(rule.id);
      for (const action of rule.actions) {
        if (action.type === "stop") stoppedBy = rule.id;
        else actions.push({ ruleId: rule.id, action });
        facts = applyAction(facts, action);
      }
    }
  }
  return { actions, fired, stoppedBy, rules: explained };
};

/**
 * The straightforward interpreter: walks each rule's tree against a working copy of the facts.
 * @example
 * Routing.evaluateReference(rules, { trigger: "ticket-opened", now: Date.now(), ticket }).actions
 */
export const evaluateReference = (rules: ReadonlyArray<Rule>, facts: RoutingFacts, ctx: RoutingContext = {}): Evaluation => {
  const { actions, fired, stoppedBy } = walkRules(rules, facts, ctx);
  return { actions, fired, stoppedBy };
};
