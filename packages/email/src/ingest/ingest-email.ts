import { createHash } from "node:crypto";
import { type Actor, limitsOf, type PromiseDesk, type Service, type ServiceId, type Ticket, type TicketId } from "@spoc/core";
import { classifyAutomatic, type AutomaticClassification } from "../classify/classify-automatic";
import type { AttachmentStore } from "../parse/attachment-store";
import { MalformedEmail } from "../parse/malformed-email";
import { parseEmail, type ParseEmailOptions } from "../parse/parse-email";
import type { InboundEmail } from "../parse/schema";
import { readMessageIdMarker, type MarkerKey } from "../thread/marker";
import { threadMessage } from "../thread/thread-message";
import { autoReplyAllowed } from "./auto-reply-limit";
import { AUTO_REPLY_LIMITED_TAG, AUTOMATIC_MAIL_TAG, emailActorName, type MailboxSettings } from "./mailbox-settings";
import { mayAppend } from "./may-append";
import { cleanMail, fitBytes, fitChars, TEXT_CLEANED_TAG, TRUNCATED_TAG } from "./clean-mail";

// Mail is written by the system actor, which reads (and gets back) whole tickets.
type SystemActor = Extract<Actor, { kind: "system" }>;
import { messageBody } from "./message-body";
import { returnedMarker } from "./returned-marker";
import { senderContact } from "./sender-contact";
import { storeThreadLookup } from "./store-thread-lookup";

/**
 * Where and how to ingest one message.
 * @example
 * await ingestEmail(desk, raw, { serviceId: "svc-it", instanceId: "acme", secret, attachmentStore: memoryAttachmentStore() })
 */
export interface IngestOptions {
  readonly serviceId: string;
  readonly mailbox?: MailboxSettings;
  /** This spoc instance's id and marker secret (see `outboundMessageId`). */
  readonly instanceId: string;
  readonly secret: string;
  readonly attachmentStore: AttachmentStore;
  /** When the message arrived (epoch ms); recorded as the time of the change. Default: the desk's clock. */
  readonly now?: number;
  /** Parser limits (attachment size, header size…). */
  readonly limits?: Omit<ParseEmailOptions, "attachmentStore">;
}

/**
 * What ingest did with a message, as the CLI prints it.
 * @example
 * const { action, ticket, reason }: IngestResult = await ingestEmail(desk, raw, options) // "created", "IT-000001", …
 */
export interface IngestResult {
  readonly action: "created" | "appended" | "ignored";
  /** The ticket number (`IT-000123`) the message landed on or already was on, or null. */
  readonly ticket: string | null;
  readonly reason: string;
  readonly messageId: string | null;
  readonly subject: string | null;
  readonly automatic: boolean;
  /** The threading trace and the classification signals, for debugging a decision. */
  readonly trace: ReadonlyArray<string>;
}

const MAX_MERGE_HOPS = 8;

/**
 * The id a message is deduplicated by: its Message-ID, or for mail without one a digest of its
 * bytes, so the same file delivered twice is still recognised.
 *
 * @example
 * dedupKey(email, raw) // "<abc@example.com>" or "<sha256.…@no-message-id.spoc>"
 */
export const dedupKey = (email: Pick<InboundEmail, "messageId">, raw: Buffer): string =>
  email.messageId ?? `<sha256.${createHash("sha256").update(raw).digest("hex")}@no-message-id.spoc>`;

/**
 * Takes one raw email into a service's desk: parse → classify → thread → find or create the
 * contact → open a ticket or add a message. Bounces and auto-replies never open tickets; when
 * they thread they are attached as automatic messages (a bounce of our notification shows as a
 * "Delivery failure"); list and bulk mail open tickets unless the mailbox says not to. The same
 * message delivered twice is recorded once. Mail threading by Message-ID from someone who is not a
 * participant of the ticket opens a new, linked ticket instead (`mayAppend`), and acknowledgements
 * stop past the mailbox's `autoReplyLimit`, so a header-less auto-responder cannot loop.
 *
 * @example
 * const r = await ingestEmail(desk, raw, { serviceId: "svc-it", instanceId: "acme", secret, attachmentStore })
 * // { action: "created", ticket: "IT-000001", reason: "no rule matched: new ticket", … }
 */
