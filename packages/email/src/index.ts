/**
 * `@spoc/email`: the email channel of spoc — raw RFC 822 → `InboundEmail`, automatic-mail
 * classification (loop and bounce protection), threading into tickets, outbound markers.
 */
export {
  AttachmentEntry,
  AttachmentTooLarge,
  AutomaticHeaders,
  EmailAddress,
  InboundEmail,
  InlineAttachment,
  StoredAttachment,
} from "./parse/schema";
export { MalformedEmail, MalformedReason } from "./parse/malformed-email";
export type { AttachmentMeta, AttachmentStore, MemoryAttachmentStore } from "./parse/attachment-store";
export { memoryAttachmentStore } from "./parse/attachment-store";
export { parseEmail, type ParseEmailOptions } from "./parse/parse-email";
export { parseEmailEffect } from "./parse/parse-email-effect";
export { normaliseLineEndings } from "./parse/normalise-line-endings";
export { sanitizeEmailHtml } from "./parse/sanitize-email-html";

export {
  classifyAutomatic,
  type AutomaticClassification,
  type AutomaticKind,
  type ClassifyInput,
} from "./classify/classify-automatic";
export { automaticSubject, type SubjectKind } from "./classify/automatic-subject";

export {
  threadMessage,
  type ThreadDecision,
  type ThreadInput,
  type ThreadRule,
} from "./thread/thread-message";
export {
  memoryThreadLookup,
  type MemoryThreadLookup,
  type ThreadLookup,
  type TicketMatch,
} from "./thread/thread-lookup";
export {
  bodyMarker,
  outboundMessageId,
  readBodyMarkers,
  readMessageIdMarker,
  type Marker,
  type MarkerKey,
} from "./thread/marker";

export {
  defaultCatalog,
  englishTemplates,
  germanTemplates,
  resolveTemplate,
  type NotificationCatalog,
  type NotificationKind,
  type NotificationTemplate,
  type TemplateSet,
} from "./outbound/notification-templates";
export {
  renderNotification,
  type NotificationRequest,
  type OutboundEmail,
  type RenderOptions,
} from "./outbound/render-notification";
export { nodemailerMailer, type Mailer, type SendResult } from "./outbound/mailer";

export { ingestEmail, dedupKey, type IngestOptions, type IngestResult } from "./ingest/ingest-email";
export {
  AUTOMATIC_MAIL_TAG,
  emailActorName,
  senderOfActorName,
  type MailboxSettings,
} from "./ingest/mailbox-settings";
export type { AutoReplyLimit } from "./ingest/auto-reply-limit";
export { storeThreadLookup, ticketParticipants } from "./ingest/store-thread-lookup";
export { senderContact, type SenderContact } from "./ingest/sender-contact";
export { returnedMarker } from "./ingest/returned-marker";
export { messageBody } from "./ingest/message-body";
export { cleanMail, fitBytes, fitChars, TEXT_CLEANED_TAG, TRUNCATED_TAG } from "./ingest/clean-mail";

export { emailNotificationsHook, threadIds, type EmailNotificationOptions } from "./notify/email-notifications-hook";
export { deliverOutbox, retryAt, type DeliverOptions, type DeliverReport } from "./notify/deliver-outbox";
export {
  notificationRenderer,
  outboxNonce,
  type OutboxRenderer,
  type OutboxRendererOptions,
} from "./notify/outbox-renderer";

export {
  imapCursorKeys,
  pollMailbox,
  type ImapMailbox,
  type MailboxPoll,
} from "./imap/poll-mailbox";
export {
  pollImapOnce,
  reconnectDelay,
  startImapPoller,
  type ImapPoller,
  type ImapPollerOptions,
} from "./imap/imap-poller";
