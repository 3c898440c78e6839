import * as Schema from "effect/Schema";
import { Actor } from "../auth/actor";
import { AgentId, ContactId, GroupId, MessageId, OrganizationId, ServiceId, TicketId, Timestamp } from "../ids/ids";
import { Channel, FieldValue, Level3, LinkKind, Priority, TicketRef, TicketType } from "./schema";
import { Status } from "./status";

/** Fields every event carries: when it happened and who did it. */
const envelope = { at: Timestamp, by: Actor } as const;

const event = <T extends string, F extends Schema.Struct.Fields>(type: T, fields: F) =>
  Schema.Struct({ type: Schema.Literal(type), ...envelope, ...fields });

/**
 * A ticket was logged, from any channel.
 * @example
 * if (event.type === "TicketOpened") console.log(event.number, event.subject, event.channel)
 */
export const TicketOpened = event("TicketOpened", {
  ticketId: TicketId,
  serviceId: ServiceId,
  number: Schema.String,
  subject: Schema.String,
  description: Schema.String,
  /** The kind of request (`type` is taken by the event's own discriminator). */
  ticketType: TicketType,
  category: Schema.NullOr(Schema.String),
  channel: Channel,
  priority: Priority,
  impact: Schema.NullOr(Level3),
  urgency: Schema.NullOr(Level3),
  requesterId: ContactId,
  organizationId: Schema.NullOr(OrganizationId),
  tags: Schema.Array(Schema.String),
  customFields: Schema.Record(Schema.String, FieldValue),
  handedOffFrom: Schema.NullOr(TicketRef),
});

/**
 * Who wrote a message and whether the customer sees it.
 * @example
 * Schema.decodeUnknownSync(MessageKind)("note") // internal: never shown to the requester
 */
export const MessageKind = Schema.Literals(["customer", "reply", "note"]);
export type MessageKind = typeof MessageKind.Type;

/**
 * A message joined the conversation: an inbound customer message, a public agent reply, or an internal note.
 * @example
 * if (event.type === "MessageAdded" && event.kind === "customer") console.log(event.body)
 */
export const MessageAdded = event("MessageAdded", {
  messageId: MessageId,
  kind: MessageKind,
  channel: Channel,
  subject: Schema.NullOr(Schema.String),
  body: Schema.String,
  /** RFC 5322 Message-ID (or another channel's id) of an inbound message; unique per service. */
  externalId: Schema.NullOr(Schema.String),
  /** Sent by a machine (auto-reply, bounce); never counts as a customer reply for SLA, never reopens. */
  automatic: Schema.Boolean,
});

/**
 * The ticket was put in a group's queue and/or on an agent's desk.
 * @example
 * if (event.type === "Assigned") console.log(event.groupId, event.agentId, event.reason)
 */
export const Assigned = event("Assigned", {
  groupId: Schema.NullOr(GroupId),
  agentId: Schema.NullOr(AgentId),
  reason: Schema.NullOr(Schema.String),
});

/**
 * The ticket moved to another group or level, with a reason.
 * @example
 * if (event.type === "Transferred") console.log(`${event.fromGroupId} → ${event.toGroupId}: ${event.reason}`)
 */
export const Transferred = event("Transferred", {
  fromGroupId: Schema.NullOr(GroupId),
  toGroupId: GroupId,
  toAgentId: Schema.NullOr(AgentId),
  reason: Schema.String,
});

/**
 * The status changed along the workflow.
 * @example
 * if (event.type === "StatusChanged" && event.to === "resolved") console.log("resolved by", event.by)
 */
export const StatusChanged = event("StatusChanged", {
  from: Status,
  to: Status,
  reason: Schema.NullOr(Schema.String),
  /** Whether the requester may read the reason; absent or false keeps it for staff. */
  publicReason: Schema.optionalKey(Schema.Boolean),
});

/**
 * The priority changed, directly or from the impact × urgency matrix.
 * @example
 * if (event.type === "PriorityChanged") console.log(`${event.from} → ${event.to}`)
 */
export const PriorityChanged = event("PriorityChanged", {
  from: Priority,
  to: Priority,
  impact: Schema.NullOr(Level3),
  urgency: Schema.NullOr(Level3),
});

/**
 * Descriptive fields changed; only the keys present changed.
 * @example
 * if (event.type === "FieldsChanged" && event.tags !== undefined) console.log("tags now", event.tags)
 */
