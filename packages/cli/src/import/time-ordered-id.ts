import { randomFillSync } from "node:crypto";
import { v7 as uuidv7 } from "uuid";

const pool = new Uint8Array(16 * 256);
let at = pool.length;

/**
 * A UUIDv7 (time-ordered, so new rows land at the end of the indexes) whose random bits come from
 * a pool refilled 4 KiB at a time: `crypto.getRandomValues` per id (uuid's default) cost ~8 µs,
 * 3 % of an import's CPU. Ids made in the same millisecond are not ordered among themselves.
 * @example const id = timeOrderedId()
 */
export function timeOrderedId(): string {
  if (at + 16 > pool.length) {
    randomFillSync(pool);
    at = 0;
  }
  const random = pool.subarray(at, at + 16);
  at += 16;
  return uuidv7({ random });
}
