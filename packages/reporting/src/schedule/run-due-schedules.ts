import type { Store } from "@spoc/core";
import type { Kysely } from "kysely";
import { PassThrough } from "node:stream";
import type { DataSetSource } from "../dataset/data-set-source";
import type { DataSetPeriod } from "../dataset/definition";
import { localMidnight, resolvePeriod } from "../dataset/period-buckets";
import { ValueFormatter } from "../model/value-formatter";
import type { AnyRenderOptions } from "../render/render-report";
import type { ReportFormat } from "../model/render-options";
import { predefinedReport } from "../reports/predefined";
import type { ReportDefinition } from "../reports/report-definition";
import { labelsFromStore } from "../run/dimension-labels";
import { runReport } from "../run/run-report";
import type { ReportMailer } from "./report-mailer";
import { defaultDeliveryPolicy, type DeliveryPolicy, isTransientDeliveryError, reportMessageId, retryAt } from "./delivery-policy";
import type { ClaimedRun, RunClaims, RunKey } from "./run-claims";
import { decodeSchedule, dueFireTime, type ReportSchedule } from "./schedule";
import type { SqlReportOptions } from "../sql/sql-report";
import { runSqlReportFiles } from "../sql/sql-report-files";

// A run's rendered files, kept in memory for the mail: one sink per format, read back in format order.
const inMemoryFiles = () => {
  const chunks = new Map<ReportFormat, Array<Buffer>>();
  return {
    out: (format: ReportFormat): PassThrough => {
      const sink = new PassThrough();
      const list: Array<Buffer> = [];
      chunks.set(format, list);
      sink.on("data", (c: Buffer) => list.push(c));
      return sink;
    },
    contents: (formats: ReadonlyArray<ReportFormat>) => formats.map((f) => ({ format: f, content: Buffer.concat(chunks.get(f) ?? []) })),
  };
};

/**
 * What a scheduler host passes in; `now` is an argument, never read from the clock here.
 * @example
 * await runDueSchedules({ store, claims: sqlRunClaims(db), mailer, sourceFor: (ids) => sqlDataSource(db, ids), now: Date.now(), workerId: "w1" })
 */
export interface RunDueOptions {
  readonly store: Store;
  readonly claims: RunClaims;
  readonly mailer: ReportMailer;
  /** The data source for a service's reports (SQL on a database, memory on the memory store). */
  readonly sourceFor: (serviceIds: ReadonlyArray<string>) => DataSetSource;
  readonly now: number;
  readonly workerId: string;
  /** Lease, retry backoff and deadline (see `defaultDeliveryPolicy`). */
  readonly delivery?: Partial<DeliveryPolicy>;
  /** The domain of the runs' Message-IDs (default `spoc.invalid`). */
  readonly messageIdDomain?: string;
  /** The largest HTML report sent as the e-mail body itself (default `maxHtmlBodyBytes`, 256 KB). */
  readonly maxHtmlBodyBytes?: number;
  /**
   * The database SQL reports run on, and their guards (row cap, timeout): a schedule holding a SQL
   * report runs it through `runSqlReport` as the system, scoped to the schedule's service. Without
   * it such a run fails, saying so.
   */
  readonly sql?: { readonly db: Kysely<any>; readonly options?: SqlReportOptions };
  /** Where a run that failed for good is reported (default: a line on stderr). */
  readonly onFailed?: (run: RunKey & { readonly error: string }) => void;
}

/**
 * What one pass did: runs sent, runs another host holds, runs left for a retry, runs that failed for good.
 * @example
 * const { sent, skipped, retrying, failed }: RunDueReport = await runDueSchedules(options)
 */
export interface RunDueReport {
  readonly sent: ReadonlyArray<{ serviceId: string; scheduleId: string; fireTime: number }>;
  readonly skipped: number;
  readonly retrying: ReadonlyArray<{ serviceId: string; scheduleId: string; fireTime: number; retryAt: number; error: string }>;
  readonly failed: ReadonlyArray<{ serviceId: string; scheduleId: string; fireTime: number; error: string }>;
}

