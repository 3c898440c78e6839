import { mkdirSync } from "node:fs";
import { openStore } from "@spoc/store-kysely";
import { type Command, dbOption } from "./command";
import { runDemo } from "./demo";

/** `spoc demo`: plays the IT Support scenario on a SQLite file and prints the timeline. */
export const demo: Command = {
  name: "demo",
  summary: "play the IT Support scenario on a SQLite file and print a ticket's timeline",
  usage: "spoc demo [--db URL] [--out DIR]\n\n  default database: sqlite:DIR/spoc-demo.sqlite, DIR default ./demo-output (recreated on each run)",
  options: { ...dbOption, out: { type: "string" } },
  async run({ values }) {
    const out = typeof values.out === "string" ? values.out : "demo-output";
    let url = typeof values.db === "string" ? values.db : undefined;
    if (url === undefined) {
      mkdirSync(out, { recursive: true });
      const { rmSync } = await import("node:fs");
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${out}/spoc-demo.sqlite${suffix}`, { force: true });
      url = `sqlite:${out}/spoc-demo.sqlite`;
    }
    const opened = await openStore(url);
    try {
      await runDemo({ store: opened.store });
      console.log(`\nThe desk is in ${url}`);
    } finally {
      await opened.close();
    }
    return 0;
  },
};
