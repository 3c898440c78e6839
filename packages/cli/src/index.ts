export { main, commands, CliError } from "./main";
export type { Command } from "./commands/command";
export type { LazyCommand } from "./main";
export type { CommandAbout } from "./commands/catalog";
export { runDemo, type DemoOptions } from "./commands/demo";
export { playScenario, setUpCompany, company } from "./demo/scenario";
