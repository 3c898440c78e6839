import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Writable } from "node:stream";
import type { DataSetRow } from "../dataset/data-set-row";
import type { DataSetSource } from "../dataset/data-set-source";
import { filterFieldOf, toRow } from "../dataset/data-set-row";
import { planAll } from "../dataset/measure-plan";
import type { DataSetDefinition, Dimension } from "../dataset/definition";
import { resolvePeriod } from "../dataset/period-buckets";
import type { ReportMeta } from "../model/report-meta";
import type { RenderSummary, ReportFormat } from "../model/render-options";
import { renderReport, type AnyRenderOptions } from "../render/render-report";
import { columnsOf, labelOf } from "../reports/report-columns";
import type { ReportDefinition } from "../reports/report-definition";
import { completeLabels, dimensionLabel, priorityOrder, withLabels, type DimensionLabels } from "./dimension-labels";
import { reportTotals } from "./report-totals";

/**
 * What `runReport` needs besides the definition.
 * @example
 * await runReport(predefinedReport("backlog", { period }), { source: sqlDataSource(db, ["svc-it"]), formats: ["html"], out: "reports/", generatedAt: new Date() })
 */
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
  /** Renderer options over the layout's (e.g. `rowLimit` for an e-mail body). */
  readonly render?: Partial<AnyRenderOptions>;
  /** For a scheduled run: the schedule's name and the span each run covers (shown in the header). */
  readonly schedule?: { readonly name: string; readonly lookback: string };
  readonly locale?: string;
  /** Called every `progressEvery` rows (default 1000) and at the end of each format. */
  readonly onProgress?: (progress: { readonly format: ReportFormat; readonly rows: number; readonly done: boolean }) => void;
  readonly progressEvery?: number;
}

/**
 * One rendered file (or stream) of a report run.
 * @example
 * const results: ReadonlyArray<RunReportResult> = await runReport(definition, options)
 * results.map((r) => `${r.format}: ${r.path} (${r.summary.rows} rows)`)
 */
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
  if (typeof x === "string" && typeof y === "string") return names.compare(x, y);
  return (x as number) < (y as number) ? -1 : 1;
};

// Natural order of names: "Group 2" before "Group 10", case and accents aside.
const names = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

interface Labelled {
  readonly raw: DataSetRow;
  readonly named: DataSetRow;
}

/** Orders two rows by one dimension: empty values last, priorities by urgency, names naturally. */
const byDimension = (d: Dimension, a: Labelled, b: Labelled): number => {
  const x = a.raw[d] ?? null;
  const y = b.raw[d] ?? null;
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  if (d === "priority") {
    const rank = (v: unknown) => (priorityOrder.indexOf(String(v)) + priorityOrder.length + 1) % (priorityOrder.length + 1);
    return rank(x) - rank(y) || compare(x, y);
  }
  return compare(a.named[d], b.named[d]);
};

/**
 * The rows a report renders: the data set's rows with names for ids, ordered by their dimensions
 * as people read them (names naturally, priorities by urgency, empty values last), or by the
 * layout's sort within its groups. The rows are held to be sorted: a data set's rows are grouped
 * figures, a few thousand at most.
 * @example for await (const row of reportRows(definition, source, labels)) console.log(row)
 */
