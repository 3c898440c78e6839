export { main, CliError } from "./main";
export { runDemo, type DemoOptions } from "./commands/demo";
export { playScenario, setUpCompany, company } from "./demo/scenario";
