import * as Schema from "effect/Schema";
import { AgentId, CalendarId, ContactId, ContactListId, GroupId, OrganizationId, ServiceId, Timestamp } from "../ids/ids";
import { PriorityMatrix } from "../ticket/priority-matrix";
import { InputLimits } from "./limits";

const NonEmpty = Schema.String.check(Schema.isMinLength(1));

/**
 * What an agent may do in a service.
 * @example
 * Schema.decodeUnknownSync(Role)("lead")
 */
export const Role = Schema.Literals(["viewer", "agent", "lead", "admin"]);
export type Role = typeof Role.Type;

/**
 * Settings a service applies to its tickets.
 * @example
 * const settings: ServiceSettings = { ...defaultServiceSettings, reopenWindowDays: 14, currency: "GBP" }
 */
export const ServiceSettings = Schema.Struct({
  /** Days after resolution during which a ticket may be reopened. */
  reopenWindowDays: Schema.Number.check(Schema.isGreaterThanOrEqualTo(0)),
  /** Zero-padded width of the numeric part of ticket numbers (`IT-000123` has 6). */
  numberWidth: Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 12 })),
  /** Default priority for tickets opened without one. */
  defaultPriority: Schema.Literals(["low", "normal", "high", "urgent"]),
  /** Roles in this service whose agents may hand a closed ticket to another service (default agent, lead, admin). */
  handOffRoles: Schema.optionalKey(Schema.Array(Role)),
  /** ISO 4217 code of the currency the service's rates and costs are in (default "EUR"). */
  currency: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[A-Z]{3}$/))),
  /** Priority from impact × urgency, every cell given; absent means the ITIL default (`defaultPriorityMatrix`). */
  priorityMatrix: Schema.optionalKey(PriorityMatrix),
  /** Hours after the first rating during which the requester may replace it (default 24; 0 = never). */
  ratingWindowHours: Schema.optionalKey(Schema.Number.check(Schema.isGreaterThanOrEqualTo(0))),
  /** What contacts and viewers see of tickets (defaults: no public custom field, `internal:` tags hidden, cost for agent/lead/admin). */
  visibility: Schema.optionalKey(Schema.Struct({
    /** Custom field keys a contact sees on their tickets (default: none). */
    publicCustomFields: Schema.optionalKey(Schema.Array(Schema.String)),
    /** Tags starting with this prefix are internal: contacts never see them (default `internal:`). */
    internalTagPrefix: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
    /** Roles that see cost: ticket cost, rates and cost of time logs (default agent, lead, admin). */
    costVisibleTo: Schema.optionalKey(Schema.Array(Schema.Literals(["viewer", "agent", "lead", "admin"]))),
  })),
  /** Whether mail from anyone in a ticket's organisation may thread into it by In-Reply-To or References (default false). */
  threadFromRequesterOrganization: Schema.optionalKey(Schema.Boolean),
  /** How much one command may carry: subject, body, tags, custom fields (see `InputLimits`; defaults `defaultInputLimits`). */
  limits: Schema.optionalKey(InputLimits),
});
export type ServiceSettings = typeof ServiceSettings.Type;

/**
 * Defaults used when a service is created without settings.
 * @example
 * await desk.configure.service(admin, { id: "svc-support", key: "IT", name: "IT Support", contactListId: "cl-customers", settings: defaultServiceSettings })
 */
export const defaultServiceSettings: ServiceSettings = { reopenWindowDays: 7, numberWidth: 6, defaultPriority: "normal" };

/** Roles that may hand off when a service's settings name none. @example defaultHandOffRoles.includes("agent") // true */
export const defaultHandOffRoles: ReadonlyArray<Role> = ["agent", "lead", "admin"];

/** The currency of a service's costs: its `currency` setting, else "EUR". @example currencyOf(service) // "EUR" */
export const currencyOf = (service: { readonly settings: ServiceSettings }): string => service.settings.currency ?? "EUR";

/**
 * A separate desk within the organisation (Customer Support, Billing…), with its own ticket numbers.
 * @example { id: "svc-support", key: "IT", name: "Customer Support", contactListId: "cl-main", settings: defaultServiceSettings }
 */
export const Service = Schema.Struct({
  id: ServiceId,
  /** Upper-case prefix of ticket numbers, e.g. `IT` → `IT-000123`. */
  key: Schema.String.check(Schema.isPattern(/^[A-Z][A-Z0-9]{0,9}$/)),
  name: NonEmpty,
  contactListId: ContactListId,
  calendarId: Schema.optionalKey(CalendarId),
  settings: ServiceSettings,
});
export type Service = typeof Service.Type;

