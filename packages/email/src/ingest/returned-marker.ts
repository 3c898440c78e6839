import type { Marker, MarkerKey } from "../thread/marker";
import { readBodyMarkers, readMessageIdMarker } from "../thread/marker";

const OUR_ID = /<spoc\.[A-Za-z0-9-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9]+@[^>\s]+>/g;

/**
 * The first marker of this instance anywhere in a raw message — how a bounce names the notification
 * it returns: DSNs carry the original headers or the whole message as an attached part the parser
 * does not open, so the raw bytes are searched. Other instances' markers are skipped.
 *
 * @example
 * returnedMarker(key, raw)?.ticketRef // the ticket whose notification bounced
 */
export const returnedMarker = (key: MarkerKey, raw: Buffer): Marker | null => {
  // Headers are ASCII and body markers are too; latin1 keeps every byte one character.
  const text = raw.toString("latin1").replace(/=\r?\n/g, "");
  for (const [id] of text.matchAll(OUR_ID)) {
    const marker = readMessageIdMarker(key, id);
    if (marker !== null && marker.instanceId === key.instanceId) return marker;
  }
  return readBodyMarkers(key, text).find((m) => m.instanceId === key.instanceId) ?? null;
};
