import type { CompiledRuleSet } from "./compile-rules";
import { type RuleExplanation, walkRules } from "./evaluate-reference";
import type { Evaluation, RoutingContext, RoutingFacts } from "./facts";
import { type TransferDecision, transferOf } from "./transfer";

/**
 * What happened to every rule of a set for some facts: the fired ones, for the others why not, and any transfer.
 * @example
 * const { transfer }: Routing.Explanation = Routing.explain(compiled, facts) // the transfer the rules decided, or null
 */
export interface Explanation {
  readonly fired: Evaluation["fired"];
  readonly rules: ReadonlyArray<RuleExplanation>;
  /** The transfer to another service the rules decided (the first one; a ticket moves once), or null. */
  readonly transfer: TransferDecision | null;
}

/**
 * Says which rules matched and, for each that did not, the first condition that failed (path, actual, expected).
 * @example
 * explain(compiled, facts).rules.find((r) => r.outcome === "no-match")?.failure
 * // { path: "when.all.1", field: "tier", op: "equals", actual: "silver", expected: "gold" }
 */
export const explain = (compiled: CompiledRuleSet, facts: RoutingFacts, ctx: RoutingContext = {}): Explanation => {
  const walk = walkRules(compiled.rules, facts, ctx);
  return { fired: walk.fired, rules: walk.rules, transfer: transferOf(walk.actions) };
};

/**
 * The routing result the Desk applies: the actions in order, the rules that fired, and the explanation.
 * @example
 * const routing: Routing.Routing = Routing.routeTicket(compiled, { trigger: "ticket-opened", now: Date.now(), ticket })
 * routing.fired // the rules that fired, in order
 */
export interface Routing extends Evaluation {
  readonly explanation: ReadonlyArray<RuleExplanation>;
  /** The transfer to another service the rules decided (the first one), or null. */
  readonly transfer: TransferDecision | null;
}

/**
 * Routes a ticket: runs the compiled rules and explains the outcome.
 * @example
 * const { actions, fired } = routeTicket(compiled, { trigger: "ticket-opened", now, ticket })
 */
export const routeTicket = (compiled: CompiledRuleSet, facts: RoutingFacts, ctx: RoutingContext = {}): Routing => {
  const evaluation = compiled.evaluate(facts, ctx);
  return { ...evaluation, explanation: walkRules(compiled.rules, facts, ctx).rules, transfer: transferOf(evaluation.actions) };
};
