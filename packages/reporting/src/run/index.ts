/**
 * Running reports end to end: data set rows, names for ids, the renderers, files.
 * @example await runReport(definition, { source, formats: ["html"], out: "out", generatedAt: new Date() })
 */
export { runReport, reportRows, type RunReportOptions, type RunReportResult } from "./run-report";
export { labelsFromStore, withLabels, type DimensionLabels } from "./dimension-labels";
