import * as Schema from "effect/Schema";

/** A non-empty identifier string; each kind gets its own brand, so ids of different kinds never mix. */
const NonEmptyId = Schema.String.check(Schema.isMinLength(1));

/** Identifies a service (Customer Support, Billing…). @example ServiceId.make("svc-support") */
export const ServiceId = NonEmptyId.pipe(Schema.brand("ServiceId"));
export type ServiceId = typeof ServiceId.Type;
/** Identifies a ticket, unique across services. */
export const TicketId = NonEmptyId.pipe(Schema.brand("TicketId"));
export type TicketId = typeof TicketId.Type;
/** Identifies a contact (a customer or requester). */
export const ContactId = NonEmptyId.pipe(Schema.brand("ContactId"));
export type ContactId = typeof ContactId.Type;
/** Identifies a contact list, owned by one service or shared by several. */
export const ContactListId = NonEmptyId.pipe(Schema.brand("ContactListId"));
export type ContactListId = typeof ContactListId.Type;
/** Identifies an organisation (a customer company). */
export const OrganizationId = NonEmptyId.pipe(Schema.brand("OrganizationId"));
export type OrganizationId = typeof OrganizationId.Type;
/** Identifies a group of agents within a service. */
export const GroupId = NonEmptyId.pipe(Schema.brand("GroupId"));
export type GroupId = typeof GroupId.Type;
/** Identifies an agent. */
export const AgentId = NonEmptyId.pipe(Schema.brand("AgentId"));
export type AgentId = typeof AgentId.Type;
/** Identifies a business-hours calendar. */
export const CalendarId = NonEmptyId.pipe(Schema.brand("CalendarId"));
export type CalendarId = typeof CalendarId.Type;
/** Identifies an SLA policy. */
export const PolicyId = NonEmptyId.pipe(Schema.brand("PolicyId"));
export type PolicyId = typeof PolicyId.Type;
/** Identifies a routing or escalation rule. */
export const RuleId = NonEmptyId.pipe(Schema.brand("RuleId"));
export type RuleId = typeof RuleId.Type;
/** Identifies one message inside a ticket. */
export const MessageId = NonEmptyId.pipe(Schema.brand("MessageId"));
export type MessageId = typeof MessageId.Type;

/** Milliseconds since the Unix epoch (UTC); every instant in the domain is one of these. */
export const Timestamp = Schema.Number.check(Schema.isInt());
export type Timestamp = typeof Timestamp.Type;

/** Makes a new random id of a given kind (UUID v4). @example newId<TicketId>() */
export const newId = <T extends string>(): T => globalThis.crypto.randomUUID() as T;
