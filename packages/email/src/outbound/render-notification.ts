import Handlebars from "handlebars";
import type { MarkerKey } from "../thread/marker";
import { bodyMarker, outboundMessageId } from "../thread/marker";
import {
  defaultCatalog,
  resolveTemplate,
  type NotificationCatalog,
  type NotificationKind,
} from "./notification-templates";

/**
 * A message ready for a `Mailer`: rendered, addressed, threaded and marked.
 * @example
 * const mail: OutboundEmail = renderNotification(request, { key, host: "desk.example.com" })
 * await mailer.send(mail)
 */
export interface OutboundEmail {
  readonly from: string;
  readonly to: ReadonlyArray<string>;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly messageId: string;
  readonly inReplyTo?: string;
  readonly references: ReadonlyArray<string>;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * What to render: which notification, for which ticket, answering which message.
 * @example
 * const request: NotificationRequest = { kind: "acknowledgement", serviceId: "it", language: "en", ticketRef: "t1", ticketNumber: "IT-000001",
 *   from: "it@desk.example.com", to: ["ann@example.com"], data: { subject: "VPN down", requesterName: "Ann" } }
 */
export interface NotificationRequest {
  readonly kind: NotificationKind;
  readonly serviceId: string;
  readonly language: string;
  readonly ticketRef: string;
  readonly ticketNumber: string;
  readonly from: string;
  readonly to: ReadonlyArray<string>;
  /** Template variables (`subject`, `requesterName`, `status`, `body`…). */
  readonly data: Readonly<Record<string, unknown>>;
  /** The message this answers, so the reply threads in the customer's mail client. */
  readonly replyTo?: { readonly messageId: string; readonly references: ReadonlyArray<string> };
}

/**
 * How `renderNotification` signs and addresses: the instance's marker key, our mail domain, the templates.
 * @example
 * renderNotification(request, { key: { instanceId: "acme", secret }, host: "desk.example.com", catalog: defaultCatalog })
 */
export interface RenderOptions {
  /** The instance id and secret that sign the Message-ID and body markers. */
  readonly key: MarkerKey;
  /** The domain of our Message-IDs. */
  readonly host: string;
  /** The templates per notification and language (default: the built-in catalogue). */
  readonly catalog?: NotificationCatalog;
  /** For tests: a fixed Message-ID nonce. */
  readonly nonce?: string;
}

// A person wrote an agent reply; everything else is sent by the desk itself (RFC 3834).
const AUTO_SUBMITTED: Readonly<Record<NotificationKind, string | null>> = {
  acknowledgement: "auto-replied",
  "agent-reply": null,
  "status-change": "auto-generated",
  "satisfaction-survey": "auto-generated",
  "sla-warning": "auto-generated",
  "escalation.notify-lead": "auto-generated",
};

/**
 * Renders a notification with its service's (or the default) Handlebars templates, tags the
 * subject with the ticket number, appends the signed body marker, and sets our Message-ID,
 * In-Reply-To/References and the headers that stop auto-responders from answering.
 *
 * @example
 * const mail = renderNotification({ kind: "acknowledgement", serviceId: "it", language: "en", … }, { key, host })
 */
export const renderNotification = (request: NotificationRequest, options: RenderOptions): OutboundEmail => {
  const catalog = options.catalog ?? defaultCatalog;
  const template = resolveTemplate(catalog, request.serviceId, request.language, request.kind);
  if (template === undefined) {
    throw new Error(`no ${request.kind} template for service ${request.serviceId} in ${request.language}`);
  }
  const handlebars = Handlebars.create();
  const data = { ...request.data, ticketNumber: request.ticketNumber };
  // Subjects and text bodies are not HTML: escaping them would show `&amp;` to the customer.
  const plain = (source: string) => handlebars.compile(source, { noEscape: true, strict: false })(data);
  const marker = bodyMarker(options.key, request.ticketRef);
  const subject = plain(template.subject).replace(/[\r\n]+/g, " ").trim();
  const tag = `[${request.ticketNumber}]`;
  const html =
    template.html === undefined
      ? undefined
      : `${handlebars.compile(template.html)(data)}<div style="display:none">${marker}</div>`;
  const references = request.replyTo
    ? [...new Set([...request.replyTo.references, request.replyTo.messageId])]
    : [];
  const autoSubmitted = AUTO_SUBMITTED[request.kind];
  return {
    from: request.from,
    to: request.to,
    subject: subject.includes(tag) ? subject : `${tag} ${subject}`,
    text: `${plain(template.text)}\n${marker}\n`,
    ...(html === undefined ? {} : { html }),
    messageId: outboundMessageId(options.key, request.ticketRef, options.host, options.nonce),
    ...(request.replyTo ? { inReplyTo: request.replyTo.messageId } : {}),
    references,
    headers: {
      // Exchange and most auto-responders stay silent on this: no vacation-reply ping-pong.
      "X-Auto-Response-Suppress": "All",
      ...(autoSubmitted === null ? {} : { "Auto-Submitted": autoSubmitted }),
    },
  };
};