export const FieldsChanged = event("FieldsChanged", {
  subject: Schema.optionalKey(Schema.String),
  category: Schema.optionalKey(Schema.NullOr(Schema.String)),
  ticketType: Schema.optionalKey(TicketType),
  tags: Schema.optionalKey(Schema.Array(Schema.String)),
  customFields: Schema.optionalKey(Schema.Record(Schema.String, FieldValue)),
});

/**
 * A resolved ticket was reopened within the service's window.
 * @example
 * if (event.type === "Reopened") console.log("reopened:", event.reason ?? "no reason given")
 */
export const Reopened = event("Reopened", { reason: Schema.NullOr(Schema.String) });

/**
 * Two tickets were linked.
 * @example
 * if (event.type === "Linked") console.log(event.kind, event.ticket.number)
 */
export const Linked = event("Linked", { kind: LinkKind, ticket: TicketRef });

/**
 * This ticket was merged into another and closed.
 * @example
 * if (event.type === "Merged") console.log(`merged into ${event.into.number}`)
 */
export const Merged = event("Merged", { into: TicketRef });

/** What a time log records: whose time, how long, billable, at what rate, for what cost. */
const workFields = {
  agentId: AgentId,
  minutes: Schema.Number,
  billable: Schema.Boolean,
  rateCentsPerHour: Schema.Number,
  costCents: Schema.Number,
  note: Schema.NullOr(Schema.String),
} as const;

/**
 * Time was spent on the ticket; cost = minutes × rate / 60 when billable.
 * @example
 * if (event.type === "TimeLogged" && event.billable) console.log(event.agentId, event.minutes, event.costCents)
 */
export const TimeLogged = event("TimeLogged", workFields);

/**
 * The customer rated the service.
 * @example
 * if (event.type === "Rated") console.log(event.score, event.comment)
 */
export const Rated = event("Rated", { score: Schema.Number, comment: Schema.NullOr(Schema.String) });

/**
 * A closed ticket was handed to another service, which opened a linked ticket there.
 * @example
 * if (event.type === "HandedOff") console.log(`handed off to ${event.to.serviceId} as ${event.to.number}`)
 */
export const HandedOff = event("HandedOff", { to: TicketRef, reason: Schema.NullOr(Schema.String) });

/**
 * A message of a handed-off ticket as the receiving service reads it; notes are marked `internal`.
 * @example
 * if (event.type === "HandOffReceived") event.messages.filter((m: ExcerptMessage) => !m.internal).map((m) => m.body)
 */
export const ExcerptMessage = Schema.Struct({ at: Timestamp, by: Actor, kind: MessageKind, internal: Schema.Boolean, body: Schema.String });
export type ExcerptMessage = typeof ExcerptMessage.Type;

/**
 * One work-log entry of a handed-off ticket: whose time, how long, billable, at what rate, for what cost.
 * @example
 * if (event.type === "HandOffReceived") event.workLog.reduce((sum, w: ExcerptWorkEntry) => sum + w.minutes, 0)
 */
export const ExcerptWorkEntry = Schema.Struct({ at: Timestamp, ...workFields });
export type ExcerptWorkEntry = typeof ExcerptWorkEntry.Type;

/**
 * A handed-off ticket's work in numbers; `currency` is the source service's (ISO 4217).
 * @example
 * if (event.type === "HandOffReceived") console.log(event.totals.timeMinutes, event.totals.costCents, event.totals.currency)
 */
export const ExcerptTotals = Schema.Struct({
  timeMinutes: Schema.Number,
  billableMinutes: Schema.Number,
  costCents: Schema.Number,
  currency: Schema.String,
});
export type ExcerptTotals = typeof ExcerptTotals.Type;

/**
 * This ticket was opened by a hand-off: a read-only excerpt of the source ticket's history, so the
 * receiving service reads what was said and what it cost without access to the source service.
 * Written in the receiving ticket's opening write; agents only (never in a contact's view).
 * @example
 * if (event.type === "HandOffReceived") console.log(`from ${event.fromServiceName} ${event.from.number}: ${event.subject}`)
 */
export const HandOffReceived = event("HandOffReceived", {
  from: TicketRef,
  fromServiceName: Schema.String,
  subject: Schema.String,
  /** The person who asked for the hand-off (the event itself is written by the system). */
  handedOffBy: Actor,
  reason: Schema.NullOr(Schema.String),
  messages: Schema.Array(ExcerptMessage),
  workLog: Schema.Array(ExcerptWorkEntry),
  totals: ExcerptTotals,
});

