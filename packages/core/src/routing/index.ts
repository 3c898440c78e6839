/** Routing rules: schema, validation, compilation, evaluation, explanation, and the mapping to ticket events. */
export { fieldCatalogue, type FieldKind, type FieldSpec } from "./fields";
export { compileRuleRegex, MAX_PATTERN_LENGTH, regexCompileError, type RuleRegex } from "./linear-regex";
export {
  Action,
  type ActionType,
  BusinessHoursCondition,
  Comparison,
  Condition,
  type Operator,
  Rule,
  Scalar,
  Trigger,
} from "./rule-schema";
export { decodeRules } from "./decode-rules";
export { emailDomain, type Evaluation, type FactValue, readField, type RoutedAction, type RoutingContext, type RoutingFacts } from "./facts";
export { applyAction } from "./apply-action";
export {
  type ConditionFailure,
  evaluateReference,
  MissingCalendar,
  type RuleExplanation,
} from "./evaluate-reference";
export { type CompiledRuleSet, type CompileOptions, compileRules } from "./compile-rules";
export { explain, type Explanation, routeTicket, type Routing } from "./route-ticket";
export {
  MAX_TRANSFER_HOPS,
  pendingTransfer,
  type TransferCheck,
  TRANSFER_ACTOR,
  type TransferDecision,
  transferOf,
  transferRefusal,
} from "./transfer";
export { actionsToEvents, type EventContext, type MappedActions } from "./to-events";