export async function* reportRows(definition: ReportDefinition, source: DataSetSource, labels: DimensionLabels = {}): AsyncGenerator<DataSetRow> {
  const { sort, grouping } = definition.layout;
  const dimensions = definition.dataSet.dimensions;
  const all: Array<Labelled> = [];
  for await (const raw of source.rows(definition.dataSet)) all.push({ raw, named: withLabels(raw, labels) });
  if (dimensions.length === 1 && dimensions[0] === "period") {
    // A time line shows the whole period: buckets without a ticket get their (zero) row too.
    const { buckets } = resolvePeriod(definition.dataSet.period, true);
    const { raws } = planAll(definition.dataSet.measures);
    const seen = new Set(all.map((r) => (r.raw.period instanceof Date ? r.raw.period.getTime() : null)));
    buckets.forEach((b, i) => {
      if (seen.has(b.start)) return;
      const row = toRow(definition.dataSet, [i], raws.map((r) => (r.kind === "percentile" ? null : 0)), buckets);
      all.push({ raw: row, named: row });
    });
  }
  const sign = sort?.direction === "desc" ? -1 : 1;
  const byField = (key: string, a: Labelled, b: Labelled): number =>
    (dimensions as ReadonlyArray<string>).includes(key) ? byDimension(key as Dimension, a, b) : compare(a.named[key], b.named[key]);
  all.sort((a, b) => {
    if (grouping) {
      const g = byField(grouping.by, a, b);
      if (g !== 0) return g;
    }
    if (sort) {
      const s = sign * compare(a.named[sort.by], b.named[sort.by]);
      if (s !== 0) return s;
    }
    for (const d of dimensions) {
      const c = byDimension(d, a, b);
      if (c !== 0) return c;
    }
    return 0;
  });
  for (const row of all) yield row.named;
}

/**
 * The active filters as header lines ("Channel: Email, Phone"); services show as the report's services.
 * @example
 * filterFacts({ ...dataSet, filters: { channels: ["email", "phone"] } }, labels) // [{ label: "Channel", value: "Email, Phone" }]
 */
export const filterFacts = (dataSet: DataSetDefinition, labels: DimensionLabels): Array<{ label: string; value: string }> =>
  (Object.entries(filterFieldOf) as Array<[Exclude<Dimension, "period">, keyof NonNullable<DataSetDefinition["filters"]>]>).flatMap(([dimension, field]) => {
    const values = dataSet.filters?.[field];
    if (values === undefined || dimension === "service") return [];
    return [{ label: labelOf(dimension), value: values.map((v) => dimensionLabel(dimension, v, labels)).join(", ") || "none" }];
  });

/**
 * Runs a report end to end: evaluates its data set and renders each format (streaming rows) into
 * files or streams. Returns what was written.
 * @example
 * await runReport(predefinedReport("sla", { period }), { source: sqlDataSource(db, ["svc-it"]), formats: ["html", "pdf"], out: "out", generatedAt: new Date() })
 */
export const runReport = async (definition: ReportDefinition, options: RunReportOptions): Promise<ReadonlyArray<RunReportResult>> => {
  const columns = columnsOf(definition);
  const period = resolvePeriod(definition.dataSet.period, false);
  const labels = await completeLabels(options.labels ?? {}, definition.dataSet, options.source);
  const facts = [
    ...filterFacts(definition.dataSet, labels),
    ...(options.schedule ? [{ label: "Schedule", value: `${options.schedule.name}, each run covers the previous ${options.schedule.lookback}` }] : []),
  ];
  const meta: ReportMeta = {
    title: definition.title,
    ...(definition.subtitle !== undefined ? { subtitle: definition.subtitle } : {}),
    period: { from: new Date(period.from), to: new Date(period.to), timeZone: period.timeZone },
    generatedAt: options.generatedAt,
    serviceNames: [...(options.serviceNames ?? [])],
    ...(facts.length > 0 ? { facts } : {}),
  };
  const { grouping, chart, totals, sheetPerGroup } = definition.layout;
  const renderOptions: AnyRenderOptions = {
    ...(grouping ? { grouping } : {}),
    ...(chart ? { chart } : {}),
    ...(totals !== undefined ? { totals } : {}),
    ...(sheetPerGroup !== undefined ? { sheetPerGroup } : {}),
    ...(options.locale !== undefined ? { locale: options.locale } : {}),
    // Totals from the data at each level, computed once for every format.
    computedTotals: await reportTotals(definition, options.source, labels),
    ...options.render,
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
      for await (const row of reportRows(definition, options.source, labels)) {
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
