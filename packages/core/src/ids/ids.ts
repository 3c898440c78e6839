import * as Schema from "effect/Schema";
import { decodeInput, InvalidInput, invalidInput } from "../validation/invalid-input";

/** A non-empty identifier string; each kind gets its own brand, so ids of different kinds never mix. */
// An id names things in URLs, mail headers, logs and the dry run's diff: at most 200 characters, at
// least one that is not white space, and no control characters (a line break in an id forged a line
// of `spoc apply --dry-run`'s output).
// (No separate minimum length: the pattern refuses "" with one issue, not two.)
const NonEmptyId = Schema.String.check(
  Schema.isMaxLength(200),
  Schema.isPattern(/^(?=[^]*\S)[^\p{Cc}]*$/u, { message: "must hold a visible character and no control characters" }),
);

/**
 * An id kind: its Schema (for decoding and struct fields), callable to make a checked id from a string.
 * Calling it throws `InvalidInput` naming the kind when the string is not a valid id.
 * @example
 * GroupId("grp-l1") // GroupId is an IdKind: called, it checks a string;
 * Schema.decodeUnknownSync(GroupId)("grp-l1") // as a Schema, it decodes one
 */
export type IdKind<S extends Schema.Top> = S & ((value: string) => S["Type"]);

// The schema stays the prototype, so the constructor is still the Schema in structs, unions and decoding.
const idKind = <B extends string>(brand: B) => {
  // `brand` checks a literal's brand key; here the literal is the caller's.
  const schema = NonEmptyId.pipe(Schema.brand<B>(brand as never));
  const make = (value: string): typeof schema.Type => {
    const id = decodeInput(schema, value, brand);
    if (id instanceof InvalidInput) throw invalidInput("id", id.issues.map((i) => ({ path: brand, message: i.message })));
    return id;
  };
  return Object.setPrototypeOf(make, schema) as IdKind<typeof schema>;
};

/** Identifies a service (Customer Support, Billing…). @example ServiceId("svc-support") */
export const ServiceId = idKind("ServiceId");
export type ServiceId = typeof ServiceId.Type;
/**
 * Identifies a ticket, unique across services.
 * @example
 * const id: TicketId = newId<TicketId>() // or TicketId(row.id), which checks it
 */
export const TicketId = idKind("TicketId");
export type TicketId = typeof TicketId.Type;
/**
 * Identifies a contact (a customer or requester).
 * @example
 * ContactId("c-carla")
 */
export const ContactId = idKind("ContactId");
export type ContactId = typeof ContactId.Type;
/**
 * Identifies a contact list, owned by one service or shared by several.
 * @example
 * ContactListId("cl-customers")
 */
export const ContactListId = idKind("ContactListId");
export type ContactListId = typeof ContactListId.Type;
/**
 * Identifies an organisation (a customer company).
 * @example
 * OrganizationId("org-acme")
 */
export const OrganizationId = idKind("OrganizationId");
export type OrganizationId = typeof OrganizationId.Type;
/**
 * Identifies a group of agents within a service.
 * @example
 * GroupId("grp-l1")
 */
export const GroupId = idKind("GroupId");
export type GroupId = typeof GroupId.Type;
/** Identifies an agent. @example AgentId("ag-ana") */
export const AgentId = idKind("AgentId");
export type AgentId = typeof AgentId.Type;
/**
 * Identifies a business-hours calendar.
 * @example
 * CalendarId("cal-office-hours")
 */
export const CalendarId = idKind("CalendarId");
export type CalendarId = typeof CalendarId.Type;
/**
 * Identifies an SLA policy.
 * @example
 * PolicyId("pol-gold")
 */
export const PolicyId = idKind("PolicyId");
export type PolicyId = typeof PolicyId.Type;
/**
 * Identifies a routing or escalation rule.
 * @example
 * RuleId("rule-vip")
 */
export const RuleId = idKind("RuleId");
export type RuleId = typeof RuleId.Type;
/**
 * Identifies one message inside a ticket.
 * @example
 * MessageId("msg-1")
 */
export const MessageId = idKind("MessageId");
export type MessageId = typeof MessageId.Type;

/**
 * Milliseconds since the Unix epoch (UTC); every instant in the domain is one of these.
 * @example
 * Schema.decodeUnknownSync(Timestamp)(Date.parse("2026-03-02T09:00:00Z")) // 1772442000000
 */
export const Timestamp = Schema.Number.check(Schema.isInt());
export type Timestamp = typeof Timestamp.Type;

/** Makes a new random id of a given kind (UUID v4). @example newId<TicketId>() */
export const newId = <T extends string>(): T => globalThis.crypto.randomUUID() as T;
