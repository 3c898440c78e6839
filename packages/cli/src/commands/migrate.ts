import { openStore } from "@spoc/store-kysely";
import { type Command, dbOption, dbUrl } from "./command";
import { about } from "./catalog";

/** `spoc migrate`: brings a database to the latest schema. */
export const migrate: Command = {
  ...about.migrate,
  usage: "spoc migrate --db URL\n\n  URL: sqlite:PATH | postgres://… | mysql://… (default: $SPOC_DB, else sqlite:spoc.sqlite)",
  options: dbOption,
  positionals: false,
  async run({ values }) {
    const url = dbUrl(values);
    const opened = await openStore(url);
    await opened.close();
    // A report, not a result: stdout stays empty for scripts that pipe spoc's output.
    console.error(`spoc: ${url.replace(/\/\/[^@/]*@/, "//…@")} is at the latest schema`);
    return 0;
  },
};
