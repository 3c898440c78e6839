import { openStore } from "@spoc/store-kysely";
import { aggregates } from "./aggregates/aggregates";
import { storeHistories } from "./aggregates/imported-cases";
import type { CsvLimits } from "./csv-reader";
import { importLog, type ImportProgress, type ImportReport } from "./import-log";
import type { Mapping } from "./mapping";

/**
 * SQLite's own default page cache (2 MB) rather than better-sqlite3's 16 MB: an import mostly
 * appends (time-ordered ids): in A/B runs the bigger cache bought no measurable speed and
 * raised the peak RSS by 20–40 MB.
 */
const IMPORT_SQLITE_CACHE_KIB = 2000;

/** What `spoc import` runs: a log into the store at `url`, then (with `json`) the data set's aggregates from the store. */
export interface ImportRun {
  readonly url: string;
  readonly mapping: Mapping;
  readonly file: string;
  readonly json: boolean;
  /** How long one CSV record may be (`importLog`'s `limits`). */
  readonly limits?: CsvLimits;
}

/** What an import run produced: its report, and the aggregates when asked for. */
export interface ImportRunResult {
  readonly report: ImportReport;
  /** The data set's reference aggregates (or the report, for a mapping without a data set) when `json` was set. */
  readonly json?: unknown;
}

/**
 * Opens the store, imports the log and computes what `--json` prints, then closes the store.
 * A SQLite file gets a writer thread: batches are written while the next ones are replayed.
 * @example const { report } = await runImport({ url: "sqlite:desk.db", mapping, file, json: false }, () => {})
 */
export async function runImport(run: ImportRun, onProgress: (p: ImportProgress) => void): Promise<ImportRunResult> {
  const opened = await openStore(run.url, {
    sqliteCacheKib: IMPORT_SQLITE_CACHE_KIB,
    // Servers are asynchronous already; a second connection to sqlite::memory: would open another database.
    sqliteWriterThread: run.url !== "sqlite::memory:",
  });
  try {
    const report = await importLog({ store: opened.store, mapping: run.mapping, file: run.file, onProgress, ...(run.limits ? { limits: run.limits } : {}) });
    if (!run.json) return { report };
    const json = run.mapping.dataset !== undefined
      ? await aggregates(storeHistories(opened.store), run.mapping.service.id, run.mapping.dataset)
      : report;
    return { report, json };
  } finally {
    await opened.close();
  }
}
