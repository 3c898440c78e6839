import { isUtf8 } from "node:buffer";

/** Stands in the text stream where bytes were not UTF-8 (a U+FFFD follows it in the text). */
export const INVALID_UTF8: unique symbol = Symbol("invalid UTF-8");

/** A piece of decoded text, or the mark of invalid bytes at this point. */
export type TextChunk = string | typeof INVALID_UTF8;

/**
 * Decodes a byte stream as UTF-8, chunk by chunk, marking where it is not UTF-8 instead of
 * replacing it silently: each invalid sequence becomes `INVALID_UTF8` then "\uFFFD". A character
 * split between two chunks is joined; bytes cut off at the end of the stream are invalid too.
 * Valid chunks (nearly all) are checked and decoded natively; only a chunk with bad bytes is walked.
 * @example for await (const t of decodeUtf8(stream)) if (t === INVALID_UTF8) parser.markInvalidUtf8(); else parser.push(t)
 */
export async function* decodeUtf8(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<TextChunk> {
  let carry: Buffer | undefined;
  for await (const chunk of bytes) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const buf = carry === undefined ? b : Buffer.concat([carry, b]);
    const end = completeEnd(buf);
    carry = end < buf.length ? Buffer.from(buf.subarray(end)) : undefined;
    const body = buf.subarray(0, end);
    if (body.length === 0) continue;
    if (isUtf8(body)) yield body.toString("utf8");
    else yield* walk(body);
  }
  if (carry !== undefined) {
    yield INVALID_UTF8;
    yield "\uFFFD";
  }
}

/** Where the last complete character of `buf` ends (a multi-byte character cut at the end waits for the next chunk). */
function completeEnd(buf: Buffer): number {
  const n = buf.length;
  for (let k = 1; k <= Math.min(3, n); k++) {
    const b = buf[n - k] as number;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > k ? n - k : n;
  }
  return n;
}

/** Decodes a chunk holding invalid bytes: valid runs as text, each invalid sequence as a mark and U+FFFD. */
function* walk(body: Buffer): Generator<TextChunk> {
  let from = 0;
  let i = 0;
  while (i < body.length) {
    const len = sequenceLength(body, i);
    if (len > 0) {
      i += len;
      continue;
    }
    if (i > from) yield body.toString("utf8", from, i);
    yield INVALID_UTF8;
    yield "\uFFFD";
    i++;
    // The stray continuation bytes of the same bad sequence are one problem.
    while (i < body.length && ((body[i] as number) & 0xc0) === 0x80) i++;
    from = i;
  }
  if (i > from) yield body.toString("utf8", from, i);
}

/** The length of the well-formed UTF-8 sequence at `i` (RFC 3629: no overlongs, surrogates or > U+10FFFF), or 0. */
function sequenceLength(b: Buffer, i: number): number {
  const c = b[i] as number;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
