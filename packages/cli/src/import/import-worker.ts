// The import thread (`runImportThread`): runs one import and reports its progress and result.
import { parentPort, workerData } from "node:worker_threads";
import type { ImportThreadMessage } from "./import-thread";
import { type ImportRun, runImport } from "./import-run";

const port = parentPort;
if (port === null) throw new Error("the spoc import thread runs as a worker thread (runImportThread)");
const post = (m: ImportThreadMessage) => port.postMessage(m);
try {
  const result = await runImport(workerData as ImportRun, (progress) => post({ kind: "progress", progress }));
  post({ kind: "done", result });
} catch (e) {
  post({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
}
