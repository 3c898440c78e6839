import type * as Schema from "effect/Schema";
import type { SlaSetup } from "../automation/config";
import type { EscalationRule } from "../escalation/rule";
import type { Rule } from "../routing/rule-schema";
import type { Agent, Contact, ContactList, Group, Organization, Service } from "../service/schema";
import type { Command } from "../ticket/commands";

// What the Desk's writes take: each Schema's Encoded side, the JSON a host writes (ids as plain strings).
// Wrong input is a compile error for TypeScript hosts; the Desk still decodes it (`InvalidInput`) for the rest.

/** What `configure.service` takes. @example { id: "svc-support", key: "IT", name: "Support", contactListId: "cl-1", settings: defaultServiceSettings } */
export type ServiceInput = Schema.Codec.Encoded<typeof Service>;
/** What `configure.contactList` takes. @example { id: "cl-1", name: "Customers" } */
export type ContactListInput = Schema.Codec.Encoded<typeof ContactList>;
/** What `configure.contact` takes. @example { id: "c-1", contactListId: "cl-1", name: "Carla", emails: [], phones: [] } */
export type ContactInput = Schema.Codec.Encoded<typeof Contact>;
/**
 * What `configure.organization` takes.
 * @example
 * await desk.configure.organization(admin, { id: "org-acme", contactListId: "cl-customers", name: "Acme", domains: ["acme.example"] })
 */
export type OrganizationInput = Schema.Codec.Encoded<typeof Organization>;
/**
 * What `configure.group` takes.
 * @example
 * await desk.configure.group(admin, { id: "grp-l1", serviceId: "svc-support", name: "Level 1", level: "1", members: ["ag-ana"] })
 */
export type GroupInput = Schema.Codec.Encoded<typeof Group>;
/**
 * What `configure.agent` takes.
 * @example
 * await desk.configure.agent(admin, { id: "ag-ana", name: "Ana", email: "ana@example.com", memberships: [{ serviceId: "svc-support", role: "agent" }], skills: [], absences: [] })
 */
export type AgentInput = Schema.Codec.Encoded<typeof Agent>;
/**
 * One routing rule as `configure.routingRules` takes it.
 * @example
 * const vip: RoutingRuleInput = { id: "vip", serviceId: "svc-support", name: "VIP to L2", enabled: true,
 *   triggers: ["ticket-opened"], when: { field: "tier", op: "equals", value: "platinum" }, actions: [{ type: "assign-group", groupId: "grp-l2" }] }
 */
export type RoutingRuleInput = Schema.Codec.Encoded<typeof Rule>;
/**
 * What `configure.routingRules` takes: the service's whole ordered rule set.
 * @example
 * await desk.configure.routingRules(admin, "svc-support", [vip, fallback]) // the whole set, in running order
 */
export type RoutingRulesInput = ReadonlyArray<RoutingRuleInput>;
/**
 * What `configure.sla` takes: policies, the calendars they name, the re-targeting mode.
 * @example
 * await desk.configure.sla(admin, "svc-support", setup) // policies, the calendars they name, the re-targeting mode
 */
export type SlaSetupInput = Schema.Codec.Encoded<typeof SlaSetup>;
/**
 * What `configure.escalationRule` takes.
 * @example
 * await desk.configure.escalationRule(admin, "svc-support", { id: "stalled", serviceId: "svc-support", name: "Stalled 4h", enabled: true, condition: { kind: "no-update", minutes: 240 }, levels: [{ level: 1, actions: [{ kind: "notify-lead" }] }] })
 */
export type EscalationRuleInput = Schema.Codec.Encoded<typeof EscalationRule>;
/** What `execute` takes: any command, with its `type`. @example { type: "Reopen", serviceId: "svc-support", ticketId } */
export type AnyCommandInput = Schema.Codec.Encoded<typeof Command>;
