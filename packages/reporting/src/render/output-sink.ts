import { once } from "node:events";
import { Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * A byte-counting stream in front of the caller's output; `finished` resolves once the output
 * has flushed and been ended, and rejects (destroying the output) if rendering fails.
 * @example
 * const sink = openSink(output)
 * await sink.write("<html>")
 * const bytes = await sink.end()
 */
export interface OutputSink {
  /** The stream renderers write into (pipe exceljs/pdfkit here). */
  readonly stream: Writable;
  /** Writes a chunk, waiting for the output to drain when it asks to. */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Ends the stream and waits for the output to finish; returns the bytes written. */
  end(): Promise<number>;
  /** Waits for the output to finish after the producer ended the stream itself. */
  finished(): Promise<number>;
  /** Aborts: destroys the stream and the output with the error, then rethrows it. */
  fail(error: unknown): Promise<never>;
}

/** Opens a sink onto the caller's output. The output is ended (or destroyed) by the renderer. */
export const openSink = (output: Writable): OutputSink => {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  const done = pipeline(counter, output);
  // Observed below; keep an early failure (output closed by its owner) from being unhandled.
  done.catch(() => undefined);
  const finished = async (): Promise<number> => {
    await done;
    return bytes;
  };
  return {
    stream: counter,
    async write(chunk) {
      if (!counter.write(chunk)) {
        await Promise.race([once(counter, "drain"), done]);
      }
    },
    async end() {
      counter.end();
      return finished();
    },
    finished,
    async fail(error) {
      counter.destroy(error instanceof Error ? error : new Error(String(error)));
      await done.catch(() => undefined);
      throw error;
    },
  };
};
