import type { Column, ColumnKind } from "../model/column";
import type { Dimension, Measure } from "../dataset/definition";
import type { ReportColumn, ReportDefinition } from "./report-definition";

const dimensionLabels: Readonly<Record<Dimension, string>> = {
  service: "Service", group: "Group", agent: "Agent", channel: "Channel", priority: "Priority", category: "Category",
  type: "Type", organisation: "Organisation", status: "Status", period: "Period",
};

const measureLabels: Readonly<Record<string, string>> = {
  created: "Created", resolved: "Resolved", closed: "Closed", backlog: "Open at period end",
  "first-response-mean": "First response (mean)", "first-response-median": "First response (median)", "first-response-p90": "First response (p90)",
  "first-response-business-mean": "First response, business (mean)", "first-response-business-median": "First response, business (median)",
  "first-response-business-p90": "First response, business (p90)",
  "resolution-mean": "Resolution (mean)", "resolution-median": "Resolution (median)", "resolution-p90": "Resolution (p90)",
  "resolution-business-mean": "Resolution, business (mean)", "resolution-business-median": "Resolution, business (median)",
  "resolution-business-p90": "Resolution, business (p90)",
  "sla-compliance": "SLA met", breaches: "Breaches", "reopen-rate": "Reopened", "group-reassignments": "Group moves",
  "agent-reassignments": "Agent moves", "one-touch-rate": "One-touch", "time-logged": "Time logged", "billable-minutes": "Billable time",
  cost: "Cost", "handed-off-cost": "Handed-off cost", satisfaction: "Satisfaction", rated: "Ratings",
};

/** The column kind that suits a field of a data set. @example kindOf("period") // "date" */
export const kindOf = (field: string): ColumnKind => {
  if (field === "period") return "date";
  if (field in dimensionLabels) return "text";
  if (/^(first-response|resolution)/.test(field) || field === "time-logged" || field === "billable-minutes") return "duration-minutes";
  if (field.startsWith("sla-compliance") || field.endsWith("-rate")) return "percent";
  if (field === "cost" || field === "handed-off-cost") return "currency";
  if (field === "satisfaction") return "number";
  return "integer";
};

/** A readable heading for a field. @example labelOf("sla-compliance:resolution") // "SLA met: resolution" */
export const labelOf = (field: string): string =>
  dimensionLabels[field as Dimension] ?? measureLabels[field] ?? (field.startsWith("sla-compliance:") ? `SLA met: ${field.slice(15).replace(/-/g, " ")}` : field);

/**
 * The renderer columns of a report: its layout's columns, else every dimension then every measure.
 * @example columnsOf(definition).map((c) => c.label)
 */
export const columnsOf = (definition: ReportDefinition): ReadonlyArray<Column> => {
  const fields: ReadonlyArray<ReportColumn> = definition.layout.columns ?? [...definition.dataSet.dimensions, ...definition.dataSet.measures].map((field) => ({ field }));
  return fields.map((c) => {
    const kind = c.kind ?? kindOf(c.field);
    const column: Column = { key: c.field, label: c.label ?? labelOf(c.field), kind };
    return {
      ...column,
      ...(c.width !== undefined ? { width: c.width } : {}),
      ...(c.aggregate !== undefined ? { aggregate: c.aggregate } : {}),
      ...(c.currency !== undefined ? { currency: c.currency } : kind === "currency" ? { currency: "EUR" } : {}),
      ...(kind === "duration-minutes" && /-(median|p90)$/.test(c.field) && c.aggregate === undefined ? { aggregate: "none" as const } : {}),
      ...(kind === "duration-minutes" && /-mean$/.test(c.field) && c.aggregate === undefined ? { aggregate: "mean" as const } : {}),
      ...(c.field === "satisfaction" && c.aggregate === undefined ? { aggregate: "mean" as const } : {}),
    };
  });
};

/** The measures of a data set that are counts (summed in totals). */
export const isMeasure = (field: string): field is Measure => !(field in dimensionLabels);
