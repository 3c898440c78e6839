/**
 * @spoc/cli — the `spoc` command line as a library: `main` runs it with arguments, `commands` lists
 * its commands, and `runDemo` plays the demo company's month. The desk's configuration as files is at
 * `@spoc/cli/config`.
 *
 * @packageDocumentation
 */
export { main, commands, CliError } from "./main";
export type { Command } from "./commands/command";
export type { LazyCommand } from "./main";
export type { CommandAbout } from "./commands/catalog";
export { runDemo, type DemoOptions } from "./commands/demo";
export { playScenario, setUpCompany, company } from "./demo/scenario";
