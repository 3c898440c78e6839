/**
 * Import of external service-desk event logs: mappings, a streaming CSV reader, the replay of
 * rows as spoc commands, and the reference aggregates computed back from the store.
 */
export { CsvParser, defaultCsvLimits, readCsv, type CsvLimits, type CsvProblem, type CsvRecord } from "./csv-reader";
export { decodeUtf8, INVALID_UTF8, type TextChunk } from "./utf8-chunks";
export { compileTimeFormat, wallClockToUtc, type TimeParser } from "./time-format";
export { decodeMapping, DatasetKind, Mapping, SOURCE_ID, SOURCE_ROW, SOURCE_STATE, StateTarget } from "./mapping";
export { bpic2013, builtinMappings, helpdeskLog, servicenowIncident } from "./builtin-mappings";
export { compileRowReader, isBadRow, type BadRow, type RowReader, type SourceRow } from "./source-row";
export { sourceIds, sourceName, type SourceIds } from "./source-ids";
export { openCommand, replayRows, rowCommands, statusSteps, type IndexedRow, type Opening, type ReplayContext, type ReplayResult, type ReplayStart } from "./replay";
export { pendingAwareStore, type UnwrittenTicket } from "./pending-tickets";
export { openSourceFile, type SourceFile } from "./source-file";
export { importLog, type ImportOptions, type ImportProgress, type ImportReport } from "./import-log";
export { aggregates } from "./aggregates/aggregates";
export { importedCase, importedCases, storeHistories, type HistorySource, type ImportedCase, type ImportedRow, type TicketHistory } from "./aggregates/imported-cases";
export { counts, r6, summary, top, type Summary } from "./aggregates/statistics";
export { importUsage, loadMapping, progressPrinter, runImportCommand, type ImportCommandIo } from "./import-command";
export { servicenowResolutionPolicy, slaBesideLog, type SlaComparison } from "./aggregates/sla-beside-log";
