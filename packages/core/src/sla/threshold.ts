import * as Schema from "effect/Schema";

const MINUTE = 60_000;

/**
 * Where a threshold sits: a percentage of the target, or a signed offset from the due instant.
 * @example
 * Schema.decodeUnknownSync(Sla.ThresholdAt)({ offsetMinutes: -30 }) // half an hour before the due instant
 */
export const ThresholdAt = Schema.Union([
  Schema.Struct({ percent: Schema.Number.check(Schema.isFinite(), Schema.isGreaterThanOrEqualTo(0)) }),
  /** Minutes of the metric's own time (business or calendar); negative is before the due instant. */
  Schema.Struct({ offsetMinutes: Schema.Number.check(Schema.isFinite()) }),
]);
export type ThresholdAt = typeof ThresholdAt.Type;

/**
 * A warning or an escalation level, placed relative to a metric's target. One model covers
 * iTop's 75 % / 100 %, GLPI's levels (±offset from the due date) and Freshdesk's reminders.
 * @example const warn: Threshold = { id: "warn-75", kind: "warning", at: { percent: 75 } }
 * @example const l2: Threshold = { id: "l2", kind: "escalation", level: 2, at: { offsetMinutes: 60 } }
 */
export const Threshold = Schema.Struct({
  id: Schema.String.check(Schema.isMinLength(1)),
  kind: Schema.Literals(["warning", "escalation"]),
  level: Schema.optionalKey(Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1))),
  at: ThresholdAt,
  /** Metric ids this threshold applies to; absent means every metric with a target. */
  metrics: Schema.optionalKey(Schema.Array(Schema.String)),
});
export type Threshold = typeof Threshold.Type;

/**
 * The elapsed time (ms of the metric's own time) at which a threshold is crossed, for a target.
 * @example thresholdMark({ percent: 75 }, 3_600_000) // 2_700_000
 * @example thresholdMark({ offsetMinutes: -10 }, 3_600_000) // 3_000_000
 */
export const thresholdMark = (at: ThresholdAt, targetMs: number): number =>
  "percent" in at ? Math.round((targetMs * at.percent) / 100) : Math.max(0, targetMs + at.offsetMinutes * MINUTE);

/** Whether a threshold watches a metric. @example thresholdApplies({ id: "w", kind: "warning", at: { percent: 50 } }, "resolution") // true */
export const thresholdApplies = (threshold: Threshold, metricId: string): boolean =>
  threshold.metrics === undefined || threshold.metrics.includes(metricId);
