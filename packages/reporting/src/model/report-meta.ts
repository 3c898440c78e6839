import * as Schema from "effect/Schema";

/**
 * The period a report covers, as instants, with the time zone its dates are shown in.
 * @example
 * Schema.decodeUnknownSync(ReportPeriod)({ from: new Date("2026-03-01"), to: new Date("2026-04-01"), timeZone: "Europe/Madrid" })
 */
export const ReportPeriod = Schema.Struct({
  from: Schema.Date,
  to: Schema.Date,
  timeZone: Schema.String,
});
/** The period a report covers, as instants, with the time zone its dates are shown in. */
export type ReportPeriod = typeof ReportPeriod.Type;

/**
 * What a rendered report says about itself: title, period, when it was made, for which services.
 *
 * `generatedAt` is passed in: renderers never read the clock.
 * @example
 * const meta: ReportMeta = {
 *   title: "Weekly resolution",
 *   period: { from: new Date("2025-03-03T00:00:00Z"), to: new Date("2025-03-10T00:00:00Z"), timeZone: "Europe/Athens" },
 *   generatedAt: new Date("2025-03-10T06:00:00Z"),
 *   serviceNames: ["IT Help Desk"],
 * }
 */
export const ReportMeta = Schema.Struct({
  title: Schema.String,
  subtitle: Schema.optionalKey(Schema.String),
  period: ReportPeriod,
  generatedAt: Schema.Date,
  serviceNames: Schema.Array(Schema.String),
  /** More header lines, each "label: value": the active filters, a scheduled run's schedule. */
  facts: Schema.optionalKey(Schema.Array(Schema.Struct({ label: Schema.String, value: Schema.String }))),
});
/** What a rendered report says about itself: title, period, when it was made, for which services. */
export type ReportMeta = typeof ReportMeta.Type;
