/**
 * The SLA engine: business-time calendars, metrics as start/pause/stop conditions over ticket
 * events, policies (first match wins), thresholds, `slaStatus` and what the Desk records.
 * @example
 * import { compileSlaConfigOrThrow, slaStatus } from "./sla"
 * const compiled = compileSlaConfigOrThrow({ policies, calendars: { madrid } })
 * slaStatus(history, compiled, now).nextDeadline
 */
export * from "./calendar";
export { applySla, summarize, sweepSla, type MetricSummary, type SlaSummary } from "./apply";
export { runClocks, type ClockPause, type ClockRun, type RawCycle, type Retarget, type SlaContext, type Span } from "./clock";
export {
  compileSlaConfig,
  compileSlaConfigOrThrow,
  type CalendarSource,
  type CompiledPolicy,
  type CompiledSlaConfig,
  type RetargetMode,
  type SlaConfig,
  type Targeting,
} from "./config";
export { explainCycle, explainSla, formatDuration } from "./explain";
export {
  builtinMetrics,
  compileConditions,
  compileMetric,
  defaultMetrics,
  EventCondition,
  MetricDefinition,
  PauseReason,
  StatusCategoryName,
  WatchedEvent,
  type CompiledMetric,
  type EventPredicate,
} from "./metric";
export {
  compileClause,
  compileCondition,
  isPolicyField,
  PolicyClause,
  PriorityTargets,
  selectPolicy,
  SlaPolicy,
  type CompiledClause,
  type CompiledCondition,
  type TicketFacts,
} from "./policy";
export {
  slaStatus,
  slaStatusOf,
  type CycleExplanation,
  type CycleState,
  type CycleStatus,
  type SlaStatus,
  type SlaStatusOptions,
  type ThresholdStatus,
} from "./status";
export { Threshold, ThresholdAt, thresholdApplies, thresholdMark } from "./threshold";
