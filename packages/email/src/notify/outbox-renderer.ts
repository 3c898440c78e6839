import { createHash } from "node:crypto";
import type { OutboxItem } from "@spoc/core";
import type { NotificationCatalog, NotificationKind } from "../outbound/notification-templates";
import { renderNotification, type OutboundEmail } from "../outbound/render-notification";
import type { MarkerKey } from "../thread/marker";

/**
 * Turns an outbox item into a message, or says why it cannot.
 * @example
 * const render: OutboxRenderer = notificationRenderer({ key, host: "desk.example.com", from: "IT <it@desk.example.com>" })
 * const mail = render(item) // an OutboundEmail for the mailer
 */
export type OutboxRenderer = (item: OutboxItem) => OutboundEmail;

/**
 * How outbox items are rendered: who signs and sends them, and with which templates.
 * @example
 * notificationRenderer({ key: { instanceId: "acme", secret }, host: "desk.example.com", from: (serviceId) => `${serviceId}@desk.example.com` })
 */
export interface OutboxRendererOptions {
  readonly key: MarkerKey;
  /** The domain of our Message-IDs. */
  readonly host: string;
  /** The From address, per service when a function. */
  readonly from: string | ((serviceId: string) => string);
  readonly catalog?: NotificationCatalog;
}

const KINDS: ReadonlySet<string> = new Set<NotificationKind>(["acknowledgement", "agent-reply", "status-change", "satisfaction-survey", "sla-warning", "escalation.notify-lead"]);

/**
 * The Message-ID nonce of an outbox item: derived from its id, so every retry of the same item
 * sends the same Message-ID and a receiver (or a person) recognises a duplicate.
 *
 * @example
 * outboxNonce("0f5e…:3") // "o4kQ…" (always the same for this id)
 */
export const outboxNonce = (outboxId: string): string =>
  `o${createHash("sha256").update(outboxId).digest("base64url").replace(/[-_]/g, "0").slice(0, 16)}`;

const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/**
 * A renderer for the notifications `emailNotificationsHook` requests: the template is the item's
 * `template`, the data its `data` (ticket number, subject, In-Reply-To/References…).
 *
 * @example
 * const render = notificationRenderer({ key, host: "desk.example.com", from: "IT <it@desk.example.com>" })
 */
export const notificationRenderer = (options: OutboxRendererOptions): OutboxRenderer => (item) => {
  if (!KINDS.has(item.template)) throw new Error(`no email template for notification "${item.template}"`);
  const data = item.data;
  const inReplyTo = text(data["inReplyTo"]);
  const references = Array.isArray(data["references"]) ? data["references"].filter((r): r is string => typeof r === "string") : [];
  return renderNotification(
    {
      kind: item.template as NotificationKind,
      serviceId: item.serviceId,
      language: text(data["language"]) ?? options.catalog?.defaultLanguage ?? "en",
      ticketRef: item.ticketId,
      ticketNumber: text(data["ticketNumber"]) ?? item.ticketId,
      from: typeof options.from === "function" ? options.from(item.serviceId) : options.from,
      to: item.to,
      data,
      ...(inReplyTo === null ? {} : { replyTo: { messageId: inReplyTo, references: references.filter((r) => r !== inReplyTo) } }),
    },
    { key: options.key, host: options.host, nonce: outboxNonce(item.id), ...(options.catalog ? { catalog: options.catalog } : {}) },
  );
};
