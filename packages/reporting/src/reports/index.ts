/**
 * Report definitions: predefined reports by name and custom reports as validated JSON.
 * @example predefinedReport("performance", { period })
 */
export { ReportColumn, ReportDefinition, ReportLayoutDefinition, decodeReportDefinition } from "./report-definition";
export { columnsOf, kindOf, labelOf } from "./report-columns";
export { isPredefinedName, predefinedNames, predefinedReport, type PredefinedName, type PredefinedOptions } from "./predefined";
