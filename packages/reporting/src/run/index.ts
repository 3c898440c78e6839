/**
 * Running reports end to end: data set rows, names for ids, totals from the data, the renderers, files.
 * @example await runReport(definition, { source, formats: ["html"], out: "out", generatedAt: new Date() })
 */
export { runReport, reportRows, filterFacts, type RunReportOptions, type RunReportResult } from "./run-report";
export { labelsFromStore, completeLabels, withLabels, dimensionLabel, distinctNames, emptyLabels, priorityOrder, type DimensionLabels } from "./dimension-labels";
export { reportTotals, atLevel } from "./report-totals";