export const ingestEmail = async (desk: PromiseDesk, raw: Buffer, options: IngestOptions): Promise<IngestResult> => {
  let parsed: InboundEmail;
  try {
    parsed = await parseEmail(raw, { ...options.limits, attachmentStore: options.attachmentStore });
  } catch (e) {
    if (!(e instanceof MalformedEmail)) throw e;
    return { action: "ignored", ticket: null, reason: `malformed message (${e.reason}): ${e.detail}`, messageId: null, subject: null, automatic: false, trace: [] };
  }
  const store = desk.store;
  const service = await store.getService(options.serviceId as ServiceId);
  if (!service) throw new Error(`service ${options.serviceId} does not exist`);
  // Mail is accepted as it comes: text the Desk would refuse (U+0000, lone surrogates) is cleaned, and recorded.
  const { value: email, cleaned } = cleanMail(parsed);
  const fit = mailFit(service, cleaned);
  const verdict = classifyAutomatic(email);
  const key: MarkerKey = { instanceId: options.instanceId, secret: options.secret };
  const messageKey = fit.externalId(dedupKey(email, raw));
  const base = { messageId: email.messageId, subject: email.subject, automatic: verdict.automatic };
  const result = (action: IngestResult["action"], ticket: Ticket | null, reason: string, trace: ReadonlyArray<string>): IngestResult =>
    ({ action, ticket: ticket?.number ?? null, reason, ...base, trace: [...trace, ...fit.notes(), ...verdict.signals.map((s) => `signal ${s}`)] });

  const already = await store.findTicketByExternalId(service.id, messageKey);
  if (already !== undefined) {
    const t = await store.getTicket(service.id, already as TicketId);
    return result("ignored", t ?? null, `duplicate: ${messageKey} is already on ${t?.number ?? already}`, []);
  }

  const decision = await threadMessage({ ...email, messageId: messageKey }, storeThreadLookup(store, service), key);
  const trace = [...decision.trace];
  if (decision.action === "duplicate") {
    const t = await store.getTicket(service.id, decision.ticketRef as TicketId);
    return result("ignored", t ?? null, `duplicate: ${messageKey} is already on ${t?.number ?? decision.ticketRef}`, trace);
  }
  let target = decision.action === "append" ? await liveTicket(desk, service, decision.ticketRef, trace) : null;
  let bounceOfOurs = false;
  if (target === null && (verdict.kind === "bounce" || verdict.kind === "autoreply")) {
    const marker = returnedMarker(key, raw);
    if (marker !== null) {
      trace.push(`our marker for ${marker.ticketRef} is inside the returned message`);
      target = await liveTicket(desk, service, marker.ticketRef, trace);
      bounceOfOurs = target !== null;
    }
  }
  const run = options.now === undefined ? undefined : { at: options.now };
  const actor: SystemActor = { kind: "system", name: email.from?.address ? emailActorName(email.from.address) : "email" };
  // Threading by a known Message-ID appends only for the ticket's participants (a bounce of our own mail excepted).
  if (target !== null && decision.action === "append" && decision.rule !== "subject-tag" && verdict.kind !== "bounce") {
    const permission = await mayAppend(store, service, target, email.from?.address ?? null);
    trace.push(permission.why);
    if (!permission.allowed) {
      const referenced = target;
      if (verdict.kind === "autoreply") return result("ignored", null, `automatic ${verdict.kind} from a non-participant of ${referenced.number}`, trace);
      if (verdict.automatic && options.mailbox?.listMailOpensTickets === false) {
        return result("ignored", null, `${verdict.kind} mail from a non-participant of ${referenced.number}, and this mailbox opens no tickets for it`, trace);
      }
      const opened = await open(desk, service, email, messageKey, verdict, options, actor, run, fit, referenced);
      await linkBothWays(desk, actor, service, opened, referenced, run);
      const what = verdict.automatic ? `new ticket from ${verdict.kind} mail (no acknowledgement), linked to` : "new ticket linked to";
      return result("created", opened, `${what} ${referenced.number}: ${permission.why}`, trace);
    }
  }
  const ruleReason = (ticket: Ticket) =>
    decision.action === "append" && !bounceOfOurs ? `threaded by ${decision.rule} to ${ticket.number}` : `returned notification of ${ticket.number}`;

  if (target !== null) {
    const delivery = verdict.kind === "bounce";
    const subject = fit.subject(delivery ? `Delivery failure: ${email.subject ?? "(no subject)"}` : email.subject);
    // A person writing into a ticket is a contact of the service from now on, like a requester.
    if (!verdict.automatic) await senderContact(desk, service, email.from);
    try {
      const after = await desk.addMessage(actor, {
        serviceId: service.id, ticketId: target.id, kind: "customer", channel: "email",
        body: fit.body(messageBody(email)), externalId: messageKey, automatic: verdict.automatic,
        ...(subject === null ? {} : { subject }),
      }, run);
      // The ticket says that its mail was changed to be stored (cleaned or cut), for agents and reports to see.
      if (fit.tags().length > 0) await desk.updateFields(actor, { serviceId: service.id, ticketId: target.id, addTags: fit.tags() }, run);
      const what = verdict.automatic ? `automatic ${verdict.kind} attached` : "appended";
      return result("appended", after, `${ruleReason(after)} (${what})`, trace);
    } catch (e) {
      const code = (e as { _tag?: string; code?: string })._tag === "CommandRejected" ? (e as { code: string }).code : null;
      if (code !== "TicketClosed" && code !== "ReopenWindowExpired") throw e;
      if (verdict.automatic) return result("ignored", target, `automatic ${verdict.kind} for ${target.number}, which is closed`, trace);
      trace.push(`${target.number} takes no more messages (${code}): a follow-up ticket is opened`);
      const opened = await open(desk, service, email, messageKey, verdict, options, actor, run, fit, target);
      await linkBothWays(desk, actor, service, opened, target, run);
      return result("created", opened, `follow-up of ${target.number} (${code})`, trace);
    }
  }
  const foreign = foreignInstance(key, email);
  if (foreign !== null) {
    return result("ignored", null, `reply to spoc instance ${foreign}, not this one (${key.instanceId})`, trace);
  }
  if (verdict.kind === "bounce" || verdict.kind === "autoreply") {
    return result("ignored", null, `automatic mail (${verdict.kind}) that threads to no ticket: ${verdict.signals.join("; ")}`, trace);
  }
  if (verdict.automatic && options.mailbox?.listMailOpensTickets === false) {
    return result("ignored", null, `${verdict.kind} mail and this mailbox opens no tickets for it: ${verdict.signals.join("; ")}`, trace);
  }
  const opened = await open(desk, service, email, messageKey, verdict, options, actor, run, fit);
  return result("created", opened, verdict.automatic ? `new ticket from ${verdict.kind} mail (no acknowledgement)` : "new ticket", trace);
};