/**
 * A routing rule asked to move this live ticket to another service. The Desk carries it out
 * right after the write that records it: it opens a linked ticket there, then records
 * `HandedOff` and closes this one. A request without a later `HandedOff` is still under way.
 * @example
 * if (event.type === "TransferRequested") console.log(`rule ${event.ruleId} asks for ${event.toServiceId}`)
 */
export const TransferRequested = event("TransferRequested", {
  toServiceId: ServiceId,
  ruleId: Schema.String,
  reason: Schema.NullOr(Schema.String),
});

/**
 * An SLA policy was (re)applied; `summary` is the SLA engine's result, `nextDeadline` the earliest due instant.
 * @example
 * if (event.type === "SlaApplied") console.log(event.policyId, event.nextDeadline)
 */
export const SlaApplied = event("SlaApplied", {
  policyId: Schema.NullOr(Schema.String),
  summary: Schema.Unknown,
  nextDeadline: Schema.NullOr(Timestamp),
});

/**
 * An SLA metric breached its target; recorded once per metric and cycle.
 * @example
 * if (event.type === "SlaBreached") console.log(`${event.metric} breached at ${new Date(event.breachedAt).toISOString()}`)
 */
export const SlaBreached = event("SlaBreached", {
  metric: Schema.String,
  cycle: Schema.Number,
  breachedAt: Timestamp,
});

/**
 * An escalation rule fired at a level; idempotent per (ticket, rule, level).
 * @example
 * if (event.type === "Escalated") console.log(`level ${event.level} by ${event.ruleId}: ${event.actions.join(", ")}`)
 */
export const Escalated = event("Escalated", {
  ruleId: Schema.String,
  level: Schema.Number,
  reason: Schema.String,
  actions: Schema.Array(Schema.String),
});

/**
 * The instant of the ticket's next deadline changed (for sweeps).
 * @example
 * if (event.type === "DeadlineSet") console.log(event.nextDeadline, event.reason) // when the sweeper looks at the ticket next
 */
export const DeadlineSet = event("DeadlineSet", { nextDeadline: Schema.NullOr(Timestamp), reason: Schema.String });

/**
 * An automation asked for a notification (delivered through the outbox).
 * @example
 * if (event.type === "NotificationRequested") console.log(event.template, event.to)
 */
export const NotificationRequested = event("NotificationRequested", {
  template: Schema.String,
  to: Schema.Array(Schema.String),
  data: Schema.Record(Schema.String, Schema.Unknown),
});

/**
 * Every event in a ticket's history.
 * @example
 * const event = Schema.decodeUnknownSync(TicketEvent)(JSON.parse(row.payload))
 */
export const TicketEvent = Schema.Union([
  TicketOpened,
  MessageAdded,
  Assigned,
  Transferred,
  StatusChanged,
  PriorityChanged,
  FieldsChanged,
  Reopened,
  Linked,
  Merged,
  TimeLogged,
  Rated,
  HandedOff,
  HandOffReceived,
  TransferRequested,
  SlaApplied,
  SlaBreached,
  Escalated,
  DeadlineSet,
  NotificationRequested,
]);
export type TicketEvent = typeof TicketEvent.Type;
/**
 * The name of an event type.
 * @example
 * const counted: ReadonlyArray<TicketEventType> = ["MessageAdded", "StatusChanged"]
 */
export type TicketEventType = TicketEvent["type"];
/**
 * The event of a given type.
 * @example
 * const opened: EventOf<"TicketOpened"> | undefined = history.map((s) => s.event).find((e): e is EventOf<"TicketOpened"> => e.type === "TicketOpened")
 */
export type EventOf<T extends TicketEventType> = Extract<TicketEvent, { type: T }>;

/**
 * An event as stored: its position in the ticket's stream.
 * @example
 * const stored: ReadonlyArray<StoredEvent> = await store.readEvents(serviceId, ticketId)
 * stored.map((s) => `${s.version}: ${s.event.type}`)
 */
export interface StoredEvent {
  readonly ticketId: TicketId;
  readonly serviceId: ServiceId;
  readonly version: number;
  readonly event: TicketEvent;
}
