import { priorityOrder } from "../ticket/schema";

/**
 * How a field's value behaves under the operators.
 * @example
 * const kind: Routing.FieldKind | undefined = Routing.fieldCatalogue.subject?.kind // "text"
 */
export type FieldKind = "text" | "enum" | "number" | "list" | "custom";

/**
 * What the rule language knows about one field.
 * @example
 * const tier: Routing.FieldSpec | undefined = Routing.fieldCatalogue.tier // enum, ordered: standard < silver < gold < platinum
 */
export interface FieldSpec {
  readonly kind: FieldKind;
  /** Allowed values of an enum field (null is allowed when `nullable`). */
  readonly domain?: ReadonlyArray<string>;
  /** Enum fields whose values are ordered, lowest first, so `greaterThan`/`lessThan` apply. */
  readonly ordered?: boolean;
  readonly nullable?: boolean;
  readonly doc: string;
}

const levels = ["low", "medium", "high"] as const;

/**
 * Every field a condition can read, by name; `custom.<name>` reads a custom field.
 * @example
 * Object.keys(Routing.fieldCatalogue) // every field a condition can name: "subject", "channel", "tier"…
 */
export const fieldCatalogue: Readonly<Record<string, FieldSpec>> = {
  service: { kind: "text", doc: "the ticket's service id" },
  channel: { kind: "enum", domain: ["email", "phone", "web", "chat", "api", "walk-in"], doc: "the channel the request came in through" },
  type: { kind: "enum", domain: ["incident", "service-request", "complaint", "question", "task"], doc: "the kind of request" },
  category: { kind: "text", nullable: true, doc: "the ticket's category" },
  priority: { kind: "enum", domain: priorityOrder, ordered: true, doc: "low < normal < high < urgent" },
  impact: { kind: "enum", domain: levels, ordered: true, nullable: true, doc: "low < medium < high" },
  urgency: { kind: "enum", domain: levels, ordered: true, nullable: true, doc: "low < medium < high" },
  status: {
    kind: "enum",
    domain: ["new", "open", "pending-customer", "pending-third-party", "resolved", "closed"],
    doc: "the ticket's status",
  },
  subject: { kind: "text", doc: "the ticket's subject" },
  description: { kind: "text", doc: "the ticket's description" },
  body: { kind: "text", doc: "the message's body, or the ticket's description when there is no message" },
  "message.kind": { kind: "enum", domain: ["customer", "reply", "note"], nullable: true, doc: "who wrote the message" },
  "requester.email": { kind: "text", nullable: true, doc: "the requester's email, lower-cased" },
  "requester.domain": { kind: "text", nullable: true, doc: "the part of the requester's email after @, lower-cased" },
  organization: { kind: "text", nullable: true, doc: "the ticket's (or else the requester's) organisation id" },
  tier: { kind: "enum", domain: ["standard", "silver", "gold", "platinum"], ordered: true, nullable: true, doc: "the requester's tier" },
  tags: { kind: "list", doc: "the ticket's tags" },
  group: { kind: "text", nullable: true, doc: "the group id the ticket is assigned to" },
  assignee: { kind: "text", nullable: true, doc: "the agent id the ticket is assigned to" },
  age: { kind: "number", doc: "whole minutes since the ticket was created" },
  idle: { kind: "number", doc: "whole minutes since the ticket was last updated" },
  changed: { kind: "list", doc: "names of the ticket fields this update changed (ticket-updated trigger)" },
};

const customPrefix = "custom.";

/** The spec of a field name, or undefined when the language has no such field. @example fieldSpec("custom.plan")?.kind // "custom" */
export const fieldSpec = (field: string): FieldSpec | undefined => {
  if (field.startsWith(customPrefix)) {
    return field.length > customPrefix.length ? { kind: "custom", nullable: true, doc: "a custom field" } : undefined;
  }
  return Object.hasOwn(fieldCatalogue, field) ? fieldCatalogue[field] : undefined;
};

/** The custom field name of a `custom.<name>` field. */
export const customFieldName = (field: string): string | undefined =>
  field.startsWith(customPrefix) ? field.slice(customPrefix.length) : undefined;

/** Rank of a value of an ordered enum field (−1 when absent or unknown). @example rankOf("priority", "high") // 2 */
export const rankOf = (field: string, value: unknown): number => {
  const domain = fieldCatalogue[field]?.domain;
  return domain && typeof value === "string" ? domain.indexOf(value) : -1;
};