// Two instances may share a mailbox (staging and production): mail answering the other's
// notifications is theirs, not a new request for us.
const foreignInstance = (key: MarkerKey, email: InboundEmail): string | null => {
  for (const id of [email.inReplyTo, ...email.references]) {
    const marker = id === null ? null : readMessageIdMarker(key, id);
    if (marker !== null && marker.instanceId !== key.instanceId) return marker.instanceId;
  }
  return null;
};

/** The ticket a thread rule named, followed through merges; null (with a trace line) when it is not in this service. */
const liveTicket = async (desk: PromiseDesk, service: Service, ref: string, trace: string[]): Promise<Ticket | null> => {
  let ticket = await desk.store.getTicket(service.id, ref as TicketId);
  for (let hop = 0; ticket?.mergedInto && hop < MAX_MERGE_HOPS; hop++) {
    trace.push(`${ticket.number} was merged into ${ticket.mergedInto.number}`);
    ticket = await desk.store.getTicket(service.id, ticket.mergedInto.ticketId);
  }
  if (!ticket) trace.push(`ticket ${ref} is not in service ${service.id}: treated as new`);
  return ticket ?? null;
};

const open = async (
  desk: PromiseDesk, service: Service, email: InboundEmail, messageKey: string, verdict: AutomaticClassification,
  options: IngestOptions, actor: SystemActor, run: { at: number } | undefined, fit: MailFit, referenced: Ticket | null = null,
): Promise<Ticket> => {
  const sender = await senderContact(desk, service, email.from);
  const limited = verdict.automatic ? false : !(await mayAcknowledge(desk, service, sender.contact.id, referenced, options));
  const tags = [
    ...(options.mailbox?.tags ?? []),
    ...(verdict.automatic ? [AUTOMATIC_MAIL_TAG] : []),
    ...(limited ? [AUTO_REPLY_LIMITED_TAG] : []),
  ];
  const subject = fit.subject(email.subject?.replace(/\s+/g, " ").trim() || "(no subject)") ?? "(no subject)";
  const description = fit.body(messageBody(email));
  tags.push(...fit.tags());
  return desk.openTicket(actor, {
    serviceId: service.id,
    subject,
    description,
    channel: "email",
    requesterId: sender.contact.id,
    ...(sender.organizationId === null ? {} : { organizationId: sender.organizationId }),
    ...(tags.length === 0 ? {} : { tags }),
    externalId: messageKey,
  }, run);
};

