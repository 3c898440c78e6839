import { decodeInput, InvalidInput } from "@spoc/core";
import { Schema } from "effect";
import { Aggregate, ColumnKind } from "../model/column";
import { ChartSpec, Grouping } from "../model/report-layout";
import { DataSetDefinition } from "../dataset/definition";

/**
 * A column of a report: a dimension or measure of its data set, with an optional heading and format.
 * @example
 * Schema.decodeUnknownSync(ReportColumn)({ field: "cost", label: "Cost", kind: "currency", currency: "EUR" })
 */
export const ReportColumn = Schema.Struct({
  field: Schema.NonEmptyString,
  label: Schema.optionalKey(Schema.String),
  kind: Schema.optionalKey(ColumnKind),
  width: Schema.optionalKey(Schema.Number),
  aggregate: Schema.optionalKey(Aggregate),
  currency: Schema.optionalKey(Schema.String),
});
/** A column of a report. */
export type ReportColumn = typeof ReportColumn.Type;

/**
 * How a report lays its rows out: columns (default: every dimension then every measure), grouping, totals, sort, chart.
 * @example
 * Schema.decodeUnknownSync(ReportLayoutDefinition)({ grouping: { by: "group" }, totals: true, sort: { by: "created", direction: "desc" } })
 */
export const ReportLayoutDefinition = Schema.Struct({
  columns: Schema.optionalKey(Schema.Array(ReportColumn).check(Schema.isMinLength(1))),
  grouping: Schema.optionalKey(Grouping),
  totals: Schema.optionalKey(Schema.Boolean),
  sort: Schema.optionalKey(Schema.Struct({ by: Schema.NonEmptyString, direction: Schema.optionalKey(Schema.Literals(["asc", "desc"])) })),
  chart: Schema.optionalKey(ChartSpec),
  sheetPerGroup: Schema.optionalKey(Schema.Boolean),
});
/** How a report lays its rows out. */
export type ReportLayoutDefinition = typeof ReportLayoutDefinition.Type;

/**
 * A report as data: a title, a data set and a layout. Custom reports are JSON files of this shape.
 * @example
 * const r: ReportDefinition = {
 *   title: "Resolved per agent",
 *   dataSet: { dimensions: ["agent"], measures: ["resolved"], period: { from: "2025-03-01", to: "2025-03-31", timeZone: "UTC" } },
 *   layout: { chart: { type: "bar", category: "agent", values: ["resolved"] } },
 * }
 */
export const ReportDefinition = Schema.Struct({
  title: Schema.NonEmptyString,
  subtitle: Schema.optionalKey(Schema.String),
  dataSet: DataSetDefinition,
  layout: ReportLayoutDefinition,
});
/** A report as data: a title, a data set and a layout. */
export type ReportDefinition = typeof ReportDefinition.Type;

/**
 * Decodes a custom report definition (parsed JSON); a bad one throws `InvalidInput` whose message
 * names each bad path (e.g. `dataSet.measures.1: Expected …`). Also checks that layout fields exist.
 * @example decodeReportDefinition(JSON.parse(fs.readFileSync("weekly.json", "utf8")))
 */
export const decodeReportDefinition = (input: unknown): ReportDefinition => {
  const decoded = decodeInput(ReportDefinition, input, "report definition");
  if (decoded instanceof InvalidInput) throw decoded;
  const fields = new Set<string>([...decoded.dataSet.dimensions, ...decoded.dataSet.measures]);
  const issues: Array<{ path: string; message: string }> = [];
  decoded.layout.columns?.forEach((c, i) => {
    if (!fields.has(c.field)) issues.push({ path: `layout.columns.${i}.field`, message: `"${c.field}" is not a dimension or measure of the data set` });
  });
  const shown = new Set(decoded.layout.columns?.map((c) => c.field) ?? fields);
  const check = (path: string, field: string | undefined) => {
    if (field !== undefined && !shown.has(field)) issues.push({ path, message: `"${field}" is not a column of the report` });
  };
  check("layout.grouping.by", decoded.layout.grouping?.by);
  check("layout.sort.by", decoded.layout.sort?.by);
  if (decoded.layout.chart && !(decoded.layout.chart.source === "groups" || (decoded.layout.grouping && decoded.layout.chart.source === undefined))) {
    check("layout.chart.category", decoded.layout.chart.category);
  }
  decoded.layout.chart?.values.forEach((v, i) => check(`layout.chart.values.${i}`, v));
  if (issues.length > 0) {
    throw new InvalidInput({ message: `invalid report definition: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues });
  }
  return decoded;
};
