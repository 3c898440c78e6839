import type { Service, Store, Ticket } from "@spoc/core";
import { ticketParticipants } from "./store-thread-lookup";

/** Whether a sender may add to a ticket by threading, and why (for the trace). */
export interface AppendPermission {
  readonly allowed: boolean;
  readonly why: string;
}

/**
 * Whether mail from `address` may be appended to `ticket` because it names one of the ticket's
 * messages: a Message-ID is no secret (it travels in every copy and quote), so knowing one must not
 * let a stranger write into someone else's ticket. Allowed: the requester, a contact who already
 * wrote on the ticket, an agent of the service, and — when the service's
 * `threadFromRequesterOrganization` setting is on — a contact of the ticket's organisation.
 *
 * @example
 * await mayAppend(store, service, ticket, "mallory@evil.example") // { allowed: false, why: "… is not a participant of IT-000001" }
 */
export const mayAppend = async (store: Store, service: Service, ticket: Ticket, address: string | null): Promise<AppendPermission> => {
  const sender = address?.trim().toLowerCase() ?? "";
  if (sender === "") return { allowed: false, why: `a message without a sender is not a participant of ${ticket.number}` };
  const { requesterEmail, participantEmails } = await ticketParticipants(store, service, ticket);
  if (sender === requesterEmail) return { allowed: true, why: `${sender} is the requester of ${ticket.number}` };
  if (participantEmails.includes(sender)) return { allowed: true, why: `${sender} wrote on ${ticket.number}` };
  const agents = await store.listAgents(service.id);
  if (agents.some((a) => a.email?.toLowerCase() === sender)) return { allowed: true, why: `${sender} is an agent of ${service.id}` };
  if (service.settings.threadFromRequesterOrganization === true && ticket.organizationId !== null) {
    const contact = await store.findContactByEmail(service.contactListId, sender);
    // A first-time sender has no contact yet: their organisation is the one owning their domain, as senderContact files it.
    const domain = sender.slice(sender.lastIndexOf("@") + 1);
    const organizationId = contact?.organizationId ?? (await store.findOrganizationByDomain(service.contactListId, domain))?.id;
    if (organizationId === ticket.organizationId) {
      return { allowed: true, why: `${sender} is in ${ticket.number}'s organisation and the service allows it` };
    }
  }
  return { allowed: false, why: `${sender} is not a participant of ${ticket.number}` };
};