const acknowledged = (t: Ticket): boolean =>
  t.channel === "email" && !t.tags.includes(AUTOMATIC_MAIL_TAG) && !t.tags.includes(AUTO_REPLY_LIMITED_TAG);

// Reads what was already acknowledged from the tickets themselves, so every process applies one limit.
const mayAcknowledge = async (
  desk: PromiseDesk, service: Service, requesterId: Ticket["requesterId"], referenced: Ticket | null, options: IngestOptions,
): Promise<boolean> => {
  const now = options.now ?? Date.now();
  const toSender: number[] = [];
  let after: string | undefined;
  do {
    const page = await desk.store.listTickets(service.id, { requesterId, limit: 500, ...(after ? { after } : {}) });
    for (const t of page.items) if (acknowledged(t)) toSender.push(t.createdAt);
    after = page.nextCursor ?? undefined;
  } while (after !== undefined);
  let onTicket = 0;
  for (const link of referenced?.links ?? []) {
    if (link.kind !== "related" || link.ticket.serviceId !== service.id) continue;
    const other = await desk.store.getTicket(service.id, link.ticket.ticketId);
    if (other && acknowledged(other)) onTicket += 1;
  }
  return autoReplyAllowed({ toSender, onTicket }, options.mailbox?.autoReplyLimit ?? {}, now).allowed;
};

// The referenced ticket links back, so agents see the new ticket there and the per-ticket limit can count it.
const linkBothWays = async (desk: PromiseDesk, actor: Actor, service: Service, opened: Ticket, referenced: Ticket, run: { at: number } | undefined) => {
  await desk.link(actor, { serviceId: service.id, ticketId: opened.id, kind: "related", other: { serviceId: service.id, ticketId: referenced.id } }, run);
  try {
    await desk.link(actor, { serviceId: service.id, ticketId: referenced.id, kind: "related", other: { serviceId: service.id, ticketId: opened.id } }, run);
  } catch (e) {
    // A closed ticket takes no link: the new ticket still names it.
    if ((e as { _tag?: string })._tag !== "CommandRejected") throw e;
  }
};

type MailFit = ReturnType<typeof mailFit>;

// What one message needed to fit the service (cleaned text, cuts to its limits), recorded as tags and trace lines.
const mailFit = (service: Service, cleaned: ReadonlyArray<string>) => {
  const limits = limitsOf(service);
  const cut = new Set<string>();
  return {
    subject: (s: string | null): string | null => {
      if (s === null) return null;
      const f = fitChars(s, limits.subjectChars);
      if (f.truncated) cut.add("subject");
      return f.text;
    },
    body: (s: string): string => {
      const f = fitBytes(s, limits.bodyBytes);
      if (f.truncated) cut.add("body");
      return f.text;
    },
    // A Message-ID longer than the service takes is recorded by its digest, so deduplication still works.
    externalId: (id: string): string =>
      id.length <= limits.shortTextChars ? id : `<sha256.${createHash("sha256").update(id).digest("hex")}@long-message-id.spoc>`,
    tags: (): string[] => [...(cleaned.length > 0 ? [TEXT_CLEANED_TAG] : []), ...(cut.size > 0 ? [TRUNCATED_TAG] : [])],
    notes: (): string[] => [
      ...(cleaned.length > 0 ? [`text cleaned (U+0000 removed, lone surrogates replaced): ${cleaned.join(", ")}`] : []),
      ...(cut.size > 0 ? [`cut to the service's limits: ${[...cut].join(", ")}`] : []),
    ],
  };
};
