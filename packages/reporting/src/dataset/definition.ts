import { Schema } from "effect";

/**
 * What a data set's rows are grouped by. `period` buckets by day, week (ISO, Monday) or month in the period's zone.
 * @example
 * Schema.decodeUnknownSync(Dimension)("organisation") // "organisation"
 */
export const Dimension = Schema.Literals([
  "service",
  "group",
  "agent",
  "channel",
  "priority",
  "category",
  "type",
  "organisation",
  "status",
  "period",
]);
/** What a data set's rows are grouped by. */
export type Dimension = typeof Dimension.Type;

/**
 * The measures with a fixed name; `sla-compliance:<metric>` names one SLA metric's compliance.
 * @example
 * fixedMeasures.includes("reopen-rate") // true
 */
export const fixedMeasures = [
  "created",
  "resolved",
  "closed",
  "backlog",
  "first-response-mean",
  "first-response-median",
  "first-response-p90",
  "first-response-business-mean",
  "first-response-business-median",
  "first-response-business-p90",
  "resolution-mean",
  "resolution-median",
  "resolution-p90",
  "resolution-business-mean",
  "resolution-business-median",
  "resolution-business-p90",
  "sla-compliance",
  "breaches",
  "reopen-rate",
  "group-reassignments",
  "agent-reassignments",
  "one-touch-rate",
  "time-logged",
  "billable-minutes",
  "cost",
  "handed-off-cost",
  "satisfaction",
  "rated",
] as const;

/**
 * A figure computed per row: a fixed measure, or `sla-compliance:<metric id>`.
 * @example
 * Schema.decodeUnknownSync(Measure)("sla-compliance:first-response") // one SLA metric's compliance
 */
export const Measure = Schema.Union([
  Schema.Literals(fixedMeasures),
  Schema.TemplateLiteral(["sla-compliance:", Schema.String]).check(Schema.isPattern(/^sla-compliance:[A-Za-z0-9_-]+$/)),
]);
/** A figure computed per row. */
export type Measure = typeof Measure.Type;

/**
 * Bucket size of the `period` dimension.
 * @example
 * const period: DataSetPeriod = { from: "2026-01-01", to: "2026-03-31", timeZone: "Europe/Berlin", granularity: "month" }
 */
export const Granularity = Schema.Literals(["day", "week", "month"]);
/** Bucket size of the `period` dimension. */
export type Granularity = typeof Granularity.Type;

const Values = Schema.Array(Schema.String.check(Schema.isMinLength(1)));

/**
 * Narrows the tickets a data set reads; each present field keeps only tickets whose value is listed.
 * @example
 * Schema.decodeUnknownSync(DataSetFilters)({ channels: ["email", "phone"], priorities: ["urgent", "high"] })
 */
export const DataSetFilters = Schema.Struct({
  services: Schema.optionalKey(Values),
  groups: Schema.optionalKey(Values),
  agents: Schema.optionalKey(Values),
  channels: Schema.optionalKey(Values),
  priorities: Schema.optionalKey(Values),
  categories: Schema.optionalKey(Values),
  types: Schema.optionalKey(Values),
  organisations: Schema.optionalKey(Values),
  statuses: Schema.optionalKey(Values),
});
/** Narrows the tickets a data set reads. */
export type DataSetFilters = typeof DataSetFilters.Type;

const isZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** An instant as ISO text (`2025-03-01T08:00:00Z`) or a local date in the period's zone (`2025-03-01`). */
const InstantText = Schema.String.check(
  Schema.makeFilter((s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) || !Number.isNaN(Date.parse(s)) || "expected an ISO date or date-time"),
);

/**
 * The period a data set covers: `from` inclusive, `to` exclusive (a bare date `to` includes that whole day).
 * @example
 * const p: DataSetPeriod = { from: "2025-03-01", to: "2025-03-31", timeZone: "Europe/Athens", granularity: "week" }
 */
export const DataSetPeriod = Schema.Struct({
  from: InstantText,
  to: InstantText,
  timeZone: Schema.String.check(Schema.makeFilter((z: string) => isZone(z) || "expected an IANA time zone")),
  granularity: Schema.optionalKey(Granularity),
});
/** The period a data set covers. */
export type DataSetPeriod = typeof DataSetPeriod.Type;

/**
 * A data set: dimensions × measures × filters over a period. Rows stream one per combination of
 * dimension values that has a non-zero figure.
 * @example
 * const d: DataSetDefinition = {
 *   dimensions: ["group"], measures: ["created", "resolved", "first-response-median"],
 *   period: { from: "2025-03-01", to: "2025-03-31", timeZone: "Europe/Madrid" },
 * }
 */
export const DataSetDefinition = Schema.Struct({
  dimensions: Schema.Array(Dimension),
  measures: Schema.Array(Measure).check(Schema.isMinLength(1)),
  filters: Schema.optionalKey(DataSetFilters),
  period: DataSetPeriod,
});
/** A data set: dimensions × measures × filters over a period. */
export type DataSetDefinition = typeof DataSetDefinition.Type;
