import { createDesk } from "@spoc/core";
import { openStore } from "@spoc/store-kysely";
import { type Command, dbOption, dbUrl } from "./command";
import { integerOption } from "./option-values";
import { about } from "./catalog";

/** `spoc sweep`: records SLA breaches and escalations on tickets whose deadline has passed. */
export const sweep: Command = {
  ...about.sweep,
  usage: "spoc sweep --db URL [--limit N] [--json]",
  options: { ...dbOption, limit: { type: "string" }, json: { type: "boolean" } },
  async run({ values }) {
    const limit = integerOption(values, "limit", { min: 1, fallback: 500 });
    const opened = await openStore(dbUrl(values));
    try {
      const desk = createDesk({ store: opened.store });
      const report = await desk.sweep({ limit });
      const summary = { claimed: report.claimed, breaches: report.breaches.length, escalations: report.escalations.length, conflicts: report.conflicts, failed: report.failed.length };
      console.log(values.json ? JSON.stringify(summary) : `swept ${summary.claimed} tickets: ${summary.breaches} breaches, ${summary.escalations} escalations, ${summary.failed} failed`);
      return report.failed.length > 0 ? 1 : 0;
    } finally {
      await opened.close();
    }
  },
};
