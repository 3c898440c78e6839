import * as Schema from "effect/Schema";
import { priorityOrder, type Priority } from "../ticket/schema";
import { pauseReasonOf, type Status } from "../ticket/status";
import { decodeInput, invalidInput, InvalidInput, type FieldIssue } from "../validation/invalid-input";
import { alwaysOpen, type CompiledCalendar } from "./calendar";
import { compileMetric, defaultMetrics, MetricDefinition, type CompiledMetric, type PauseReason } from "./metric";
import { compileCondition, isPolicyField, SlaPolicy, type CompiledCondition } from "./policy";
import { thresholdApplies, thresholdMark, type Threshold } from "./threshold";

/**
 * Compiled calendars by id, as a Map or a plain record.
 * @example
 * const calendars: Sla.CalendarSource = new Map([["madrid", madridCalendar]])
 */
export type CalendarSource = ReadonlyMap<string, CompiledCalendar> | Readonly<Record<string, CompiledCalendar>>;

/**
 * How a priority or policy change treats a running cycle.
 * @example
 * Sla.compileSlaConfigOrThrow({ policies, retarget: "retroactive" satisfies Sla.RetargetMode })
 */
export type RetargetMode = "keep-elapsed" | "retroactive";

/**
 * Everything the SLA engine needs besides the history: policies (first match wins), the
 * calendars they name, the metrics (default: the built-ins) and the re-targeting mode.
 * @example const config: SlaConfig = { policies: [standard], calendars: { madrid: cal } }
 */
export interface SlaConfig {
  readonly policies: ReadonlyArray<SlaPolicy>;
  readonly calendars?: CalendarSource;
  readonly metrics?: ReadonlyArray<MetricDefinition>;
  /** `keep-elapsed` (default): a change re-targets without losing elapsed time; `retroactive`: the new target and calendar apply from the cycle's start. */
  readonly retarget?: RetargetMode;
  /** Overrides which pause reason a status implies (default: pending-customer → waiting-for-customer, pending-third-party → waiting-for-third-party). */
  readonly pauseReasons?: Partial<Record<Status, PauseReason | null>>;
}

/**
 * What one metric is measured against at one moment: policy, calendar, target and thresholds.
 * @example
 * compiled.untargeted.time // "calendar": used when no policy matches (24×7, no targets)
 */
export interface Targeting {
  readonly policyId: string | null;
  readonly policyName: string | null;
  /** Why the policy matched, e.g. `priority in [urgent]`. */
  readonly why: string;
  /** The calendar id; null for 24×7 (no calendar, or calendar time). */
  readonly calendarId: string | null;
  readonly time: "business" | "calendar";
  readonly calendar: CompiledCalendar;
  readonly targetMs: number | null;
  readonly thresholds: ReadonlyArray<{ readonly threshold: Threshold; readonly markMs: number }>;
}

/**
 * A policy ready to evaluate: its condition and its targeting per metric and priority.
 * @example
 * compiled.policies.map((p: Sla.CompiledPolicy) => `${p.id}: ${p.condition.why}`)
 */
export interface CompiledPolicy {
  readonly id: string;
  readonly policy: SlaPolicy;
  readonly condition: CompiledCondition;
  /** Indexed by metric position, then by priority. */
  readonly targetings: ReadonlyArray<Readonly<Record<Priority, Targeting>>>;
}

/**
 * An SLA configuration compiled once; pass it to `slaStatus` and `applySla` on every call.
 * @example
 * const compiled: Sla.CompiledSlaConfig = Sla.compileSlaConfigOrThrow({ policies: [standard], calendars: { madrid: cal } })
 * Sla.slaStatus(history, compiled, Date.now()).nextDeadline
 */
export interface CompiledSlaConfig {
  readonly _tag: "CompiledSlaConfig";
  /** The configuration it was compiled from, to derive a variant: `compileSlaConfig({ ...c.source, policies })`. */
  readonly source: SlaConfig;
  readonly metrics: ReadonlyArray<CompiledMetric>;
  readonly policies: ReadonlyArray<CompiledPolicy>;
  /** Used when no policy matches: 24×7, no targets. */
  readonly untargeted: Targeting;
  readonly retarget: RetargetMode;
  /** Whether some policy reads the status, so a status change must re-select the policy. */
  readonly readsStatus: boolean;
  /** The pause reason a status implies, if any: the configuration's `pauseReasons`, else the default. */
  readonly pauseReasonOf: (status: Status) => PauseReason | undefined;
}

const MINUTE = 60_000;

const untargeted: Targeting = {
  policyId: null,
  policyName: null,
  why: "no policy matched",
  calendarId: null,
  time: "calendar",
  calendar: alwaysOpen,
  targetMs: null,
  thresholds: [],
};

