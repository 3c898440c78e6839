import type { MarkerKey } from "./marker";
import { readBodyMarkers, readMessageIdMarker } from "./marker";
import type { ThreadLookup } from "./thread-lookup";

/**
 * Which rule attached a message to an existing ticket.
 * @example
 * const rule: ThreadRule = "in-reply-to" // threaded by the In-Reply-To header
 */
export type ThreadRule = "in-reply-to" | "references" | "marker" | "subject-tag";

/**
 * Where an inbound message goes; `trace` says, step by step, why.
 * @example
 * const d: ThreadDecision = await threadMessage(email, lookup, key)
 * if (d.action === "append") console.log(d.rule, d.trace)
 */
export type ThreadDecision =
  | { readonly action: "append"; readonly ticketRef: string; readonly rule: ThreadRule; readonly trace: ReadonlyArray<string> }
  | { readonly action: "new"; readonly trace: ReadonlyArray<string> }
  | { readonly action: "duplicate"; readonly ticketRef: string; readonly messageId: string; readonly trace: ReadonlyArray<string> };

/**
 * The fields of an inbound message that threading reads.
 * @example
 * await threadMessage({ messageId: "<m2@x>", inReplyTo: "<m1@x>", references: [], subject: "Re: VPN", from: { address: "ann@x" }, text: "" }, lookup, key)
 */
export interface ThreadInput {
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: ReadonlyArray<string>;
  readonly subject: string | null;
  readonly from: { readonly address: string } | null;
  readonly text: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Decides which ticket an inbound message belongs to, in this order: (a) its own Message-ID is
 * already stored → duplicate; (b) In-Reply-To, then References (nearest first) against stored
 * ids; (c) a signed spoc marker of this instance in those ids or the body; (d) a subject tag
 * such as `[IT-000123]`, only from the requester or a participant; otherwise a new ticket.
 *
 * @example
 * const d = await threadMessage(email, lookup, key); if (d.action === "append") append(d.ticketRef)
 */
export const threadMessage = async (
  email: ThreadInput,
  lookup: ThreadLookup,
  key: MarkerKey,
): Promise<ThreadDecision> => {
  const trace: string[] = [];
  if (email.messageId !== null) {
    const own = await lookup.findByMessageId(email.messageId);
    if (own !== null) {
      trace.push(`message id ${email.messageId} already stored on ${own.ticketRef}`);
      return { action: "duplicate", ticketRef: own.ticketRef, messageId: email.messageId, trace };
    }
    trace.push(`message id ${email.messageId} is new`);
  } else trace.push("no message id: duplicates cannot be detected");

  if (email.inReplyTo !== null) {
    const hit = await lookup.findByMessageId(email.inReplyTo);
    if (hit !== null) {
      trace.push(`in-reply-to ${email.inReplyTo} is on ${hit.ticketRef}`);
      return { action: "append", ticketRef: hit.ticketRef, rule: "in-reply-to", trace };
    }
    trace.push(`in-reply-to ${email.inReplyTo} is unknown`);
  }
  // The nearest ancestor is last in References, and the likeliest to be stored.
  const references = [...email.references].reverse().filter((id) => id !== email.inReplyTo);
  for (const id of references) {
    const hit = await lookup.findByMessageId(id);
    if (hit !== null) {
      trace.push(`reference ${id} is on ${hit.ticketRef}`);
      return { action: "append", ticketRef: hit.ticketRef, rule: "references", trace };
    }
  }
  if (references.length > 0) trace.push(`none of ${references.length} references is stored`);

  const marked = findMarker(email, key, trace);
  if (marked !== null) return { action: "append", ticketRef: marked, rule: "marker", trace };

  const tagged = await findSubjectTag(email, lookup, trace);
  if (tagged !== null) return { action: "append", ticketRef: tagged, rule: "subject-tag", trace };

  trace.push("no rule matched: new ticket");
  return { action: "new", trace };
};

const findMarker = (email: ThreadInput, key: MarkerKey, trace: string[]): string | null => {
  const ids = [email.inReplyTo, ...[...email.references].reverse()].filter((id): id is string => id !== null);
  const candidates = [
    ...ids.map((id) => ({ where: `message id ${id}`, marker: readMessageIdMarker(key, id) })),
    ...readBodyMarkers(key, email.text).map((marker) => ({ where: "body", marker })),
  ];
  for (const { where, marker } of candidates) {
    if (marker === null) continue;
    if (marker.instanceId !== key.instanceId) {
      trace.push(`marker in ${where} belongs to instance ${marker.instanceId}, not ${key.instanceId}: ignored`);
      continue;
    }
    trace.push(`marker in ${where} names ${marker.ticketRef}`);
    return marker.ticketRef;
  }
  return null;
};

const findSubjectTag = async (
  email: ThreadInput,
  lookup: ThreadLookup,
  trace: string[],
): Promise<string | null> => {
  if (email.subject === null || lookup.ticketPrefixes.length === 0) return null;
  const prefixes = lookup.ticketPrefixes.map(escapeRegExp).join("|");
  const tag = new RegExp(`\\[((?:${prefixes})-\\d+)\\]`, "gi");
  const sender = email.from?.address.toLowerCase() ?? "";
  for (const [, number = ""] of email.subject.matchAll(tag)) {
    const ticket = await lookup.findByTicketNumber(number.toUpperCase());
    if (ticket === null) {
      trace.push(`subject tag ${number} names no ticket`);
      continue;
    }
    const allowed = [ticket.requesterEmail, ...ticket.participantEmails].map((e) => e.toLowerCase());
    if (sender !== "" && allowed.includes(sender)) {
      trace.push(`subject tag ${number} is ${ticket.ticketRef} and ${sender} is on it`);
      return ticket.ticketRef;
    }
    trace.push(`subject tag ${number} ignored: ${sender || "unknown sender"} is not requester or participant`);
  }
  return null;
};
