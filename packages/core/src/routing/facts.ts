import type { MessageKind } from "../ticket/events";
import type { FieldValue, Ticket } from "../ticket/schema";
import type { OrganizationId, RuleId, Timestamp } from "../ids/ids";
import type { Tier } from "../service/schema";
import { customFieldName } from "./fields";
import type { Action, Trigger } from "./rule-schema";

/**
 * What rules look at: the ticket (as changed by earlier rules), the message that triggered the run, the requester.
 * @example const facts: RoutingFacts = { trigger: "ticket-opened", now: 1_700_000_000_000, ticket }
 */
export interface RoutingFacts {
  readonly trigger: Trigger;
  readonly now: Timestamp;
  readonly ticket: Ticket;
  readonly message?: {
    readonly kind: MessageKind;
    readonly subject: string | null;
    readonly body: string;
    readonly from: string | null;
  };
  readonly requester?: {
    readonly email: string | null;
    readonly tier: Tier | null;
    readonly organizationId: OrganizationId | null;
  };
  /** Names of the ticket fields the update changed (`priority`, `status`, `custom.plan`…), for `ticket-updated`. */
  readonly changedFields?: ReadonlyArray<string>;
}

/**
 * What evaluation needs from outside: whether a calendar is open at an instant (from the SLA calendars).
 * @example
 * Routing.routeTicket(compiled, facts, { isOpen: automation.isOpen } satisfies Routing.RoutingContext) // from the SLA calendars
 */
export interface RoutingContext {
  /** Whether the calendar is open at `now`; rules testing business hours need it. */
  readonly isOpen?: (calendarId: string, now: Timestamp) => boolean;
}

/**
 * An action to apply, tagged with the rule that produced it.
 * @example
 * const routed: Routing.RoutedAction = { ruleId: RuleId("vip"), action: { type: "assign-group", groupId: GroupId("grp-l2") } }
 */
export interface RoutedAction {
  readonly ruleId: RuleId;
  readonly action: Action;
}

/**
 * The outcome of one evaluation: actions in order, the rules that fired in order, and the rule that stopped processing.
 * @example
 * const { actions, fired, stoppedBy }: Routing.Evaluation = Routing.compileRules(rules).evaluate(facts)
 */
export interface Evaluation {
  readonly actions: ReadonlyArray<RoutedAction>;
  readonly fired: ReadonlyArray<RuleId>;
  readonly stoppedBy: RuleId | null;
}

/**
 * The value a field holds in the facts; lists for `tags` and `changed`, null when absent.
 * @example
 * const value: Routing.FactValue = ["vpn", "urgent-customer"] // what `tags` holds in the facts
 */
export type FactValue = FieldValue | ReadonlyArray<string>;

const minutes = (ms: number): number => Math.floor(ms / 60_000);

const lower = (s: string | null | undefined): string | null => (typeof s === "string" ? s.toLowerCase() : null);

/** The part of an email after the last `@`, lower-cased. @example emailDomain("Ann@Acme.COM") // "acme.com" */
export const emailDomain = (email: string | null | undefined): string | null => {
  if (typeof email !== "string") return null;
  const at = email.lastIndexOf("@");
  return at < 0 ? null : email.slice(at + 1).toLowerCase();
};

/** Reads a field from the facts, the way every evaluator must. @example readField(facts, "priority") // "high" */
export const readField = (facts: RoutingFacts, field: string): FactValue => {
  const t = facts.ticket;
  switch (field) {
    case "service": return t.serviceId;
    case "channel": return t.channel;
    case "type": return t.type;
    case "category": return t.category;
    case "priority": return t.priority;
    case "impact": return t.impact;
    case "urgency": return t.urgency;
    case "status": return t.status;
    case "subject": return t.subject;
    case "description": return t.description;
    case "body": return facts.message ? facts.message.body : t.description;
    case "message.kind": return facts.message ? facts.message.kind : null;
    case "requester.email": return lower(facts.requester?.email);
    case "requester.domain": return emailDomain(facts.requester?.email);
    case "organization": return t.organizationId ?? facts.requester?.organizationId ?? null;
    case "tier": return facts.requester?.tier ?? null;
    case "tags": return t.tags;
    case "group": return t.groupId;
    case "assignee": return t.assigneeId;
    case "age": return minutes(facts.now - t.createdAt);
    case "idle": return minutes(facts.now - t.updatedAt);
    case "changed": return facts.changedFields ?? [];
  }
  const name = customFieldName(field);
  return name !== undefined && Object.hasOwn(t.customFields, name) ? (t.customFields[name] ?? null) : null;
};
