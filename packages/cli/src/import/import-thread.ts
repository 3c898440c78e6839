import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ImportProgress } from "./import-log";
import type { ImportRun, ImportRunResult } from "./import-run";

/** What the import thread tells the thread that started it. */
export type ImportThreadMessage =
  | { readonly kind: "progress"; readonly progress: ImportProgress }
  | { readonly kind: "done"; readonly result: ImportRunResult }
  | { readonly kind: "failed"; readonly message: string };

/**
 * Young generation of the import thread, in MB. V8 grows a thread's young generation to 2 × 64 MB
 * semi-spaces on this kind of run, and both halves stay resident; 24 MB (8 MB semi-spaces) held
 * the same speed in A/B runs and ~100 MB less at the peak.
 */
const IMPORT_YOUNG_GENERATION_MB = 24;

/**
 * Old generation ceiling of the import thread, in MB. Besides the hard limit this sets how far V8
 * lets the old generation grow past its live size between full collections: about 4× with no
 * ceiling on a large-memory host, about 1.6× under 1 GB (V8 scales the factor with the ceiling).
 * The import's live heap is ~25 MB on the ServiceNow log; this cut the peak by 40–80 MB. An import
 * that needs more than this fails with an out-of-memory message rather than swapping.
 */
const IMPORT_OLD_GENERATION_MB = 1024;

/** The import thread's script: beside this module once built; in a source checkout, the built command's. */
function workerScript(): URL {
  const here = import.meta.url;
  const url = /\.ts$/.test(here) ? new URL("../../dist/standalone/import-worker.js", here) : new URL("./import-worker.js", here);
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`the import thread's script is missing (${fileURLToPath(url)}); build @spoc/cli first (npm run build)`);
  }
  return url;
}

/**
 * Runs an import (`runImport`) on a worker thread with a bounded young generation, passing its
 * progress on as it comes: the memory of a long import stays flat and the calling thread stays free
 * to draw. Rejects with the import's own message when it fails.
 * @example const { report } = await runImportThread({ url, mapping, file, json: false }, draw)
 */
export function runImportThread(run: ImportRun, onProgress: (p: ImportProgress) => void): Promise<ImportRunResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript(), {
      workerData: run,
      resourceLimits: { maxYoungGenerationSizeMb: IMPORT_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: IMPORT_OLD_GENERATION_MB },
    });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    worker.on("message", (m: ImportThreadMessage) => {
      if (m.kind === "progress") onProgress(m.progress);
      else if (m.kind === "done") finish(() => resolve(m.result));
      else finish(() => reject(new Error(m.message)));
    });
    worker.on("error", (e) => finish(() => reject(
      (e as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY"
        ? new Error(`the import ran out of memory (its thread may use ${IMPORT_OLD_GENERATION_MB} MB of heap)`)
        : e,
    )));
    worker.on("exit", (code) => finish(() => reject(new Error(`the import thread stopped (exit code ${code}) before it finished`))));
  });
}
