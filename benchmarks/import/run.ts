/**
 * Import benchmark: the full public ServiceNow log (94,138 events) into SQLite and, when
 * SPOC_PG_URL is set, PostgreSQL. Ends with one JSON line:
 * {"sqlite_events_per_s": …, "pg_events_per_s": …, "peak_rss_mb": …}
 *
 *   cd benchmarks && npx node --conditions=source --experimental-strip-types import/run.ts [file]
 */
import "../source-resolution.ts";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// Imports are hoisted, so the spoc sources load after the resolve hook is in place.
const { importLog, servicenowIncident } = await import("../../packages/cli/src/import/index.ts");
const { openStore } = await import("../../packages/store-kysely/src/index.ts");

const root = process.env.SPOC_SHARED_DIR ?? fileURLToPath(new URL("../../../shared", import.meta.url));
const dataDir = existsSync(join(root, "data")) ? join(root, "data") : root;
const file = process.argv[2] ?? join(dataDir, "uci-incident-event-log", "incident_event_log.public.csv.gz");
if (!existsSync(file)) {
  console.error(`bench:import: ${file} is absent (set SPOC_SHARED_DIR); nothing measured`);
  console.log(JSON.stringify({ sqlite_events_per_s: null, pg_events_per_s: null, peak_rss_mb: null, skipped: "data absent" }));
  process.exit(0);
}

let peakRss = process.memoryUsage().rss;
const sample = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
sample.unref();

/** Imports the log into a fresh database and returns source events (rows) per second. */
async function run(url: string, label: string, reset?: (db: unknown) => Promise<void>): Promise<number> {
  const opened = await openStore(url);
  try {
    if (reset) await reset(opened.db);
    const t0 = performance.now();
    const report = await importLog({ store: opened.store, mapping: servicenowIncident, file });
    const s = (performance.now() - t0) / 1000;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const rate = Math.round(report.imported / s);
    console.error(`${label}: ${report.imported} events (${report.events} spoc events, ${report.tickets.opened} tickets) in ${s.toFixed(2)} s = ${rate} events/s; skipped ${report.skipped.length}`);
    return rate;
  } finally {
    await opened.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), "spoc-bench-import-"));
const sqlite = await run(`sqlite:${join(dir, "bench.db")}`, "sqlite");
rmSync(dir, { recursive: true, force: true });

let pg: number | null = null;
const pgUrl = process.env.SPOC_PG_URL;
if (pgUrl) {
  pg = await run(pgUrl, "postgres", async (db) => {
    // A fresh service each run: the benchmark measures a first import, not a no-op re-import.
    const k = db as import("kysely").Kysely<any>;
    await k.deleteFrom("spoc_events").where("service_id", "=", servicenowIncident.service.id).execute();
    await k.deleteFrom("spoc_messages").where("service_id", "=", servicenowIncident.service.id).execute();
    await k.deleteFrom("spoc_tickets").where("service_id", "=", servicenowIncident.service.id).execute();
  });
} else {
  console.error("postgres: skipped (set SPOC_PG_URL to measure it)");
}
console.log(JSON.stringify({ sqlite_events_per_s: sqlite, pg_events_per_s: pg, peak_rss_mb: Math.round(peakRss / 1048576) }));
