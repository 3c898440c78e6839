import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { PassThrough, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { decodeUtf8, type TextChunk } from "./utf8-chunks";

/**
 * A file read as text chunks, gunzipped when it is gzip, with how many bytes of it were read so far.
 * Bytes that are not UTF-8 come as `INVALID_UTF8` marks (then U+FFFD), never replaced silently.
 */
export interface SourceFile {
  readonly chunks: AsyncIterable<TextChunk>;
  readonly totalBytes: number;
  bytesRead(): number;
}

/**
 * Opens a (possibly gzipped) UTF-8 file as a stream of text chunks; nothing holds it whole.
 * Gzip is recognised by its magic bytes, whatever the file is called.
 * @example const f = await openSourceFile("incident_event_log.public.csv.gz"); for await (const t of f.chunks) …
 */
export async function openSourceFile(path: string): Promise<SourceFile> {
  const { size } = await stat(path);
  const handle = await open(path, "r");
  const magic = Buffer.alloc(2);
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      read += chunk.length;
      done(null, chunk);
    },
  });
  const streams: Array<NodeJS.ReadableStream | NodeJS.WritableStream> = [createReadStream(path, { highWaterMark: 256 * 1024 }), counter];
  if (gzip) streams.push(createGunzip());
  const out = new PassThrough();
  // pipeline forwards errors (a truncated gzip, a vanished file) to the reader instead of hanging.
  pipeline([...streams, out] as never).catch((e: unknown) => out.destroy(e as Error));
  return { chunks: decodeUtf8(out), totalBytes: size, bytesRead: () => read };
}
