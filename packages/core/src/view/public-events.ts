import type { EventOf, StoredEvent, TicketEvent } from "../ticket/events";
import { publicFields, publicTags } from "./public-ticket";
import type { Visibility } from "./visibility";

/**
 * The event types a contact may see. A whitelist: any other type, including types added later, is hidden.
 * `MessageAdded` is further limited to customer messages and public replies, `FieldsChanged` to public fields.
 * @example
 * publicEventTypes.includes("TimeLogged" as never) // false: time logs never reach contacts
 */
export const publicEventTypes = ["TicketOpened", "MessageAdded", "StatusChanged", "PriorityChanged", "FieldsChanged", "Reopened", "Rated"] as const;
/**
 * The name of an event type a contact may see.
 * @example
 * const type: PublicEventType = "Rated"
 */
export type PublicEventType = (typeof publicEventTypes)[number];
/**
 * An event as a contact sees it.
 * @example
 * const seen: ReadonlyArray<PublicEvent> = viewOf(contactPrincipal, service, events) // what a contact may see
 */
export type PublicEvent = EventOf<PublicEventType>;
/**
 * A stored event as a contact sees it.
 * @example
 * const history: ReadonlyArray<PublicStoredEvent> = await desk.history(contact, serviceId, ticketId)
 */
export type PublicStoredEvent = Omit<StoredEvent, "event"> & { readonly event: PublicEvent };

const isPublicType = (e: TicketEvent): e is PublicEvent => (publicEventTypes as ReadonlyArray<string>).includes(e.type);

/**
 * The public side of one event, or `undefined` when a contact must not see it at all. Pure.
 * @example publicEventOf({ type: "MessageAdded", kind: "note", … }, visibility) // undefined
 */
export const publicEventOf = (e: TicketEvent, v: Visibility): PublicEvent | undefined => {
  if (!isPublicType(e)) return undefined;
  switch (e.type) {
    case "MessageAdded":
      return e.kind === "customer" || e.kind === "reply" ? e : undefined;
    case "TicketOpened":
      // The source ticket of a hand-off belongs to another service.
      return { ...e, tags: publicTags(e.tags, v), customFields: publicFields(e.customFields, v), handedOffFrom: null };
    case "FieldsChanged": {
      const { tags, customFields, ...rest } = e;
      const fields = customFields === undefined ? {} : publicFields(customFields, v);
      const out: EventOf<"FieldsChanged"> = {
        ...rest,
        ...(tags === undefined ? {} : { tags: publicTags(tags, v) }),
        ...(Object.keys(fields).length > 0 ? { customFields: fields } : {}),
      };
      // A change of internal fields only says nothing to the customer.
      return Object.keys(out).length > 3 ? out : undefined;
    }
    case "StatusChanged":
      // A reason is staff's unless marked for the requester ("on hold: fraud check" must not reach them).
      return e.publicReason === true ? e : { ...e, reason: null };
    default:
      return e;
  }
};
