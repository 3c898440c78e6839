import type { Principal } from "@spoc/core";
import type { Kysely } from "kysely";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Writable } from "node:stream";
import type { ReportMeta } from "../model/report-meta";
import type { ReportFormat } from "../model/render-options";
import { renderReport, type AnyRenderOptions } from "../render/render-report";
import type { RunReportResult } from "../run/run-report";
import { planSqlColumns } from "./sql-columns";
import { runSqlReport, type SqlReportOptions, type SqlReportQuery, type SqlReportResult } from "./sql-report";
import type { SqlReportSpec } from "./sql-report-spec";

/** What `runSqlReportFiles` needs besides the report. @example const options: SqlReportFilesOptions = { serviceIds: ["svc-it"], period: { from, to, timeZone: "Europe/Madrid" }, formats: ["pdf"], out: "reports", generatedAt: new Date() } */
export interface SqlReportFilesOptions extends SqlReportOptions {
  readonly serviceIds: ReadonlyArray<string>;
  /** The period the report covers, as instants (epoch ms), bound to `:from` and `:to`. */
  readonly period: { readonly from: number; readonly to: number; readonly timeZone: string };
  readonly formats: ReadonlyArray<ReportFormat>;
  /** A directory (files `<baseName>.<format>`) or a stream per format. */
  readonly out: string | ((format: ReportFormat) => Writable);
  readonly baseName?: string;
  readonly generatedAt: Date;
  readonly serviceNames?: ReadonlyArray<string>;
  /** For a scheduled run: the schedule's name and the span each run covers (shown in the header). */
  readonly schedule?: { readonly name: string; readonly lookback: string };
  readonly render?: Partial<AnyRenderOptions>;
  /** Runs the query (default `runSqlReport` with these options); a test or host may wrap it. */
  readonly run?: (query: SqlReportQuery) => Promise<SqlReportResult>;
}

const kebab = (s: string) => s.normalize("NFKD").replace(/[^\w\s-]/g, "").trim().toLowerCase().replace(/[\s_]+/g, "-") || "report";

/**
 * Runs a SQL report (through `runSqlReport`, so with its guards: `report.sql` on every service,
 * the scoped views only, read-only, timeout, row cap) and renders it in each format, with columns
 * typed by `planSqlColumns`. The query runs once; every format renders the same rows.
 * @example
 * await runSqlReportFiles(principal, { title: "Open by priority", sql: "select priority, count(*) as n from tickets group by priority" }, db,
 *   { serviceIds: ["svc-it"], period: { from, to, timeZone: "UTC" }, formats: ["html", "pdf"], out: "out", generatedAt: new Date() })
 */
export const runSqlReportFiles = async (
  principal: Principal,
  spec: SqlReportSpec,
  db: Kysely<any>,
  options: SqlReportFilesOptions,
): Promise<ReadonlyArray<RunReportResult>> => {
  const query: SqlReportQuery = { sql: spec.sql, params: { from: options.period.from, to: options.period.to, ...spec.params }, serviceIds: options.serviceIds };
  const result = await (options.run ?? ((q) => runSqlReport(principal, q, db, options)))(query);
  const plans = planSqlColumns(result.columns, result.rows, spec.sql, spec.columns);
  const rows = result.rows.map((r) => Object.fromEntries(plans.map((p) => [p.column.key, p.convert(r[p.column.key])])));
  const facts = [
    ...(result.truncated ? [{ label: "Rows", value: `the first ${rows.length.toLocaleString("en")} (the row cap)` }] : []),
    ...(options.schedule ? [{ label: "Schedule", value: `${options.schedule.name}, each run covers the previous ${options.schedule.lookback}` }] : []),
  ];
  const meta: ReportMeta = {
    title: spec.title,
    period: { from: new Date(options.period.from), to: new Date(options.period.to), timeZone: options.period.timeZone },
    generatedAt: options.generatedAt,
    serviceNames: [...(options.serviceNames ?? [])],
    ...(facts.length > 0 ? { facts } : {}),
  };
  const renderOptions: AnyRenderOptions = { totals: spec.totals ?? false, ...options.render };
  const columns = plans.map((p) => p.column);
  const base = options.baseName ?? kebab(spec.title);
  if (typeof options.out === "string") await mkdir(options.out, { recursive: true });
  const results: Array<RunReportResult> = [];
  for (const format of options.formats) {
    const path = typeof options.out === "string" ? join(options.out, `${base}.${format}`) : undefined;
    const output = typeof options.out === "string" ? createWriteStream(path as string) : options.out(format);
    async function* each() {
      yield* rows;
    }
    results.push({ format, path, summary: await renderReport(format, meta, columns, each(), renderOptions, output) });
  }
  return results;
};
