import { mkdirSync } from "node:fs";
import { openStore } from "@spoc/store-kysely";
import { type Command, dbOption } from "./command";
import { about } from "./catalog";
import { runDemo } from "./demo";
import { importSample, sampleLog, writePerformanceReport } from "./demo-extras";

/** `spoc demo`: plays the IT Support scenario on a SQLite file and prints the timeline. */
export const demo: Command = {
  ...about.demo,
  usage: "spoc demo [--db URL] [--out DIR] [--log FILE]\n\n  default database: sqlite:DIR/spoc-demo.sqlite, DIR default ./demo-output (recreated on each run)\n  --log: a ServiceNow incident log to import too (default: the shared sample, when present)",
  options: { ...dbOption, out: { type: "string" }, log: { type: "string" } },
  positionals: false,
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
      mkdirSync(out, { recursive: true });
      const reports = await writePerformanceReport(opened, out, ["svc-support", "svc-billing"]);
      if (reports.length > 0) console.log(`\nHelp desk performance report:\n${reports.map((p) => `  ${p}`).join("\n")}`);
      const log = typeof values.log === "string" ? values.log : sampleLog();
      if (log) console.log(`\nImported the ServiceNow log ${log}: ${await importSample(opened, log)}`);
      else console.log("\n(No ServiceNow sample beside the repository: ../shared/data/uci-incident-event-log/incident_event_log.sample.csv; skipped.)");
      console.log(`\nThe desk is in ${url}`);
    } finally {
      await opened.close();
    }
    return 0;
  },
};
