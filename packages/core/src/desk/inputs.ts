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
/** What `configure.organization` takes. */
export type OrganizationInput = Schema.Codec.Encoded<typeof Organization>;
/** What `configure.group` takes. */
export type GroupInput = Schema.Codec.Encoded<typeof Group>;
/** What `configure.agent` takes. */
export type AgentInput = Schema.Codec.Encoded<typeof Agent>;
/** One routing rule as `configure.routingRules` takes it. */
export type RoutingRuleInput = Schema.Codec.Encoded<typeof Rule>;
/** What `configure.routingRules` takes: the service's whole ordered rule set. */
export type RoutingRulesInput = ReadonlyArray<RoutingRuleInput>;
/** What `configure.sla` takes: policies, the calendars they name, the re-targeting mode. */
export type SlaSetupInput = Schema.Codec.Encoded<typeof SlaSetup>;
/** What `configure.escalationRule` takes. */
export type EscalationRuleInput = Schema.Codec.Encoded<typeof EscalationRule>;
/** What `execute` takes: any command, with its `type`. @example { type: "Reopen", serviceId: "svc-support", ticketId } */
export type AnyCommandInput = Schema.Codec.Encoded<typeof Command>;
