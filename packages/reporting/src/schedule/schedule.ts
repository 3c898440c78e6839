import { decodeInput, InvalidInput } from "@spoc/core";
import { Cron } from "croner";
import { Schema } from "effect";
import { DataSetFilters } from "../dataset/definition";
import { predefinedNames } from "../reports/predefined";
import { ReportDefinition } from "../reports/report-definition";
import { SqlReportSpec } from "../sql/sql-report-spec";

/**
 * A report sent by email on a cron schedule in an IANA time zone. Each run covers the `lookback`
 * before its fire time (the previous day, week or month in the zone).
 * @example
 * const s: ReportSchedule = { id: "weekly-sla", serviceId: "svc-it", report: { predefined: "sla" }, cron: "0 7 * * 1",
 *   timeZone: "Europe/Madrid", lookback: "week", recipients: ["boss@example.com"], formats: ["pdf", "xlsx"], createdAt: 0 }
 */
export const ReportSchedule = Schema.Struct({
  id: Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_.-]{1,100}$/)),
  serviceId: Schema.NonEmptyString,
  /** A predefined report, a report definition, or a SQL report (its `:from`/`:to` bound to the run's period). */
  report: Schema.Union([Schema.Struct({ predefined: Schema.Literals(predefinedNames) }), Schema.Struct({ definition: ReportDefinition }), Schema.Struct({ sql: SqlReportSpec })]),
  cron: Schema.String.check(
    Schema.makeFilter((c: string) => {
      try {
        new Cron(c, { paused: true });
        return true;
      } catch (e) {
        return `not a cron expression: ${(e as Error).message}`;
      }
    }),
  ),
  timeZone: Schema.String.check(Schema.makeFilter((z: string) => { try { new Intl.DateTimeFormat("en", { timeZone: z }); return true; } catch { return "expected an IANA time zone"; } })),
  lookback: Schema.Literals(["day", "week", "month"]),
  recipients: Schema.Array(Schema.String.check(Schema.isPattern(/^[^\s@]+@[^\s@]+$/))).check(Schema.isMinLength(1)),
  formats: Schema.Array(Schema.Literals(["html", "xlsx", "pdf"])).check(Schema.isMinLength(1)),
  filters: Schema.optionalKey(DataSetFilters),
  enabled: Schema.optionalKey(Schema.Boolean),
  /** Fire times before this instant are never run (so a new schedule does not send history). */
  createdAt: Schema.Number,
});
/** A report sent by email on a cron schedule. */
export type ReportSchedule = typeof ReportSchedule.Type;

/** Decodes a schedule; a bad one throws `InvalidInput` naming each bad path. @example const schedule = decodeSchedule(JSON.parse(await readFile("weekly.json", "utf8"))) */
export const decodeSchedule = (input: unknown): ReportSchedule => {
  const r = decodeInput(ReportSchedule, input, "report schedule");
  if (r instanceof InvalidInput) throw r;
  return r;
};

/**
 * The fire time a schedule should run at `now`: its latest fire time not after `now` and not
 * before it was created — so runs missed while no host was up are caught up once, not one by one.
 * @example dueFireTime(schedule, Date.parse("2025-03-10T07:05:00Z")) // 1741590000000 for "0 7 * * 1" in UTC
 */
export const dueFireTime = (schedule: ReportSchedule, now: number): number | undefined => {
  if (schedule.enabled === false) return undefined;
  const cron = new Cron(schedule.cron, { timezone: schedule.timeZone, paused: true });
  const [last] = cron.previousRuns(1, new Date(now + 1));
  if (last === undefined) return undefined;
  const t = last.getTime();
  return t >= schedule.createdAt && t <= now ? t : undefined;
};
