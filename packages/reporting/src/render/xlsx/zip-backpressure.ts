import { once } from "node:events";
import type { Writable } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";

/** The parts of exceljs's internal `StreamBuf` (a worksheet's XML stream) that show its backlog. */
interface StreamBufInternals {
  readonly pipes?: ReadonlyArray<Writable & { readonly _writableState?: { readonly length?: number } }>;
  readonly buffers?: ReadonlyArray<unknown>;
}

// The zip entry is a readable-stream v2 PassThrough: no `writableLength`, only `_writableState`.
const backlogOf = (pipe: NonNullable<StreamBufInternals["pipes"]>[number]): number =>
  pipe.writableLength ?? pipe._writableState?.length ?? 0;

// Let the compressor run this far behind (it works on the thread pool, in parallel with rows): one
// 64 KiB sheet chunk. 256 KiB let old space grow by ~35 MB more at a million rows (RESULTS.md).
const maxBacklog = 64 * 1024;

// 16 × 64 KiB chunks may wait before the zip entry starts reading them.
const maxQueuedChunks = 16;

/**
 * Waits until the zip compressor has caught up with a worksheet's XML.
 *
 * exceljs's streaming writer pushes sheet XML into the zip without honouring backpressure, so a
 * fast row source fills memory (and slows down) on large reports. This reads exceljs internals
 * defensively: if they are not there, it only yields to the event loop.
 * @example
 * if (++count % 1000 === 0) await waitForZip(worksheet.stream)
 */
export const waitForZip = async (stream: unknown): Promise<void> => {
  const buf = (stream ?? {}) as StreamBufInternals;
  await new Promise((resolve) => setImmediate(resolve));
  for (let attempt = 0; attempt < 2_000; attempt++) {
    const busy = buf.pipes?.find((p) => backlogOf(p) > maxBacklog);
    if (busy !== undefined) {
      const stop = new AbortController();
      await Promise.race([once(busy, "drain", { signal: stop.signal }), delay(5)]).catch(() => undefined);
      stop.abort();
      continue;
    }
    if ((buf.pipes?.length ?? 0) === 0 && (buf.buffers?.length ?? 0) > maxQueuedChunks) {
      await delay(2);
      continue;
    }
    return;
  }
};
