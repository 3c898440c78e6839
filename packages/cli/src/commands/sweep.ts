import { createDesk } from "@spoc/core";
import { openStore } from "@spoc/store-kysely";
import { type Command, dbOption, dbUrl } from "./command";
import { integerOption } from "./option-values";
import { about } from "./catalog";

/** `spoc sweep`: records SLA breaches and escalations on tickets whose deadline has passed. */
export const sweep: Command = {
  ...about.sweep,
  usage: [
    "spoc sweep --db URL [--limit N] [--json] [--notify]",
    "",
    "  --notify: queue the email notifications of what the sweep records (SLA warnings) in the outbox, as `email ingest --notify` does for commands",
  ].join("\n"),
  options: { ...dbOption, limit: { type: "string" }, json: { type: "boolean" }, notify: { type: "boolean" } },
  positionals: false,
  async run({ values }) {
    const limit = integerOption(values, "limit", { min: 1, fallback: 500 });
    const opened = await openStore(dbUrl(values));
    try {
      // The hooks a command run by the CLI gets; @spoc/email loads only when notifications are on.
      const hooks = values.notify ? [(await import("@spoc/email")).emailNotificationsHook()] : [];
      const desk = createDesk({ store: opened.store, hooks });
      const report = await desk.sweep({ limit });
      const summary = { claimed: report.claimed, breaches: report.breaches.length, escalations: report.escalations.length, conflicts: report.conflicts, failed: report.failed.length };
      console.log(values.json ? JSON.stringify(summary) : `swept ${summary.claimed} tickets: ${summary.breaches} breaches, ${summary.escalations} escalations, ${summary.failed} failed`);
      return report.failed.length > 0 ? 1 : 0;
    } finally {
      await opened.close();
    }
  },
};
