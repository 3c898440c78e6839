import { openStore } from "@spoc/store-kysely";
import { applyConfig, formatChanges } from "../desk-config/index";
import { sqlConfigSource } from "../desk-config/sql-source";
import { about } from "./catalog";
import { CliError, type Command, dbOption, dbUrl } from "./command";

/** `spoc apply`: configuration files into a database, through the Desk's configure API. */
export const apply: Command = {
  ...about.apply,
  usage: [
    "spoc apply FILE|DIR --db URL [--dry-run] [--prune]",
    "",
    "  FILE|DIR: a configuration file, or a folder of them (*.yaml, *.yml, *.json; see docs/configuration-as-code.md)",
    "  --dry-run: print the changes (+ added, ~ changed with the fields, - removed, = kept) and write nothing",
    "  --prune: also remove the escalation rules, report schedules and mailboxes a service's file leaves out",
    "",
    "Every file is decoded and every change tried on a copy first: a bad file changes nothing (exit 1).",
  ].join("\n"),
  options: { ...dbOption, "dry-run": { type: "boolean" }, prune: { type: "boolean" } },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new CliError(`usage: ${apply.usage.split("\n")[0]}`);
    const opened = await openStore(dbUrl(values));
    try {
      const result = await applyConfig(sqlConfigSource(opened), positionals[0] as string, { dryRun: values["dry-run"] === true, prune: values.prune === true });
      for (const line of formatChanges(result.changes)) console.log(line);
      const count = result.changes.filter((c) => c.op !== "keep").length;
      const n = (k: number, what: string) => `${k} ${what}${k === 1 ? "" : "s"}`;
      if (count > 0) console.log(values["dry-run"] ? `dry run: ${n(count, "change")}, nothing written` : `applied ${n(result.written, "change")} from ${n(result.files.length, "file")}`);
      return 0;
    } finally {
      await opened.close();
    }
  },
};
