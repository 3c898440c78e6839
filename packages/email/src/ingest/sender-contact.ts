import { createHash } from "node:crypto";
import type { Contact, ContactId, OrganizationId, PromiseDesk, Service } from "@spoc/core";
import type { EmailAddress } from "../parse/schema";

/**
 * The contact a message is filed under, and the organisation found for it.
 * @example
 * const { contact, organizationId, created }: SenderContact = await senderContact(desk, service, email.from)
 */
export interface SenderContact {
  readonly contact: Contact;
  readonly organizationId: OrganizationId | null;
  readonly created: boolean;
}

// Derived from the address, so two deliveries racing to create the same contact write one row.
const contactIdFor = (listId: string, address: string): ContactId =>
  `email-${createHash("sha256").update(`${listId}\n${address}`).digest("hex").slice(0, 20)}` as ContactId;

const domainOf = (address: string): string | null => {
  const at = address.lastIndexOf("@");
  return at < 0 || at === address.length - 1 ? null : address.slice(at + 1).toLowerCase();
};

/**
 * Finds the sender in the service's contact list (its own or a shared one) by address, or creates
 * the contact; the organisation is the contact's own, else the one owning the address's domain.
 * A message without a From address is filed under one "unknown sender" contact per list.
 *
 * @example
 * const { contact, organizationId } = await senderContact(desk, service, email.from)
 */
export const senderContact = async (
  desk: PromiseDesk,
  service: Service,
  from: EmailAddress | null,
): Promise<SenderContact> => {
  const store = desk.store;
  const address = from?.address.trim().toLowerCase() ?? "";
  const listId = service.contactListId;
  const found = address === "" ? undefined : await store.findContactByEmail(listId, address);
  const domain = domainOf(address);
  const org = domain === null ? undefined : await store.findOrganizationByDomain(listId, domain);
  if (found) return { contact: found, organizationId: found.organizationId ?? org?.id ?? null, created: false };
  const id = contactIdFor(listId, address);
  const existing = await store.getContact(listId, id);
  if (existing) return { contact: existing, organizationId: existing.organizationId ?? org?.id ?? null, created: false };
  const contact: Contact = {
    id,
    contactListId: listId,
    name: from?.name.trim() || address || "Unknown sender",
    emails: address === "" ? [] : [address],
    phones: [],
    ...(org ? { organizationId: org.id } : {}),
  };
  await desk.configure.contact({ kind: "system", name: "email" }, contact);
  return { contact, organizationId: org?.id ?? null, created: true };
};
