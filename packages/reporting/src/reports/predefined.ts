import type { DataSetPeriod } from "../dataset/definition";
import { autoGranularity } from "../dataset/period-buckets";
import type { ReportDefinition } from "./report-definition";

/**
 * The names of the predefined reports, as the API and the CLI know them.
 * @example
 * predefinedNames // ["performance", "sla", "backlog", "workload", "channels", "time-and-cost"]
 */
export const predefinedNames = ["performance", "sla", "backlog", "workload", "channels", "time-and-cost"] as const;
/**
 * The name of a predefined report.
 * @example
 * predefinedReport("sla" satisfies PredefinedName, { period })
 */
export type PredefinedName = (typeof predefinedNames)[number];

/**
 * What a predefined report is asked for: its period and, optionally, the services it covers.
 * @example
 * predefinedReport("backlog", { period: { from: "2026-03-01", to: "2026-03-31", timeZone: "UTC" }, services: ["svc-it"] })
 */
export interface PredefinedOptions {
  readonly period: DataSetPeriod;
  readonly services?: ReadonlyArray<string>;
}

const build: Readonly<Record<PredefinedName, (p: DataSetPeriod) => Omit<ReportDefinition, "dataSet"> & { dataSet: Omit<ReportDefinition["dataSet"], "period"> & { period?: DataSetPeriod } }>> = {
  performance: () => ({
    title: "Help desk performance",
    subtitle: "Per group and agent: volume, response and resolution times, SLA, quality",
    dataSet: {
      dimensions: ["group", "agent"],
      measures: ["created", "resolved", "first-response-median", "resolution-median", "resolution-p90", "sla-compliance", "reopen-rate", "one-touch-rate", "satisfaction"],
    },
    layout: { grouping: { by: "group" }, chart: { type: "bar", category: "group", values: ["created", "resolved"], title: "Created and resolved per group" } },
  }),
  sla: () => ({
    title: "SLA compliance",
    subtitle: "Targets met per service and priority",
    dataSet: {
      dimensions: ["service", "priority"],
      measures: ["created", "sla-compliance:first-response", "sla-compliance:resolution", "breaches", "first-response-p90", "resolution-p90"],
    },
    layout: { grouping: { by: "service" }, chart: { type: "bar", category: "priority", values: ["breaches"], source: "rows", title: "Breaches per priority" } },
  }),
  backlog: (p) => ({
    title: "Backlog and flow",
    subtitle: "Tickets created, resolved and still open at the end of each period",
    dataSet: { dimensions: ["period"], measures: ["created", "resolved", "closed", "backlog"], period: { ...p, granularity: p.granularity ?? autoGranularity(p) } },
    layout: {
      columns: [{ field: "period" }, { field: "created" }, { field: "resolved" }, { field: "closed" }, { field: "backlog", label: "Open at end", aggregate: "none" }],
      chart: { type: "line", category: "period", values: ["created", "resolved", "backlog"], title: "Flow and backlog" },
    },
  }),
  workload: () => ({
    title: "Agent workload",
    subtitle: "Tickets, open work, time and hand-overs per agent",
    dataSet: { dimensions: ["agent"], measures: ["created", "resolved", "backlog", "time-logged", "group-reassignments", "agent-reassignments"] },
    layout: {
      columns: [{ field: "agent" }, { field: "created", label: "Assigned" }, { field: "resolved" }, { field: "backlog", label: "Open at period end", aggregate: "none" },
        { field: "time-logged" }, { field: "group-reassignments" }, { field: "agent-reassignments" }],
      sort: { by: "created", direction: "desc" },
      chart: { type: "bar", category: "agent", values: ["created", "resolved"], title: "Assigned and resolved per agent" },
    },
  }),
  channels: () => ({
    title: "Channel mix",
    subtitle: "Where requests come from and how each channel is served",
    dataSet: { dimensions: ["channel"], measures: ["created", "resolved", "first-response-median", "one-touch-rate", "satisfaction"] },
    layout: { sort: { by: "created", direction: "desc" }, chart: { type: "bar", category: "channel", values: ["created"], title: "Tickets per channel" } },
  }),
  "time-and-cost": () => ({
    title: "Time and cost",
    subtitle: "Time logged and its cost per organisation and agent, for billing",
    dataSet: { dimensions: ["organisation", "agent"], measures: ["created", "time-logged", "billable-minutes", "cost"] },
    layout: { grouping: { by: "organisation" }, chart: { type: "bar", category: "organisation", values: ["cost"], title: "Cost per organisation" } },
  }),
};

/**
 * A predefined report's definition for a period (and services); render it with `runReport`.
 * @example predefinedReport("sla", { period: { from: "2025-03-01", to: "2025-03-31", timeZone: "Europe/Madrid" } }).title // "SLA compliance"
 */
export const predefinedReport = (name: PredefinedName, options: PredefinedOptions): ReportDefinition => {
  const made = build[name](options.period);
  return {
    ...made,
    dataSet: {
      ...made.dataSet,
      period: made.dataSet.period ?? options.period,
      ...(options.services !== undefined ? { filters: { services: options.services } } : {}),
    },
  };
};

/** Whether a name is a predefined report's. @example isPredefinedName("sla") // true */
export const isPredefinedName = (name: string): name is PredefinedName => (predefinedNames as ReadonlyArray<string>).includes(name);