const contentTypes: Readonly<Record<ReportFormat, string>> = {
  html: "text/html; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

const localYmd = (at: number, zone: string) => {
  const p = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(at));
  const [y, m, d] = p.split("-").map(Number) as [number, number, number];
  return { y, m, d };
};

/**
 * The period a run covers: the day, ISO week or month before the fire time's local day.
 * @example lookbackPeriod(Date.parse("2025-03-10T07:00:00Z"), "UTC", "week") // 2025-03-03 → 2025-03-10
 */
export const lookbackPeriod = (fireTime: number, zone: string, lookback: ReportSchedule["lookback"]): DataSetPeriod => {
  const { y, m, d } = localYmd(fireTime, zone);
  const day = new Date(Date.UTC(y, m - 1, d));
  const shift = (days: number) => new Date(day.getTime() + days * 86_400_000);
  const start =
    lookback === "day" ? shift(-1) : lookback === "week" ? shift(-7 - ((day.getUTCDay() + 6) % 7)) : new Date(Date.UTC(y, m - 2, 1));
  const end = lookback === "day" ? day : lookback === "week" ? shift(-((day.getUTCDay() + 6) % 7)) : new Date(Date.UTC(y, m - 1, 1));
  const instant = (x: Date) => new Date(localMidnight(x.getUTCFullYear(), x.getUTCMonth() + 1, x.getUTCDate(), zone)).toISOString();
  return { from: instant(start), to: instant(end), timeZone: zone };
};

/** The report a schedule's run renders: its report over the lookback period before the fire time. @example const definition = scheduledReport(schedule, Date.parse("2025-03-10T07:00:00Z")) */
export const scheduledReport = (schedule: ReportSchedule, fireTime: number): ReportDefinition => {
  const period = lookbackPeriod(fireTime, schedule.timeZone, schedule.lookback);
  if ("sql" in schedule.report) throw new TypeError(`schedule ${schedule.id} holds a SQL report, not a report definition`);
  const base = "predefined" in schedule.report ? predefinedReport(schedule.report.predefined, { period }) : schedule.report.definition;
  const granularity = base.dataSet.period.granularity;
  return {
    ...base,
    dataSet: {
      ...base.dataSet,
      period: granularity ? { ...period, granularity } : period,
      filters: { ...base.dataSet.filters, ...schedule.filters, services: [schedule.serviceId] },
    },
  };
};

const render = async (
  definition: ReportDefinition,
  source: DataSetSource,
  formats: ReadonlyArray<ReportFormat>,
  store: Store,
  serviceId: string,
  now: number,
  schedule: { readonly name: string; readonly lookback: string },
  renderOptions: Partial<AnyRenderOptions> = {},
) => {
  const files = inMemoryFiles();
  const labels = await labelsFromStore(store, [serviceId]);
  const service = await store.getService(serviceId as never);
  await runReport(definition, {
    source, formats, labels, generatedAt: new Date(now), serviceNames: service ? [service.name] : [], schedule, render: renderOptions,
    out: files.out,
  });
  return files.contents(formats);
};

/**
 * Runs every schedule that is due at `now`, once, and takes over runs whose lease expired (a killed
 * scheduler's, or one waiting for a retry). Each (service, schedule, fire time) is claimed first, and
 * only the claimant renders and mails it. A transient SMTP failure (4xx, dropped or timed-out
 * connection) leaves the run for a later pass after a growing backoff, until the delivery deadline;
 * then, like a permanent failure, it is recorded as failed and reported. Safe to call from several hosts.
 * @example await runDueSchedules({ store, claims: sqlRunClaims(db), mailer, sourceFor: (s) => sqlDataSource(db, s), now: Date.now(), workerId: hostname() })
 */
