import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "@spoc/store-kysely";
import { aggregates, builtinMappings, importLog, storeHistories } from "../../src/import/index";
import { expectSameAggregates, locate, referenceLogs } from "./reference-data";

const dir = mkdtempSync(join(tmpdir(), "spoc-import-ref-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const databases: Array<{ name: string; url: (log: string) => string | undefined; why: string }> = [
  { name: "SQLite", url: (log) => `sqlite:${join(dir, `${log}.db`)}`, why: "" },
  {
    name: "PostgreSQL",
    // CI runs the suite twice (Node 24, then Node 22); the full logs on PostgreSQL take minutes and
    // test the database, not the runtime, so the second pass leaves them to the first.
    url: () => (process.env.SPOC_CI_SECOND_RUNTIME ? undefined : process.env.SPOC_PG_URL),
    why: process.env.SPOC_CI_SECOND_RUNTIME ? "ran on PostgreSQL in CI's first runtime pass (SPOC_CI_SECOND_RUNTIME is set)" : "SPOC_PG_URL is not set",
  },
];

for (const db of databases) {
  describe(`reference aggregates on ${db.name}`, () => {
    for (const log of referenceLogs) {
      const found = locate(log);
      const url = db.url(log.mapping);
      const reason = "missing" in found ? found.missing : url === undefined ? db.why : undefined;
      if (reason !== undefined) console.log(`skipped: ${log.mapping} on ${db.name}: ${reason}`);
      it.skipIf(reason !== undefined)(`${log.mapping}: the replayed public file reproduces reference_aggregates.json`, async () => {
        if ("missing" in found || url === undefined) return;
        const mapping = builtinMappings[log.mapping];
        if (mapping?.dataset === undefined) throw new Error(`no mapping ${log.mapping}`);
        // As `spoc import` opens it: on SQLite the batches are written on the writer thread.
        const opened = await openStore(url, { sqliteWriterThread: true });
        try {
          await forgetService(opened.db, mapping.service.id);
          const report = await importLog({ store: opened.store, mapping, file: found.file });
          expect(report.skipped).toEqual([]);
          expect(report.imported).toBe(report.rows);
          // Numbers reserved ahead and not used went back: the tickets are numbered 1…n without a gap.
          expect(await opened.store.allocateTicketNumber(mapping.service.id as never)).toBe(report.tickets.opened + 1);
          expectSameAggregates(await aggregates(storeHistories(opened.store), mapping.service.id, mapping.dataset), found.reference);
        } finally {
          await opened.close();
        }
      }, 900_000);
    }
  });
}

/** Removes an earlier run's tickets of a service from a shared server database, so each run starts fresh. */
async function forgetService(db: import("kysely").Kysely<any>, serviceId: string): Promise<void> {
  for (const table of ["spoc_events", "spoc_messages", "spoc_tickets", "spoc_counters"]) {
    await db.deleteFrom(table).where("service_id", "=", serviceId).execute();
  }
}