const lookup = (calendars: CalendarSource | undefined, id: string): CompiledCalendar | undefined => {
  if (calendars === undefined) return undefined;
  if (calendars instanceof Map) return (calendars as ReadonlyMap<string, CompiledCalendar>).get(id);
  const rec = calendars as Readonly<Record<string, CompiledCalendar>>;
  return Object.hasOwn(rec, id) ? rec[id] : undefined;
};

const checkPolicies = (policies: ReadonlyArray<SlaPolicy>, metricIds: ReadonlySet<string>, calendars: CalendarSource | undefined): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  policies.forEach((p, i) => {
    for (const key of ["all", "any"] as const) {
      (p[key] ?? []).forEach((c, j) => {
        if (!isPolicyField(c.field)) issues.push({ path: `policies.${i}.${key}.${j}.field`, message: `unknown field "${c.field}"` });
      });
    }
    if (p.calendarId !== undefined && p.time !== "calendar" && lookup(calendars, p.calendarId) === undefined) {
      issues.push({ path: `policies.${i}.calendarId`, message: `no calendar "${p.calendarId}" was given` });
    }
    for (const m of Object.keys(p.targets)) {
      if (!metricIds.has(m)) issues.push({ path: `policies.${i}.targets.${m}`, message: `unknown metric "${m}"` });
    }
    (p.thresholds ?? []).forEach((t, j) => {
      for (const m of t.metrics ?? []) {
        if (!metricIds.has(m)) issues.push({ path: `policies.${i}.thresholds.${j}.metrics`, message: `unknown metric "${m}"` });
      }
    });
  });
  return issues;
};

const targetingOf = (p: SlaPolicy, why: string, metricId: string, priority: Priority, calendars: CalendarSource | undefined): Targeting => {
  const time = p.time ?? "business";
  const calendarId = time === "business" ? (p.calendarId ?? null) : null;
  const calendar = calendarId === null ? alwaysOpen : (lookup(calendars, calendarId) as CompiledCalendar);
  const minutes = p.targets[metricId]?.[priority];
  // A target of 0 means "no target" (the calendar's zero-duration convention would roll it forward).
  const targetMs = minutes === undefined || minutes === 0 ? null : Math.round(minutes * MINUTE);
  const thresholds =
    targetMs === null
      ? []
      : (p.thresholds ?? []).filter((t) => thresholdApplies(t, metricId)).map((t) => ({ threshold: t, markMs: thresholdMark(t.at, targetMs) }));
  return { policyId: p.id, policyName: p.name ?? null, why, calendarId, time, calendar, targetMs, thresholds };
};

/**
 * Validates and compiles an SLA configuration once, or returns an `InvalidInput` naming each bad
 * field (unknown calendar, field, metric…). Nothing given is modified.
 * @example
 * const compiled = compileSlaConfig({ policies: [standard], calendars: { madrid } })
 * if (compiled instanceof InvalidInput) throw compiled
 */
export const compileSlaConfig = (config: SlaConfig): CompiledSlaConfig | InvalidInput => {
  const metrics = decodeInput(Schema.Array(MetricDefinition), config.metrics ?? defaultMetrics, "SLA metrics");
  if (metrics instanceof InvalidInput) return metrics;
  const policies = decodeInput(Schema.Array(SlaPolicy), config.policies, "SLA policies");
  if (policies instanceof InvalidInput) return policies;
  const ids = new Set(metrics.map((m) => m.id));
  if (ids.size !== metrics.length) return invalidInput("SLA metrics", [{ path: "metrics", message: "metric ids must be unique" }]);
  const issues = checkPolicies(policies, ids, config.calendars);
  if (issues.length > 0) return invalidInput("SLA policies", issues);
  const compiledPolicies = policies.map((policy): CompiledPolicy => {
    const condition = compileCondition(policy);
    const targetings = metrics.map(
      (m) => Object.fromEntries(priorityOrder.map((pr) => [pr, targetingOf(policy, condition.why, m.id, pr, config.calendars)])) as Record<Priority, Targeting>,
    );
    return { id: policy.id, policy, condition, targetings };
  });
  const overrides = config.pauseReasons ?? {};
  const pauseOf = (status: Status): PauseReason | undefined =>
    Object.hasOwn(overrides, status) ? (overrides[status] ?? undefined) : pauseReasonOf(status);
  return {
    _tag: "CompiledSlaConfig",
    source: config,
    metrics: metrics.map(compileMetric),
    policies: compiledPolicies,
    untargeted,
    retarget: config.retarget ?? "keep-elapsed",
    readsStatus: policies.some((p) => [...(p.all ?? []), ...(p.any ?? [])].some((c) => c.field === "status")),
    pauseReasonOf: pauseOf,
  };
};

/**
 * Like `compileSlaConfig`, but throws the `InvalidInput` (for configurations known to be valid).
 * @example const compiled = compileSlaConfigOrThrow({ policies: [] })
 */
export const compileSlaConfigOrThrow = (config: SlaConfig): CompiledSlaConfig => {
  const c = compileSlaConfig(config);
  if (c instanceof InvalidInput) throw c;
  return c;
};
