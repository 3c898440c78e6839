import * as Schema from "effect/Schema";
import { Actor } from "../auth/actor";
import { AgentId, ContactId, GroupId, OrganizationId, ServiceId, TicketId, Timestamp } from "../ids/ids";
import { Status } from "./status";

/**
 * The channel a request came in through.
 * @example
 * Schema.decodeUnknownSync(Channel)("walk-in")
 */
export const Channel = Schema.Literals(["email", "phone", "web", "chat", "api", "walk-in"]);
export type Channel = typeof Channel.Type;

/**
 * What kind of request a ticket is.
 * @example
 * Schema.decodeUnknownSync(TicketType)("service-request")
 */
export const TicketType = Schema.Literals(["incident", "service-request", "complaint", "question", "task"]);
export type TicketType = typeof TicketType.Type;

/**
 * How urgent the work is; ordered from lowest to highest.
 * @example
 * Schema.decodeUnknownSync(Priority)("urgent")
 */
export const Priority = Schema.Literals(["low", "normal", "high", "urgent"]);
export type Priority = typeof Priority.Type;
/**
 * Priorities from lowest to highest, for comparisons.
 * @example
 * priorityOrder.indexOf(ticket.priority) > priorityOrder.indexOf("normal") // high or urgent
 */
export const priorityOrder: ReadonlyArray<Priority> = ["low", "normal", "high", "urgent"];

/**
 * Impact and urgency levels of the ITIL priority matrix.
 * @example
 * await desk.changePriority(agent, { serviceId, ticketId, impact: "high" satisfies Level3, urgency: "medium" })
 */
export const Level3 = Schema.Literals(["low", "medium", "high"]);
export type Level3 = typeof Level3.Type;

/**
 * A custom field value.
 * @example
 * const customFields: Record<string, FieldValue> = { asset: "LAP-0042", seats: 3, onsite: false, po: null }
 */
export const FieldValue = Schema.Union([Schema.String, Schema.Number, Schema.Boolean, Schema.Null]);
export type FieldValue = typeof FieldValue.Type;

/**
 * How two tickets relate.
 * @example
 * Schema.decodeUnknownSync(LinkKind)("parent")
 */
export const LinkKind = Schema.Literals(["parent", "child", "related"]);
export type LinkKind = typeof LinkKind.Type;

/**
 * A reference to a ticket, possibly in another service.
 * @example
 * const ref: TicketRef = { serviceId: ServiceId("svc-billing"), ticketId: TicketId("t-9"), number: "BIL-000009" }
 */
export const TicketRef = Schema.Struct({ serviceId: ServiceId, ticketId: TicketId, number: Schema.String });
export type TicketRef = typeof TicketRef.Type;

/**
 * A ticket as the query projection holds it: the fold of its history.
 * @example
 * const ticket: Ticket | undefined = events.reduce<Ticket | undefined>(evolve, undefined) // a projection of its events
 * ticket?.status // "open"
 */
export const Ticket = Schema.Struct({
  id: TicketId,
  serviceId: ServiceId,
  number: Schema.String,
  version: Schema.Number,
  subject: Schema.String,
  description: Schema.String,
  type: TicketType,
  category: Schema.NullOr(Schema.String),
  channel: Channel,
  status: Status,
  priority: Priority,
  impact: Schema.NullOr(Level3),
  urgency: Schema.NullOr(Level3),
  requesterId: ContactId,
  organizationId: Schema.NullOr(OrganizationId),
  groupId: Schema.NullOr(GroupId),
  assigneeId: Schema.NullOr(AgentId),
  tags: Schema.Array(Schema.String),
  customFields: Schema.Record(Schema.String, FieldValue),
  links: Schema.Array(Schema.Struct({ kind: LinkKind, ticket: TicketRef })),
  mergedInto: Schema.NullOr(TicketRef),
  handedOffFrom: Schema.NullOr(TicketRef),
  handedOffTo: Schema.Array(TicketRef),
  openedBy: Actor,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  firstResponseAt: Schema.NullOr(Timestamp),
  resolvedAt: Schema.NullOr(Timestamp),
  closedAt: Schema.NullOr(Timestamp),
  messageCount: Schema.Number,
  lastCustomerMessageAt: Schema.NullOr(Timestamp),
  lastAgentReplyAt: Schema.NullOr(Timestamp),
  reopenCount: Schema.Number,
  /** Times the ticket moved between groups after its first group (group stations − 1). */
  groupReassignments: Schema.Number,
  /** Times the assignee changed after the first assignee. */
  agentReassignments: Schema.Number,
  /** Agents who replied publicly, in order of first reply. */
  responders: Schema.Array(AgentId),
  timeMinutes: Schema.Number,
  billableMinutes: Schema.Number,
  costCents: Schema.Number,
  rating: Schema.NullOr(Schema.Struct({ score: Schema.Number, comment: Schema.NullOr(Schema.String) })),
  /** Escalations fired, as `ruleId:level` keys, so a sweep never fires one twice. */
  escalations: Schema.Array(Schema.String),
  /** The earliest instant something is due (SLA target, threshold, escalation); indexed for sweeps. */
  nextDeadline: Schema.NullOr(Timestamp),
  /** The latest SLA summary recorded on the ticket (see the `sla` module). */
  sla: Schema.NullOr(Schema.Unknown),
});
export type Ticket = typeof Ticket.Type;

/** Formats a per-service ticket number. @example formatTicketNumber("IT", 123, 6) // "IT-000123" */
export const formatTicketNumber = (key: string, seq: number, width: number): string =>
  `${key}-${String(seq).padStart(width, "0")}`;
