import type { Service, Store, Ticket, TicketId } from "@spoc/core";
import type { ThreadLookup, TicketMatch } from "../thread/thread-lookup";
import { senderOfActorName } from "./mailbox-settings";

/**
 * The people who may thread into a ticket by subject tag: the requester's addresses and every
 * address that wrote a customer message on it (recorded as the `email:<address>` actor).
 *
 * @example
 * const { requesterEmail, participantEmails } = await ticketParticipants(store, service, ticket)
 */
export const ticketParticipants = async (store: Store, service: Service, ticket: Ticket): Promise<TicketMatch> => {
  const requester = await store.getContact(service.contactListId, ticket.requesterId);
  const emails = (requester?.emails ?? []).map((e) => e.toLowerCase());
  const participants = new Set(emails.slice(1));
  for (const { event } of await store.readEvents(service.id, ticket.id)) {
    if (event.type !== "MessageAdded" || event.kind !== "customer" || event.by.kind !== "system") continue;
    const sender = senderOfActorName(event.by.name);
    if (sender !== null) participants.add(sender);
  }
  participants.delete(emails[0] ?? "");
  return { ticketRef: ticket.id, requesterEmail: emails[0] ?? "", participantEmails: [...participants] };
};

/**
 * A `ThreadLookup` over a `Store`, scoped to one service: message ids through the store's
 * external-id index, subject tags through ticket numbers with the service's key as prefix.
 *
 * @example
 * const decision = await threadMessage(email, storeThreadLookup(store, service), key)
 */
export const storeThreadLookup = (store: Store, service: Service): ThreadLookup => {
  const match = async (ticket: Ticket | undefined) => (ticket ? ticketParticipants(store, service, ticket) : null);
  return {
    ticketPrefixes: [service.key],
    findByMessageId: async (messageId) => {
      const id = await store.findTicketByExternalId(service.id, messageId);
      return id === undefined ? null : match(await store.getTicket(service.id, id as TicketId));
    },
    findByTicketNumber: async (number) => match(await store.getTicketByNumber(service.id, number)),
  };
};
