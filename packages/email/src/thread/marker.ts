import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Who we are when we sign outbound mail: one id per spoc instance, one secret to sign with.
 * @example
 * const key: MarkerKey = { instanceId: "acme", secret: process.env.SPOC_MARKER_SECRET! }
 */
export interface MarkerKey {
  /** Letters, digits and `-` only; distinguishes spoc instances sharing mailboxes. */
  readonly instanceId: string;
  readonly secret: string;
}

/**
 * A marker read back from an inbound message.
 * @example
 * const marker: Marker | null = readMessageIdMarker(key, inReplyTo) // { instanceId: "acme", ticketRef: "T-42" } for one of ours
 */
export interface Marker {
  readonly instanceId: string;
  readonly ticketRef: string;
}

const INSTANCE = /^[A-Za-z0-9-]{1,32}$/;
const MAC_LENGTH = 12;

const assertInstance = (instanceId: string) => {
  if (!INSTANCE.test(instanceId)) throw new TypeError(`instanceId must match ${INSTANCE}: ${instanceId}`);
};

// base64url has no `.` or `:`, so the encoded ref never collides with the separators below,
// and every character is legal in a msg-id's dot-atom.
const encodeRef = (ticketRef: string) => Buffer.from(ticketRef, "utf8").toString("base64url");
const decodeRef = (encoded: string) => Buffer.from(encoded, "base64url").toString("utf8");

const mac = (secret: string, payload: string) =>
  createHmac("sha256", secret).update(payload).digest("base64url").replace(/[-_]/g, "x").slice(0, MAC_LENGTH);

const macMatches = (secret: string, payload: string, given: string) => {
  const expected = Buffer.from(mac(secret, payload));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
};

/**
 * A Message-ID for an outbound notification that names this instance and the ticket and is
 * signed, so a reply threads even if the store never saw the id: `<spoc.{instance}.{ticket}.{nonce}.{mac}@host>`.
 *
 * @example
 * outboundMessageId(key, "T-42", "desk.example.com") // "<spoc.acme.VC00Mg.…@desk.example.com>"
 */
export const outboundMessageId = (
  key: MarkerKey,
  ticketRef: string,
  host: string,
  nonce: string = randomBytes(9).toString("base64url").replace(/[-_]/g, "0"),
): string => {
  assertInstance(key.instanceId);
  const payload = `${key.instanceId}.${encodeRef(ticketRef)}.${nonce}`;
  return `<spoc.${payload}.${mac(key.secret, payload)}@${host}>`;
};

const ID_MARKER = /^<spoc\.([A-Za-z0-9-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9]+)@[^>]+>$/;

/**
 * Reads a spoc Message-ID: `null` when it is not one, or when its signature is wrong for this key's
 * secret. An id of another instance is returned as such (the caller refuses it).
 *
 * @example
 * readMessageIdMarker(key, email.inReplyTo) // { instanceId: "acme", ticketRef: "T-42" }
 */
export const readMessageIdMarker = (key: MarkerKey, messageId: string): Marker | null => {
  const m = ID_MARKER.exec(messageId.trim());
  if (!m) return null;
  const [, instanceId = "", ref = "", nonce = "", given = ""] = m;
  if (instanceId !== key.instanceId) return { instanceId, ticketRef: decodeRef(ref) };
  return macMatches(key.secret, `${instanceId}.${ref}.${nonce}`, given)
    ? { instanceId, ticketRef: decodeRef(ref) }
    : null;
};

/**
 * The token we put at the foot of outbound bodies (`[spoc:{instance}:{ticket}:{mac}]`): quoted
 * replies carry it back even when the mail client drops In-Reply-To and References.
 *
 * @example
 * bodyMarker(key, "T-42") // "[spoc:acme:VC00Mg:Q2x…]"
 */
export const bodyMarker = (key: MarkerKey, ticketRef: string): string => {
  assertInstance(key.instanceId);
  const payload = `${key.instanceId}:${encodeRef(ticketRef)}`;
  return `[spoc:${payload}:${mac(key.secret, payload)}]`;
};

const BODY_MARKER = /\[spoc:([A-Za-z0-9-]+):([A-Za-z0-9_-]+):([A-Za-z0-9]+)\]/g;

/**
 * Every body marker in a text, in order, signature-checked for this instance; markers of other
 * instances are returned with their instance id so the caller can say why it refused them.
 *
 * @example
 * readBodyMarkers(key, email.text)[0]?.ticketRef // "T-42"
 */
export const readBodyMarkers = (key: MarkerKey, text: string): Marker[] => {
  const found: Marker[] = [];
  for (const m of text.matchAll(BODY_MARKER)) {
    const [, instanceId = "", ref = "", given = ""] = m;
    if (instanceId !== key.instanceId || macMatches(key.secret, `${instanceId}:${ref}`, given)) {
      found.push({ instanceId, ticketRef: decodeRef(ref) });
    }
  }
  return found;
};
