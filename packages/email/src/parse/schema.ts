import { Schema } from "effect";

/**
 * One mailbox of an address header: the address and its decoded display name.
 * @example
 * Schema.decodeUnknownSync(EmailAddress)({ address: "ann@example.com", name: "Ann" })
 */
export const EmailAddress = Schema.Struct({
  address: Schema.String,
  name: Schema.String,
});
/** @example const a: EmailAddress = { address: "ann@example.com", name: "Ann" } */
export type EmailAddress = typeof EmailAddress.Type;

/**
 * An attachment whose content was handed to the `AttachmentStore`.
 * @example
 * Schema.decodeUnknownSync(StoredAttachment)({ _tag: "StoredAttachment", filename: "log.txt", contentType: "text/plain", size: 120, ref: "att-1" })
 */
export const StoredAttachment = Schema.Struct({
  _tag: Schema.Literal("StoredAttachment"),
  filename: Schema.NullOr(Schema.String),
  contentType: Schema.String,
  size: Schema.Number,
  contentId: Schema.optionalKey(Schema.String),
  ref: Schema.String,
});

/**
 * An attachment larger than the configured limit: its metadata is kept on the message, its
 * content is not stored (the raw message still holds it, so nothing is lost).
 * @example
 * Schema.decodeUnknownSync(AttachmentTooLarge)({ _tag: "AttachmentTooLarge", filename: "scan.pdf", contentType: "application/pdf", size: 30e6, limit: 20e6 })
 */
export const AttachmentTooLarge = Schema.Struct({
  _tag: Schema.Literal("AttachmentTooLarge"),
  filename: Schema.NullOr(Schema.String),
  contentType: Schema.String,
  size: Schema.Number,
  contentId: Schema.optionalKey(Schema.String),
  limit: Schema.Number,
});

/**
 * A part that counts as an attachment but that mailparser shows inside the body (an inline
 * `message/rfc822`, an inline named text part): its content is in `text`/`html`.
 * @example
 * Schema.decodeUnknownSync(InlineAttachment)({ _tag: "InlineAttachment", filename: "forwarded.eml", contentType: "message/rfc822" })
 */
export const InlineAttachment = Schema.Struct({
  _tag: Schema.Literal("InlineAttachment"),
  filename: Schema.NullOr(Schema.String),
  contentType: Schema.String,
  contentId: Schema.optionalKey(Schema.String),
});

/**
 * Any attachment entry recorded on an inbound message.
 * @example
 * email.attachments.filter((a) => a._tag === "StoredAttachment").map((a) => a.ref)
 */
export const AttachmentEntry = Schema.Union([StoredAttachment, AttachmentTooLarge, InlineAttachment]);
/** @example if (entry._tag === "AttachmentTooLarge") warn(entry.filename) */
export type AttachmentEntry = typeof AttachmentEntry.Type;

/**
 * The raw headers that say whether a message was sent by a machine (RFC 3834 and friends);
 * values are unfolded and trimmed, `null` when the header is absent.
 * @example
 * email.automaticHeaders.autoSubmitted // "auto-replied" from an out-of-office, null from a person
 */
export const AutomaticHeaders = Schema.Struct({
  autoSubmitted: Schema.NullOr(Schema.String),
  precedence: Schema.NullOr(Schema.String),
  xAutoreply: Schema.NullOr(Schema.String),
  xAutorespond: Schema.NullOr(Schema.String),
  returnPath: Schema.NullOr(Schema.String),
  listId: Schema.NullOr(Schema.String),
  contentType: Schema.String,
  reportType: Schema.NullOr(Schema.String),
});
/** @example const h: AutomaticHeaders = { ...noAutomaticHeaders, precedence: "bulk" } */
export type AutomaticHeaders = typeof AutomaticHeaders.Type;

/**
 * A parsed inbound email, decoded and sanitised, ready for threading and ingest.
 * @example
 * const email = Schema.decodeUnknownSync(InboundEmail)(json) // e.g. a parsed message kept as JSON
 */
export const InboundEmail = Schema.Struct({
  from: Schema.NullOr(EmailAddress),
  to: Schema.Array(EmailAddress),
  cc: Schema.Array(EmailAddress),
  replyTo: Schema.Array(EmailAddress),
  subject: Schema.NullOr(Schema.String),
  text: Schema.String,
  /** HTML safe to display: no scripts, event handlers or remote images. */
  html: Schema.NullOr(Schema.String),
  attachments: Schema.Array(AttachmentEntry),
  messageId: Schema.NullOr(Schema.String),
  inReplyTo: Schema.NullOr(Schema.String),
  references: Schema.Array(Schema.String),
  automaticHeaders: AutomaticHeaders,
  date: Schema.NullOr(Schema.Date),
  /** Why parts of the message were degraded (e.g. an HTML body too large to convert). */
  warnings: Schema.Array(Schema.String),
});
/** @example const email: InboundEmail = await parseEmail(raw, { attachmentStore }) */
export type InboundEmail = typeof InboundEmail.Type;