/**
 * A list of contacts, used by one service or shared by several.
 * @example
 * Schema.decodeUnknownSync(ContactList)({ id: "cl-customers", name: "Customers" })
 */
export const ContactList = Schema.Struct({ id: ContactListId, name: NonEmpty });
export type ContactList = typeof ContactList.Type;

/**
 * Customer tiers that routing and SLA policies can read.
 * @example
 * Schema.decodeUnknownSync(Tier)("platinum")
 */
export const Tier = Schema.Literals(["standard", "silver", "gold", "platinum"]);
export type Tier = typeof Tier.Type;

/**
 * A company whose people are contacts; found by email domain.
 * @example
 * Schema.decodeUnknownSync(Organization)({ id: "org-acme", contactListId: "cl-customers", name: "Acme", domains: ["acme.example"], tier: "gold" })
 */
export const Organization = Schema.Struct({
  id: OrganizationId,
  contactListId: ContactListId,
  name: NonEmpty,
  domains: Schema.Array(Schema.String),
  tier: Schema.optionalKey(Tier),
});
export type Organization = typeof Organization.Type;

/**
 * A person who asks for help.
 * @example
 * Schema.decodeUnknownSync(Contact)({ id: "c-carla", contactListId: "cl-customers", name: "Carla", emails: ["carla@acme.example"], phones: [] })
 */
export const Contact = Schema.Struct({
  id: ContactId,
  contactListId: ContactListId,
  name: NonEmpty,
  emails: Schema.Array(Schema.String),
  phones: Schema.Array(Schema.String),
  organizationId: Schema.optionalKey(OrganizationId),
  tier: Schema.optionalKey(Tier),
  language: Schema.optionalKey(Schema.String),
});
export type Contact = typeof Contact.Type;

/**
 * The level of a group in the support structure.
 * @example
 * Schema.decodeUnknownSync(GroupLevel)("vendor")
 */
export const GroupLevel = Schema.Literals(["1", "2", "vendor", "noc", "specialist"]);
export type GroupLevel = typeof GroupLevel.Type;

/**
 * A team within a service that tickets are routed to.
 * @example
 * Schema.decodeUnknownSync(Group)({ id: "grp-l1", serviceId: "svc-support", name: "Level 1", level: "1", members: ["ag-ana"], leadId: "ag-bea" })
 */
export const Group = Schema.Struct({
  id: GroupId,
  serviceId: ServiceId,
  name: NonEmpty,
  level: GroupLevel,
  members: Schema.Array(AgentId),
  leadId: Schema.optionalKey(AgentId),
});
export type Group = typeof Group.Type;

/**
 * A period when an agent is away; their substitute (if any) takes new work.
 * @example
 * Schema.decodeUnknownSync(Absence)({ from: Date.parse("2026-08-03"), to: Date.parse("2026-08-17"), reason: "vacation", substituteId: "ag-tom" })
 */
export const Absence = Schema.Struct({
  from: Timestamp,
  to: Timestamp,
  reason: Schema.Literals(["vacation", "illness", "training", "other"]),
  substituteId: Schema.optionalKey(AgentId),
});
export type Absence = typeof Absence.Type;

/**
 * A person who works tickets, with a role in each service they belong to.
 * @example
 * Schema.decodeUnknownSync(Agent)({ id: "ag-ana", name: "Ana", email: "ana@example.com", memberships: [{ serviceId: "svc-support", role: "agent" }], skills: ["vpn"], absences: [] })
 */
export const Agent = Schema.Struct({
  id: AgentId,
  name: NonEmpty,
  email: Schema.String,
  memberships: Schema.Array(Schema.Struct({ serviceId: ServiceId, role: Role })),
  skills: Schema.Array(Schema.String),
  /** Most open tickets the agent should hold at once; absent means unlimited. */
  capacity: Schema.optionalKey(Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0))),
  absences: Schema.Array(Absence),
  calendarId: Schema.optionalKey(CalendarId),
}).check(Schema.makeFilter((a) => {
  // One role per service: a second membership would be read by whoever looks it up first.
  const i = a.memberships.findIndex((m, j) => a.memberships.findIndex((n) => n.serviceId === m.serviceId) !== j);
  return i < 0 ? undefined : { path: ["memberships", i, "serviceId"], issue: `service ${a.memberships[i]?.serviceId} is named twice` };
}));
export type Agent = typeof Agent.Type;

/** Whether an agent is away at an instant, and who stands in for them. @example absenceAt(agent, Date.now())?.substituteId */
export const absenceAt = (agent: Agent, now: number): Absence | undefined =>
  agent.absences.find((a) => a.from <= now && now < a.to);
