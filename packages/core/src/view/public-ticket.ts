import * as Schema from "effect/Schema";
import * as Struct from "effect/Struct";
import type { FieldValue, Ticket } from "../ticket/schema";
import { Ticket as TicketSchema } from "../ticket/schema";
import type { Visibility } from "./visibility";

/**
 * The ticket fields a contact sees. A whitelist: a field added to `Ticket` later stays hidden until listed here.
 * Left out: assignment (group, assignee, responders, reassignments), cost and time, SLA and escalation state,
 * links and hand-offs to other tickets, who logged it, impact/urgency, and counters that would reveal internal events.
 * @example
 * publicTicketFields.includes("costCents" as never) // false: a contact never sees cost
 */
export const publicTicketFields = [
  "id", "serviceId", "number", "subject", "description", "type", "category", "channel", "status", "priority",
  "requesterId", "organizationId", "tags", "customFields", "createdAt", "updatedAt", "firstResponseAt",
  "resolvedAt", "closedAt", "lastCustomerMessageAt", "lastAgentReplyAt", "reopenCount", "rating",
] as const;

/**
 * A ticket as its requester sees it: the public side only, with public custom fields and non-internal tags.
 * It has no `costCents`, `groupId`, `sla`…, so a host cannot show a customer an internal field by mistake.
 * @example const mine: PublicTicket = viewOf(contactPrincipal, service, ticket)
 */
export const PublicTicket = TicketSchema.mapFields(Struct.pick(publicTicketFields));
export type PublicTicket = typeof PublicTicket.Type;

/**
 * Tags a contact may see: those without the service's internal prefix.
 * @example publicTags(["vip", "internal:fraud"], visibility) // ["vip"]
 */
export const publicTags = (tags: ReadonlyArray<string>, v: Visibility): Array<string> =>
  tags.filter((t) => !isInternalTag(t, v));

/**
 * Whether a tag is internal in a service. Tags are stored lower-cased, so the prefix is compared likewise.
 * @example isInternalTag("priv:fraud", { ...visibility, internalTagPrefix: "Priv:" }) // true
 */
export const isInternalTag = (tag: string, v: Visibility): boolean => tag.toLowerCase().startsWith(v.internalTagPrefix.toLowerCase());

/**
 * A ticket's tags as another service keeps them: tags internal where they come from carry the
 * receiving service's internal prefix, so they stay internal there (hand-offs, rule transfers).
 * @example tagsFor(["vip", "internal:fraud"], support, billingWithPriv) // ["vip", "priv:fraud"]
 */
export const tagsFor = (tags: ReadonlyArray<string>, from: Visibility, to: Visibility): Array<string> =>
  tags.map((t) => (isInternalTag(t, from) ? `${to.internalTagPrefix}${t.slice(from.internalTagPrefix.length)}` : t));

/**
 * Custom fields a contact may see: only the keys the service marks public.
 * @example publicFields({ plan: "pro", margin: 12 }, { ...visibility, publicCustomFields: ["plan"] }) // { plan: "pro" }
 */
export const publicFields = (fields: Readonly<Record<string, FieldValue>>, v: Visibility): Record<string, FieldValue> =>
  Object.fromEntries(Object.entries(fields).filter(([k]) => v.publicCustomFields.includes(k)));

/**
 * Projects a ticket onto its public side. Pure; copies only whitelisted fields.
 * @example publicTicketOf(ticket, visibilityOf(service)).tags
 */
export const publicTicketOf = (ticket: Ticket, v: Visibility): PublicTicket => {
  const picked = Object.fromEntries(publicTicketFields.map((k) => [k, ticket[k]])) as PublicTicket;
  return { ...picked, tags: publicTags(ticket.tags, v), customFields: publicFields(ticket.customFields, v) };
};
