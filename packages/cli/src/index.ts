export { main, commands, CliError } from "./main";
export type { Command } from "./commands/command";
export type { LazyCommand } from "./main";
export type { CommandAbout } from "./commands/catalog";
export { runDemo, type DemoOptions } from "./commands/demo";
export { playScenario, setUpCompany, company } from "./demo/scenario";
export {
  applyConfig, configFiles, exportConfig, formatChanges, jsonSchemaFiles, readDeskState, sqlConfigSource,
  type ApplyOptions, type ApplyResult, type Change, type ConfigFormat, type ConfigSource, type DeskConfig, type DeskState, type ExportOptions,
} from "./desk-config/index";