export const runDueSchedules = async (options: RunDueOptions): Promise<RunDueReport> => {
  const { store, claims, mailer, now, workerId } = options;
  const policy: DeliveryPolicy = { ...defaultDeliveryPolicy, ...options.delivery };
  const onFailed = options.onFailed ??
    ((f) => process.stderr.write(`spoc: scheduled report ${f.serviceId}/${f.scheduleId} at ${new Date(f.fireTime).toISOString()} failed: ${f.error}\n`));
  const sent: Array<RunDueReport["sent"][number]> = [];
  const retrying: Array<RunDueReport["retrying"][number]> = [];
  const failed: Array<RunDueReport["failed"][number]> = [];
  let skipped = 0;
  const schedules = new Map<string, ReportSchedule>();
  const candidates = new Map<string, RunKey>();
  const keyOf = (k: RunKey) => JSON.stringify([k.serviceId, k.scheduleId, k.fireTime]);
  for (const service of await store.listServices()) {
    for (const { doc } of await store.listConfig(service.id, "schedule")) {
      const schedule = decodeSchedule(doc);
      schedules.set(JSON.stringify([service.id, schedule.id]), schedule);
      const fireTime = dueFireTime(schedule, now);
      if (fireTime !== undefined) candidates.set(keyOf({ serviceId: service.id, scheduleId: schedule.id, fireTime }), { serviceId: service.id, scheduleId: schedule.id, fireTime });
    }
  }
  for (const run of await claims.expired(now)) candidates.set(keyOf(run), run);

  for (const key of candidates.values()) {
    const schedule = schedules.get(JSON.stringify([key.serviceId, key.scheduleId]));
    if (schedule === undefined) continue;
    const run = await claims.claim({ ...key, workerId, at: now, leaseMs: policy.leaseMs, messageId: reportMessageId(key, options.messageIdDomain ?? "spoc.invalid") });
    if (run === undefined) {
      skipped++;
      continue;
    }
    try {
      await deliver(schedule, run, options);
      await claims.finish(key, { status: "sent", at: now });
      sent.push(key);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const next = isTransientDeliveryError(e) ? retryAt(run, now, policy) : undefined;
      if (next !== undefined) {
        await claims.retry(key, { at: now, retryAt: next, error });
        retrying.push({ ...key, retryAt: next, error });
        continue;
      }
      await claims.finish(key, { status: "failed", at: now, error });
      failed.push({ ...key, error });
      onFailed({ ...key, error });
    }
  }
  return { sent, skipped, retrying, failed };
};

/**
 * The largest HTML report sent as the e-mail body itself; a larger one is cut to its first rows.
 * @example
 * runDueSchedules({ ...options, maxHtmlBodyBytes: 2 * maxHtmlBodyBytes }) // allow larger HTML bodies
 */
export const maxHtmlBodyBytes = 256 * 1024;
/**
 * The rows an e-mail body shows of a report too large to be the body.
 * @example
 * bodyRows // 25: the rows an e-mail body shows of a report too large to be the body
 */
export const bodyRows = 25;

/**
 * The period of a run as people name it, in the schedule's zone: "October 2026" for a month,
 * "5 Oct 2026 – 11 Oct 2026" for a week, "12 Oct 2026" for a day.
 * @example periodName(lookbackPeriod(Date.parse("2026-11-01T07:00:00Z"), "Europe/Madrid", "month"), "month") // "October 2026"
 */
export const periodName = (period: DataSetPeriod, lookback: ReportSchedule["lookback"]): string => {
  const { from, to } = resolvePeriod(period, false);
  if (lookback === "month") return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: period.timeZone }).format(new Date(from));
  return new ValueFormatter("en-GB", period.timeZone).formatPeriod(new Date(from), new Date(to));
};

type Files = ReadonlyArray<{ format: ReportFormat; content: Buffer }>;

/** Renders a SQL schedule's report into buffers, as the system scoped to the schedule's service. */
const renderSql = async (schedule: ReportSchedule, period: DataSetPeriod, formats: ReadonlyArray<ReportFormat>, options: RunDueOptions, renderOptions: Partial<AnyRenderOptions> = {}): Promise<Files> => {
  if (!("sql" in schedule.report)) throw new TypeError("not a SQL schedule");
  if (options.sql === undefined) throw new Error(`schedule ${schedule.id} holds a SQL report, and this scheduler was given no database for SQL reports (runDueSchedules' sql option)`);
  const files = inMemoryFiles();
  const service = await options.store.getService(schedule.serviceId as never);
  const { from, to } = resolvePeriod(period, false);
  await runSqlReportFiles({ kind: "system", name: `schedule:${schedule.id}` }, schedule.report.sql, options.sql.db, {
    ...options.sql.options, serviceIds: [schedule.serviceId], period: { from, to, timeZone: period.timeZone }, formats,
    generatedAt: new Date(options.now), serviceNames: service ? [service.name] : [], schedule: { name: schedule.id, lookback: schedule.lookback }, render: renderOptions,
    out: files.out,
  });
  return files.contents(formats);
};

