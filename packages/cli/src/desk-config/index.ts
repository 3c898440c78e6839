/**
 * The desk's configuration as files (`spoc apply`, `spoc export`): documents, their JSON Schemas,
 * reading, planning, applying and exporting.
 *
 * @packageDocumentation
 */
export { AgentsDocument, ContactListDocument, documentKinds, documentSchemas, type DocumentKind, MailboxEntry, ServiceDocument } from "./documents";
export { readDeskState, type ConfigSource, type DeskConfig, type DeskState } from "./desk-state";
export { applyActor, differingPaths, formatChanges, planApply, type Change, type Plan, type PlanOptions, type Target, type Write } from "./plan";
export { applyConfig, type ApplyOptions, type ApplyResult } from "./apply-config";
export { configFiles, exportConfig, type ConfigFormat, type ExportOptions } from "./export-config";
export { jsonSchemaFiles, jsonSchemaOf } from "./json-schemas";
export { configFilesAt, readSourceFile, type SourceFile } from "./source-files";
export { sqlConfigSource } from "./sql-source";
