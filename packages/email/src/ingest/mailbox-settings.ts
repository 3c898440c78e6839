import type { AutoReplyLimit } from "./auto-reply-limit";

/**
 * How one mailbox's mail is taken into a service.
 * @example
 * await ingestEmail(desk, raw, { ...options, mailbox: { listMailOpensTickets: false, tags: ["support-inbox"] } })
 */
export interface MailboxSettings {
  /** When the desk stops acknowledging a sender or a thread (loop protection; see `defaultAutoReplyLimit`). */
  readonly autoReplyLimit?: AutoReplyLimit;
  /**
   * Whether mailing-list and bulk mail (Precedence list/bulk, Auto-Submitted auto-generated…) opens
   * tickets. Default true: a newsletter or a monitoring alert is often a real request. Such tickets
   * are tagged `automatic-mail` and are never acknowledged.
   */
  readonly listMailOpensTickets?: boolean;
  /** Tags put on every ticket this mailbox opens. */
  readonly tags?: ReadonlyArray<string>;
}

/**
 * The tag on tickets opened by automatic (list or bulk) mail: notifications skip them.
 * @example
 * ticket.tags.includes(AUTOMATIC_MAIL_TAG) // opened by list or bulk mail: never acknowledged
 */
export const AUTOMATIC_MAIL_TAG = "automatic-mail";

/** The tag on tickets whose acknowledgement the automatic-reply limit withheld: notifications send none. */
export const AUTO_REPLY_LIMITED_TAG = "auto-reply-limited";

/** The system actor name under which mail from an address is recorded. @example emailActorName("ann@x") // "email:ann@x" */
export const emailActorName = (address: string): string => `email:${address.toLowerCase()}`;

/** The sender address in an `email:` actor name, or null. @example senderOfActorName("email:ann@x") // "ann@x" */
export const senderOfActorName = (name: string): string | null =>
  name.startsWith("email:") && name.length > 6 ? name.slice(6) : null;