const deliver = async (schedule: ReportSchedule, run: ClaimedRun, options: RunDueOptions): Promise<void> => {
  const about = { name: schedule.id, lookback: schedule.lookback };
  const sqlReport = "sql" in schedule.report ? schedule.report.sql : undefined;
  const period = lookbackPeriod(run.fireTime, schedule.timeZone, schedule.lookback);
  const definition = sqlReport === undefined ? scheduledReport(schedule, run.fireTime) : undefined;
  const source = definition === undefined ? undefined : options.sourceFor([schedule.serviceId]);
  const renderAs = (formats: ReadonlyArray<ReportFormat>, renderOptions?: Partial<AnyRenderOptions>): Promise<Files> =>
    definition !== undefined && source !== undefined
      ? render(definition, source, formats, options.store, schedule.serviceId, options.now, about, renderOptions)
      : renderSql(schedule, period, formats, options, renderOptions);
  const files = await renderAs(schedule.formats);
  // The body is the HTML report (rendered for it when not among the formats); a large one is rendered again, cut to its first rows.
  const full = files.find((f) => f.format === "html")?.content ?? (await renderAs(["html"]))[0]!.content;
  const body =
    full.length <= (options.maxHtmlBodyBytes ?? maxHtmlBodyBytes)
      ? full
      : (await renderAs(["html"], {
          rowLimit: bodyRows,
          rowLimitNote: `The first ${bodyRows} rows are shown${sqlReport !== undefined && sqlReport.totals !== true ? "" : "; the totals cover every row"}. The full report is attached (${schedule.formats.join(", ")}).`,
        }))[0]!.content;
  const title = definition?.title ?? sqlReport?.title;
  const service = await options.store.getService(schedule.serviceId as never);
  const when = periodName(definition?.dataSet.period ?? period, schedule.lookback);
  const stamp = localDay(definition?.dataSet.period ?? period);
  const subject = [title, service?.name, when].filter((x): x is string => x !== undefined && x !== "").join(" — ");
  await options.mailer.send({
    to: schedule.recipients,
    messageId: run.messageId,
    subject,
    text: [
      subject,
      "",
      `Period: ${when} (${schedule.timeZone})`,
      ...(service ? [`Service: ${service.name}`] : []),
      `Schedule: ${schedule.id}, each run covers the previous ${schedule.lookback}`,
      "",
      `The report is attached (${schedule.formats.join(", ")}).`,
    ].join("\n"),
    html: body.toString("utf8"),
    attachments: files.map((f) => ({ filename: `${schedule.id}-${stamp}.${f.format}`, content: f.content, contentType: contentTypes[f.format] })),
  });
};

/** The first local day of a period, for file names ("2026-10-01"). */
const localDay = (period: DataSetPeriod): string => {
  const { y, m, d } = localYmd(resolvePeriod(period, false).from, period.timeZone);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
};

/**
 * Stores a schedule as the service's `schedule` configuration document (validated first).
 * @example await putSchedule(store, { id: "weekly", serviceId: "svc-it", report: { predefined: "sla" }, … })
 */
export const putSchedule = async (store: Store, input: unknown): Promise<ReportSchedule> => {
  const schedule = decodeSchedule(input);
  await store.putConfig(schedule.serviceId as never, "schedule", schedule.id, schedule);
  return schedule;
};

/** The schedules of some services (every service when none are named). @example for (const s of await listSchedules(store, ["svc-it"])) console.log(s.id, s.cron) */
export const listSchedules = async (store: Store, serviceIds?: ReadonlyArray<string>): Promise<ReadonlyArray<ReportSchedule>> => {
  const services = serviceIds ?? (await store.listServices()).map((s) => s.id);
  const out: Array<ReportSchedule> = [];
  for (const s of services) for (const { doc } of await store.listConfig(s as never, "schedule")) out.push(decodeSchedule(doc));
  return out;
};
