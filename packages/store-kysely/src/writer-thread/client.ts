import { StoreError } from "@spoc/core";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { fromWire, type WriterCall, type WriterOps, type WriterReply } from "./protocol";

/** The main thread's handle on a SQLite writer thread. */
export interface WriterThread {
  /** Runs one write on the writer thread; calls run in the order they are made. */
  call<K extends keyof WriterOps>(op: K, ...args: Parameters<WriterOps[K]>): ReturnType<WriterOps[K]>;
  /** Waits for the calls already made, then ends the thread and its connection. */
  close(): Promise<void>;
}

/** The writer's script: beside this module once built; in a source checkout, the package's build of it. */
function workerScript(): URL {
  const here = import.meta.url;
  const url = /\.ts$/.test(here) ? new URL("../../dist/sqlite-writer.js", here) : new URL("./sqlite-writer.js", here);
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`spoc: the SQLite writer thread's script is missing (${fileURLToPath(url)}); build @spoc/store-kysely first (npm run build)`);
  }
  return url;
}

/**
 * Starts a thread with its own connection to a SQLite file that runs the store's bulk writes
 * (appends, directory batches, ticket numbers) while the calling thread goes on with its work:
 * better-sqlite3 blocks the thread it runs on, so on one thread an import alternates between
 * replaying and writing; with the writer it does both at once. Resolves once the connection is open.
 * @example const writer = await startWriterThread("/data/desk.db"); await writer.call("appendRows", rows); await writer.close()
 */
export async function startWriterThread(path: string, cacheKib?: number): Promise<WriterThread> {
  const worker = new Worker(workerScript(), {
    workerData: { path, cacheKib },
    // The writer holds one batch at a time: a small young generation, and an old-generation ceiling
    // (which also makes V8 collect it at ~1.4× its live size rather than ~4×), keep its memory flat.
    resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 512 },
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  let failure: Error | undefined;
  const failAll = (e: Error) => {
    failure ??= e;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  const opened = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
  });
  worker.on("message", (reply: WriterReply) => {
    const p = pending.get(reply.id);
    if (p === undefined) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(fromWire(reply.error));
    // An idle writer does not keep the process alive: the host decides when to close it.
    if (pending.size === 0) worker.unref();
  });
  worker.on("error", (e) => failAll(new StoreError({ reason: "Unavailable", message: `spoc SQLite writer thread failed: ${e.message}`, cause: e })));
  worker.on("exit", (code) => failAll(new StoreError({ reason: "Unavailable", message: `spoc SQLite writer thread exited (code ${code})` })));
  try {
    await opened;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  let last: Promise<unknown> = Promise.resolve();
  const thread: WriterThread = {
    call(op, ...args) {
      if (failure !== undefined) return Promise.reject(failure) as never;
      const id = nextId++;
      const result = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.ref();
      worker.postMessage({ id, op, args } satisfies WriterCall);
      last = result.catch(() => undefined);
      return result as never;
    },
    async close() {
      if (failure === undefined) await thread.call("close").catch(() => undefined);
      await last;
      failure ??= new StoreError({ reason: "Unavailable", message: "spoc SQLite writer thread is closed" });
      await worker.terminate();
    },
  };
  return thread;
}
