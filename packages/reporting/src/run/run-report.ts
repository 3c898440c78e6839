import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Writable } from "node:stream";
import type { DataSetRow } from "../dataset/data-set-row";
import type { DataSetSource } from "../dataset/data-set-source";
import { resolvePeriod } from "../dataset/period-buckets";
import type { ReportMeta } from "../model/report-meta";
import type { RenderSummary, ReportFormat } from "../model/render-options";
import { renderReport, type AnyRenderOptions } from "../render/render-report";
import { columnsOf } from "../reports/report-columns";
import type { ReportDefinition } from "../reports/report-definition";
import { withLabels, type DimensionLabels } from "./dimension-labels";
import { reportTotals } from "./report-totals";

/** What `runReport` needs besides the definition. */
export interface RunReportOptions {
  readonly source: DataSetSource;
  readonly formats: ReadonlyArray<ReportFormat>;
  /** Where each format goes: a directory (files `<baseName>.<format>`) or a stream per format. */
  readonly out: string | ((format: ReportFormat) => Writable);
  /** The file name without extension (default: the title in kebab case). */
  readonly baseName?: string;
  /** When the report is made (shown on it); reports never read the clock. */
  readonly generatedAt: Date;
  readonly serviceNames?: ReadonlyArray<string>;
  readonly labels?: DimensionLabels;
  readonly locale?: string;
  /** Called every `progressEvery` rows (default 1000) and at the end of each format. */
  readonly onProgress?: (progress: { readonly format: ReportFormat; readonly rows: number; readonly done: boolean }) => void;
  readonly progressEvery?: number;
}

/** One rendered file (or stream) of a report run. */
export interface RunReportResult {
  readonly format: ReportFormat;
  readonly path: string | undefined;
  readonly summary: RenderSummary;
}

const kebab = (s: string) => s.normalize("NFKD").replace(/[^\w\s-]/g, "").trim().toLowerCase().replace(/[\s_]+/g, "-") || "report";

const compare = (a: unknown, b: unknown): number => {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  return (x as number) < (y as number) ? -1 : 1;
};

/**
 * The rows a report renders: the data set's rows with names for ids, sorted as the layout asks
 * (sorting holds the grouped rows, which are few; unsorted rows stream straight through).
 * @example for await (const row of reportRows(definition, source, labels)) console.log(row)
 */
export async function* reportRows(definition: ReportDefinition, source: DataSetSource, labels: DimensionLabels = {}): AsyncGenerator<DataSetRow> {
  const { sort, grouping } = definition.layout;
  const rows = source.rows(definition.dataSet);
  if (sort === undefined && (grouping === undefined || grouping.by === definition.dataSet.dimensions[0])) {
    for await (const row of rows) yield withLabels(row, labels);
    return;
  }
  const all: Array<DataSetRow> = [];
  for await (const row of rows) all.push(withLabels(row, labels));
  const sign = sort?.direction === "desc" ? -1 : 1;
  all.sort((a, b) => (grouping ? compare(a[grouping.by], b[grouping.by]) : 0) || (sort ? sign * compare(a[sort.by], b[sort.by]) : 0));
  yield* all;
}

/**
 * Runs a report end to end: evaluates its data set and renders each format (streaming rows) into
 * files or streams. Returns what was written.
 * @example
 * await runReport(predefinedReport("sla", { period }), { source: sqlDataSource(db, ["svc-it"]), formats: ["html", "pdf"], out: "out", generatedAt: new Date() })
 */
export const runReport = async (definition: ReportDefinition, options: RunReportOptions): Promise<ReadonlyArray<RunReportResult>> => {
  const columns = columnsOf(definition);
  const period = resolvePeriod(definition.dataSet.period, false);
  const meta: ReportMeta = {
    title: definition.title,
    ...(definition.subtitle !== undefined ? { subtitle: definition.subtitle } : {}),
    period: { from: new Date(period.from), to: new Date(period.to), timeZone: period.timeZone },
    generatedAt: options.generatedAt,
    serviceNames: [...(options.serviceNames ?? [])],
  };
  const { grouping, chart, totals, sheetPerGroup } = definition.layout;
  const renderOptions: AnyRenderOptions = {
    ...(grouping ? { grouping } : {}),
    ...(chart ? { chart } : {}),
    ...(totals !== undefined ? { totals } : {}),
    ...(sheetPerGroup !== undefined ? { sheetPerGroup } : {}),
    ...(options.locale !== undefined ? { locale: options.locale } : {}),
    // Totals from the data at each level, computed once for every format.
    computedTotals: await reportTotals(definition, options.source, options.labels),
  };
  const base = options.baseName ?? kebab(definition.title);
  if (typeof options.out === "string") await mkdir(options.out, { recursive: true });
  const results: Array<RunReportResult> = [];
  for (const format of options.formats) {
    const path = typeof options.out === "string" ? join(options.out, `${base}.${format}`) : undefined;
    const output = typeof options.out === "string" ? createWriteStream(path as string) : options.out(format);
    let count = 0;
    const every = Math.max(1, options.progressEvery ?? 1000);
    const progress = options.onProgress;
    async function* counted(): AsyncGenerator<DataSetRow> {
      for await (const row of reportRows(definition, options.source, options.labels)) {
        count++;
        if (progress && count % every === 0) progress({ format, rows: count, done: false });
        yield row;
      }
    }
    const summary = await renderReport(format, meta, columns, counted(), renderOptions, output);
    progress?.({ format, rows: count, done: true });
    results.push({ format, path, summary });
  }
  return results;
};
