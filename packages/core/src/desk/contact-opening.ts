import type { ContactId } from "../ids/ids";
import type { Contact, Service } from "../service/schema";
import type { CommandOf } from "../ticket/commands";
import { isInternalTag } from "../view/public-ticket";
import { visibilityOf } from "../view/visibility";

/** External ids the Desk itself writes (a hand-off's or a rule transfer's receiving ticket); only the system may use them. */
export const reservedExternalIdPrefixes: ReadonlyArray<string> = ["handoff:", "transfer:"];

/**
 * Why a contact may not open this ticket as asked, naming the field; undefined when they may. A customer
 * opens tickets for themselves only, under their own organisation, and sets nothing staff decide:
 * priority, internal tags, private custom fields, or an external id (which would let them claim a
 * ticket someone else opened with it). Pure.
 * `contact` is the requester the command names, as found in the service's contact list.
 * @example contactOpeningRefusal({ ...open, requesterId: "c-other" }, carla.id, other, service) // "requesterId: a contact opens tickets for themselves only"
 */
export const contactOpeningRefusal = (command: CommandOf<"OpenTicket">, actingContactId: ContactId, contact: Contact, service: Service): string | undefined => {
  if (command.requesterId !== actingContactId || contact.id !== actingContactId) return "requesterId: a contact opens tickets for themselves only";
  if (command.organizationId !== undefined && command.organizationId !== contact.organizationId) {
    return "organizationId: a contact opens tickets under their own organisation only";
  }
  if (command.externalId !== undefined) return "externalId: only the system and agents set external ids";
  if (command.priority !== undefined) return "priority: the desk sets the priority (a contact may give impact and urgency)";
  const visibility = visibilityOf(service);
  const internalTag = (command.tags ?? []).find((t) => isInternalTag(t.trim(), visibility));
  if (internalTag !== undefined) return `tags: ${internalTag} is an internal tag`;
  const privateField = Object.keys(command.customFields ?? {}).find((k) => !visibility.publicCustomFields.includes(k));
  if (privateField !== undefined) return `customFields.${privateField}: not a public custom field of this service`;
  return undefined;
};
