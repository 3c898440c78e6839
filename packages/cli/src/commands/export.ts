import { existsSync, statSync } from "node:fs";
import { openStore } from "@spoc/store-kysely";
import { exportConfig, readDeskState } from "../desk-config/index";
import { sqlConfigSource } from "../desk-config/sql-source";
import { about } from "./catalog";
import { CliError, type Command, dbOption, dbUrl } from "./command";
import { enumOption } from "./option-values";

/** `spoc export`: a database's configuration as files `spoc apply` takes back. */
export const exportCommand: Command = {
  ...about.export,
  usage: [
    "spoc export --db URL --out DIR [--format yaml|json] [--schemas REF]",
    "",
    "  --out DIR: the folder written (agents, contact-list.<id>, service.<id>; files of the same name are replaced)",
    "  --format: yaml (default) or json",
    "  --schemas REF: where the files' $schema references point (default: schemas/, written into DIR)",
  ].join("\n"),
  options: { ...dbOption, out: { type: "string" }, format: { type: "string" }, schemas: { type: "string" } },
  async run({ values, positionals }) {
    if (positionals.length > 0 || typeof values.out !== "string" || values.out === "") throw new CliError(`usage: ${exportCommand.usage.split("\n")[0]}`);
    const format = enumOption(values, "format", ["yaml", "json"]) ?? "yaml";
    const schemas = typeof values.schemas === "string" ? values.schemas : undefined;
    const opened = await openStore(dbUrl(values));
    try {
      const { config } = await readDeskState(sqlConfigSource(opened));
      // A mistyped SQLite path opens a new, empty database: say so rather than export nothing.
      if (config.services.length === 0) throw new CliError("the database has no services: nothing to export (is --db the right database?)", 1);
      const out = values.out;
      if (existsSync(out) && !statSync(out).isDirectory()) throw new CliError(`cannot write ${out}: it is a file, not a folder`, 1);
      let names: ReadonlyArray<string>;
      try {
        names = exportConfig(config, out, { format, ...(schemas === undefined ? {} : { schemas }) });
      } catch (e) {
        throw new CliError(`cannot write ${out}: ${(e as Error).message}`, 1);
      }
      console.log(`wrote ${names.length} files to ${values.out}`);
      return 0;
    } finally {
      await opened.close();
    }
  },
};
