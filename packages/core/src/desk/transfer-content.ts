import type { Actor } from "../auth/actor";
import type { ContactId, MessageId, OrganizationId } from "../ids/ids";
import type { Service } from "../service/schema";
import type { CommandOf } from "../ticket/commands";
import type { EventOf, TicketEvent } from "../ticket/events";
import type { Ticket, TicketRef } from "../ticket/schema";

type Request = EventOf<"TransferRequested">;
type Message = EventOf<"MessageAdded">;

/** The key of the receiving ticket's opening message: one per source ticket, so a retry finds the ticket it opened. */
export const transferExternalId = (source: Pick<Ticket, "id">): string => `transfer:${source.id}`;

/** The customer's own messages on a ticket, oldest first (no notes, replies or auto-replies). */
export const customerMessages = (history: ReadonlyArray<TicketEvent>): ReadonlyArray<Message> =>
  history.filter((e): e is Message => e.type === "MessageAdded" && e.kind === "customer" && !e.automatic);

/** Custom fields that name things of the sending service only (a forced SLA policy id) and do not travel. */
const localFields = new Set(["slaPolicy"]);

/** What the receiving service knows the requester as. */
export interface ReceivingRequester {
  readonly requesterId: ContactId;
  /** Kept only when both services share the contact list (organisations belong to a list). */
  readonly organizationId: OrganizationId | null;
}

/**
 * The command that opens the receiving ticket: the source's subject, channel, type, category,
 * priority (with impact and urgency), tags and custom fields, and the customer's first message
 * as its description, so the receiving service's rules read the customer's own words.
 * @example transferOpening(source, history, { requesterId, organizationId: null }, billing).externalId // "transfer:<source id>"
 */
export const transferOpening = (source: Ticket, history: ReadonlyArray<TicketEvent>, who: ReceivingRequester, to: Service): CommandOf<"OpenTicket"> => {
  const customFields = Object.fromEntries(Object.entries(source.customFields).filter(([k]) => !localFields.has(k)));
  return {
    type: "OpenTicket",
    serviceId: to.id,
    subject: source.subject,
    description: customerMessages(history)[0]?.body ?? source.description,
    ticketType: source.type,
    ...(source.category !== null ? { category: source.category } : {}),
    channel: source.channel,
    priority: source.priority,
    ...(source.impact !== null ? { impact: source.impact } : {}),
    ...(source.urgency !== null ? { urgency: source.urgency } : {}),
    requesterId: who.requesterId,
    ...(who.organizationId !== null ? { organizationId: who.organizationId } : {}),
    tags: source.tags,
    customFields,
    externalId: transferExternalId(source),
  };
};

/** The internal note at the top of the receiving ticket: where it came from, which rule moved it, and why. */
export const transferredFromNote = (source: Ticket, from: Service, request: Request): string =>
  [
    `Transferred from ${source.number} (${from.name}) by routing rule ${request.ruleId}${request.reason ? `: ${request.reason}` : ""}.`,
    `Opened ${new Date(source.createdAt).toISOString()} via ${source.channel}; ${source.messageCount} messages; status ${source.status}.`,
    `Full history: ticket ${source.id} in service ${source.serviceId}.`,
  ].join("\n");

/**
 * The receiving ticket's opening write: `TicketOpened`, the transfer note, the first customer
 * message, then the customer's later messages (copied with their author and channel), so the
 * newest message — the one its routing rules read — is the customer's last word.
 */
export const arrangeTransferOpening = (
  decided: ReadonlyArray<TicketEvent>,
  source: Ticket,
  history: ReadonlyArray<TicketEvent>,
  from: Service,
  request: Request,
  ctx: { readonly at: number; readonly by: Actor; readonly newMessageId: () => MessageId },
): ReadonlyArray<TicketEvent> => {
  const [opened, ...rest] = decided;
  if (opened === undefined) return decided;
  const note: Message = {
    type: "MessageAdded", at: ctx.at, by: ctx.by, messageId: ctx.newMessageId(), kind: "note", channel: source.channel,
    subject: null, body: transferredFromNote(source, from, request), externalId: null, automatic: true,
  };
  const later = customerMessages(history).slice(1).map((m): Message => ({
    ...m, at: ctx.at, messageId: ctx.newMessageId(), externalId: null,
  }));
  return [opened, note, ...rest, ...later];
};

/**
 * What the source ticket records once the receiving ticket exists: a note naming the rule and
 * the new ticket, `HandedOff` with its reference, and the move to `closed` that takes it out of
 * the queue (stopping its SLA clocks). Nothing when it was already recorded.
 */
export const transferClosing = (source: Ticket, to: TicketRef, target: Service, request: Request,
  ctx: { readonly at: number; readonly by: Actor; readonly newMessageId: () => MessageId }): ReadonlyArray<TicketEvent> => {
  if (source.handedOffTo.some((r) => r.ticketId === to.ticketId)) return [];
  const where = `${target.name} as ${to.number}`;
  const events: TicketEvent[] = [
    {
      type: "MessageAdded", at: ctx.at, by: ctx.by, messageId: ctx.newMessageId(), kind: "note", channel: source.channel, subject: null,
      body: `Routing rule ${request.ruleId} transferred this ticket to ${where}${request.reason ? `: ${request.reason}` : ""}.`,
      externalId: null, automatic: true,
    },
    { type: "HandedOff", at: ctx.at, by: ctx.by, to, reason: `transferred by routing rule ${request.ruleId}${request.reason ? `: ${request.reason}` : ""}` },
  ];
  if (source.status !== "closed") {
    events.push({ type: "StatusChanged", at: ctx.at, by: ctx.by, from: source.status, to: "closed", reason: `transferred to ${where}` });
  }
  return events;
};
