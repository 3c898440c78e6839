/**
 * What `spoc --help` shows of a subcommand: enough to list it without loading its module.
 * @example
 * const about: CommandAbout = { name: "migrate", summary: "create or upgrade spoc's tables in a database" }
 */
export interface CommandAbout {
  readonly name: string;
  readonly summary: string;
}

/**
 * Every subcommand's name and summary, apart from its code: `main` lists them from here and
 * loads a command's module only when that command runs, so `spoc import` never loads the
 * reporting or email packages (and their renderers and mail clients).
 */
export const about = {
  demo: { name: "demo", summary: "play the IT Support scenario on a SQLite file and print a ticket's timeline" },
  migrate: { name: "migrate", summary: "create or upgrade spoc's tables in a database" },
  import: { name: "import", summary: "replay a service-desk event log (CSV, .gz too) into a database, idempotently" },
  simulate: { name: "simulate", summary: "replay a database's history through proposed rules and SLA with the Desk's own hooks; writes nothing" },
  sweep: { name: "sweep", summary: "record SLA breaches and escalations that are due (safe to run from several hosts)" },
  ticket: { name: "ticket", summary: "show a ticket and its full history" },
  email: { name: "email", summary: "take raw email (.eml files) into a service's desk" },
  report: { name: "report", summary: "run a report to HTML/XLSX/PDF, or add, list and send scheduled reports" },
  apply: { name: "apply", summary: "apply the desk's configuration from YAML/JSON files (services, groups, agents, rules, SLA…); --dry-run shows the diff" },
  export: { name: "export", summary: "write a database's configuration as the files spoc apply takes" },
} as const satisfies Record<string, CommandAbout>;
