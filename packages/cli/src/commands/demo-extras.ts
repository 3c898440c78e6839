import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { OpenedStore } from "@spoc/store-kysely";
import { labelsFromStore, predefinedReport, runReport, sqlDataSource } from "@spoc/reporting";
import { importLog, servicenowIncident } from "../import/index";

/** The ServiceNow sample beside the repository (`../shared`, or `$SPOC_SHARED_DIR`), if there is one. */
export const sampleLog = (): string | undefined => {
  const relative = join("data", "uci-incident-event-log", "incident_event_log.sample.csv");
  if (process.env.SPOC_SHARED_DIR) {
    const file = join(process.env.SPOC_SHARED_DIR, relative);
    return existsSync(file) ? file : undefined;
  }
  // From the sources or the bundle alike: the first ancestor with a `shared` folder beside it.
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "shared", relative);
    if (existsSync(file)) return file;
  }
  return undefined;
};

/** Renders the Help desk performance report of the demo month as HTML, XLSX and PDF into `dir`. */
export async function writePerformanceReport(opened: OpenedStore, dir: string, serviceIds: ReadonlyArray<string>): Promise<ReadonlyArray<string>> {
  const definition = predefinedReport("performance", { period: { from: "2026-10-01", to: "2026-10-31", timeZone: "Europe/Madrid" }, services: serviceIds });
  const names = (await Promise.all(serviceIds.map((s) => opened.store.getService(s as never)))).map((s) => s?.name ?? s);
  const results = await runReport(definition, {
    source: sqlDataSource(opened.db, serviceIds, { dialect: opened.dialect }),
    formats: ["html", "xlsx", "pdf"], out: dir, baseName: "helpdesk-performance",
    generatedAt: new Date(Date.UTC(2026, 10, 1, 8, 0)), serviceNames: names.filter((n): n is string => typeof n === "string"),
    labels: await labelsFromStore(opened.store, serviceIds),
  });
  return results.flatMap((r) => (r.path ? [r.path] : []));
}

/** Imports a ServiceNow log into the demo database; returns a one-line summary. */
export async function importSample(opened: OpenedStore, file: string): Promise<string> {
  const report = await importLog({ store: opened.store, mapping: servicenowIncident, file });
  return `${report.rows} rows → ${report.tickets.opened} tickets, ${report.events} events, ${report.skipped.length} bad rows`;
}
