import { Agent, Automation, ContactList, Escalation, Group, Organization, Routing, Service } from "@spoc/core";
import { ReportSchedule } from "@spoc/reporting";
import * as Schema from "effect/Schema";

// The files hold the same objects the Desk's configure API takes, with two differences: what a
// file's place already says is left out (a service's groups carry no serviceId, a list's
// organisations no contactListId), and every document says its `kind`.

/** Drops keys from a struct's fields (the ones a file's place already gives). */
const without = <F extends Schema.Struct.Fields, K extends keyof F>(fields: F, ...keys: ReadonlyArray<K>): Omit<F, K> =>
  Object.fromEntries(Object.entries(fields).filter(([k]) => !keys.includes(k as K))) as Omit<F, K>;

/** Where an editor finds the file's JSON Schema; spoc ignores it. */
const $schema = Schema.optionalKey(Schema.String);

/** An organisation of a contact list, in the list's file. */
export const OrganizationEntry = Schema.Struct(without(Organization.fields, "contactListId"));

/**
 * A contact list and its organisations (`kind: contact-list`). Contacts are people, not configuration: import them.
 * @example
 * Schema.decodeUnknownSync(ContactListDocument)({ kind: "contact-list", id: "cl-customers", name: "Customers" })
 */
export const ContactListDocument = Schema.Struct({
  $schema,
  kind: Schema.Literal("contact-list"),
  ...ContactList.fields,
  organizations: Schema.optionalKey(Schema.Array(OrganizationEntry)),
});
export type ContactListDocument = typeof ContactListDocument.Type;

/** A group of the service whose file holds it. */
export const GroupEntry = Schema.Struct(without(Group.fields, "serviceId"));
/** A routing rule of the service whose file holds it; the list's order is the order rules run in. */
export const RoutingRuleEntry = Schema.Struct(without(Routing.Rule.fields, "serviceId"));
/** An escalation rule of the service whose file holds it. */
export const EscalationRuleEntry = Schema.Struct(without(Escalation.EscalationRule.fields, "serviceId"));
/**
 * A report schedule of the service whose file holds it. `createdAt` is left out: a new schedule
 * starts when it is applied (it never sends history), an existing one keeps its own.
 */
export const ReportScheduleEntry = Schema.Struct(without(ReportSchedule.fields, "serviceId", "createdAt"));

/**
 * A mailbox whose mail opens tickets in the service (stored as the service's `mailbox` documents,
 * for the host that polls it; `spoc email` does not read them yet).
 * @example
 * Schema.decodeUnknownSync(MailboxEntry)({ id: "support", address: "support@example.com", tags: ["email"] })
 */
// The `u` flag: Effect gives a JSON Schema `pattern` only for Unicode regular expressions.
export const MailboxEntry = Schema.Struct({
  id: Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_.-]{1,100}$/u)),
  address: Schema.String.check(Schema.isPattern(/^[^\s@]+@[^\s@]+$/u)),
  /** The IMAP folder polled (default INBOX). */
  folder: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  /** Whether mailing-list and bulk mail opens tickets (default true). */
  listMailOpensTickets: Schema.optionalKey(Schema.Boolean),
  /** Tags put on every ticket this mailbox opens. */
  tags: Schema.optionalKey(Schema.Array(Schema.String)),
});
export type MailboxEntry = typeof MailboxEntry.Type;

/**
 * A service and everything configured inside it (`kind: service`). A key left out is not managed by
 * the file: `groups`, `routingRules`, `sla`… absent leave what the database holds as it is.
 * @example
 * const service = Schema.decodeUnknownSync(ServiceDocument)(YAML.parse(readFileSync("service.svc-support.yaml", "utf8")))
 */
export const ServiceDocument = Schema.Struct({
  $schema,
  kind: Schema.Literal("service"),
  ...Service.fields,
  groups: Schema.optionalKey(Schema.Array(GroupEntry)),
  routingRules: Schema.optionalKey(Schema.Array(RoutingRuleEntry)),
  /** Policies (first match wins), the calendars they name, the re-targeting mode: `configure.sla`'s set-up. */
  sla: Schema.optionalKey(Automation.SlaSetup),
  escalationRules: Schema.optionalKey(Schema.Array(EscalationRuleEntry)),
  reportSchedules: Schema.optionalKey(Schema.Array(ReportScheduleEntry)),
  mailboxes: Schema.optionalKey(Schema.Array(MailboxEntry)),
  // `webhooks` is kept for webhook subscriptions (not in spoc yet): a file that has it is refused.
});
export type ServiceDocument = typeof ServiceDocument.Type;

/**
 * Agents with their memberships, skills, capacity, working calendar and absences (`kind: agents`).
 * @example
 * Schema.decodeUnknownSync(AgentsDocument)({ kind: "agents", agents: [{ id: "ag-ana", name: "Ana", email: "ana@example.com", memberships: [], skills: [], absences: [] }] })
 */
export const AgentsDocument = Schema.Struct({
  $schema,
  kind: Schema.Literal("agents"),
  agents: Schema.Array(Agent),
});
export type AgentsDocument = typeof AgentsDocument.Type;

/**
 * The kinds of configuration document, by their `kind`.
 * @example
 * Schema.decodeUnknownSync(documentSchemas[doc.kind as DocumentKind])(doc)
 */
export const documentSchemas = { "contact-list": ContactListDocument, service: ServiceDocument, agents: AgentsDocument } as const;
/**
 * The kind of a configuration document (its `kind` field): `contact-list`, `service` or `agents`.
 * @example
 * const kind: DocumentKind = "service"
 */
export type DocumentKind = keyof typeof documentSchemas;
/**
 * Every document kind, in the order of `documentSchemas`.
 * @example
 * documentKinds // ["contact-list", "service", "agents"]
 */
export const documentKinds = Object.keys(documentSchemas) as ReadonlyArray<DocumentKind>;
