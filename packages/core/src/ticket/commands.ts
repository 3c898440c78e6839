import * as Schema from "effect/Schema";
import { AgentId, ContactId, GroupId, OrganizationId, ServiceId, TicketId } from "../ids/ids";
import { MessageKind } from "./events";
import { Channel, FieldValue, Level3, LinkKind, Priority, TicketType } from "./schema";
import { Status } from "./status";

const Text = Schema.String.check(Schema.isMinLength(1));
const target = { serviceId: ServiceId, ticketId: TicketId } as const;
const command = <T extends string, F extends Schema.Struct.Fields>(type: T, fields: F) =>
  Schema.Struct({ type: Schema.Literal(type), ...fields });

/**
 * Log a new ticket from any channel.
 * @example
 * await desk.execute(system, { type: "OpenTicket", serviceId: "svc-support", subject: "VPN down", channel: "email", requesterId: "c-carla" })
 */
export const OpenTicket = command("OpenTicket", {
  serviceId: ServiceId,
  // The hard ceiling (RFC 5322's line limit); the service's `limits.subjectChars` is the working limit.
  subject: Text.check(Schema.isMaxLength(998)),
  description: Schema.optionalKey(Schema.String),
  ticketType: Schema.optionalKey(TicketType),
  category: Schema.optionalKey(Schema.String),
  channel: Channel,
  priority: Schema.optionalKey(Priority),
  impact: Schema.optionalKey(Level3),
  urgency: Schema.optionalKey(Level3),
  requesterId: ContactId,
  organizationId: Schema.optionalKey(OrganizationId),
  tags: Schema.optionalKey(Schema.Array(Schema.String)),
  customFields: Schema.optionalKey(Schema.Record(Schema.String, FieldValue)),
  /** Id of the inbound message that opened the ticket (e.g. an email Message-ID), for idempotency. */
  externalId: Schema.optionalKey(Text),
});
/**
 * Add a customer message, a public agent reply or an internal note.
 * @example
 * await desk.execute(agent, { type: "AddMessage", serviceId: "svc-support", ticketId, kind: "reply", body: "Restart the router, please." })
 */
export const AddMessage = command("AddMessage", {
  ...target,
  kind: MessageKind,
  body: Schema.String,
  subject: Schema.optionalKey(Schema.String),
  channel: Schema.optionalKey(Channel),
  externalId: Schema.optionalKey(Text),
  automatic: Schema.optionalKey(Schema.Boolean),
});
/**
 * Put the ticket in a group's queue and/or on an agent's desk (null clears the agent).
 * @example
 * await desk.execute(lead, { type: "Assign", serviceId: "svc-support", ticketId, groupId: "grp-l2", agentId: null })
 */
export const Assign = command("Assign", {
  ...target,
  groupId: Schema.optionalKey(Schema.NullOr(GroupId)),
  agentId: Schema.optionalKey(Schema.NullOr(AgentId)),
  reason: Schema.optionalKey(Schema.String),
});
/**
 * Move the ticket to another group or level, saying why.
 * @example
 * await desk.execute(agent, { type: "Transfer", serviceId, ticketId, toGroupId: "grp-l2", reason: "Needs network access" })
 */
export const Transfer = command("Transfer", {
  ...target,
  toGroupId: GroupId,
  toAgentId: Schema.optionalKey(AgentId),
  reason: Text,
});
/**
 * Set the priority directly, or from impact and urgency.
 * @example
 * await desk.execute(agent, { type: "ChangePriority", serviceId: "svc-support", ticketId, impact: "high", urgency: "high" })
 */
export const ChangePriority = command("ChangePriority", {
  ...target,
  priority: Schema.optionalKey(Priority),
  impact: Schema.optionalKey(Level3),
  urgency: Schema.optionalKey(Level3),
});
/**
 * Change descriptive fields; only the keys given change.
 * @example
 * await desk.execute(agent, { type: "UpdateFields", serviceId, ticketId, category: "network", addTags: ["vpn"] })
 */
export const UpdateFields = command("UpdateFields", {
  ...target,
  subject: Schema.optionalKey(Text),
  category: Schema.optionalKey(Schema.NullOr(Schema.String)),
  ticketType: Schema.optionalKey(TicketType),
  tags: Schema.optionalKey(Schema.Array(Schema.String)),
  addTags: Schema.optionalKey(Schema.Array(Schema.String)),
  removeTags: Schema.optionalKey(Schema.Array(Schema.String)),
  customFields: Schema.optionalKey(Schema.Record(Schema.String, FieldValue)),
});
/**
 * Move along the status workflow.
 * @example
 * await desk.execute(agent, { type: "ChangeStatus", serviceId: "svc-support", ticketId, status: "resolved", reason: "Fixed" })
 */
export const ChangeStatus = command("ChangeStatus", {
  ...target,
  status: Status,
  reason: Schema.optionalKey(Schema.String),
  /** Show the reason to the requester too (default: staff only). */
  publicReason: Schema.optionalKey(Schema.Boolean),
});
/**
 * Reopen a resolved ticket within the service's reopen window.
 * @example
 * await desk.execute(requester, { type: "Reopen", serviceId, ticketId, reason: "It happened again" })
 */
export const Reopen = command("Reopen", { ...target, reason: Schema.optionalKey(Schema.String) });
/**
 * Link two tickets (the other may be in another service the actor can see).
 * @example
 * await desk.execute(agent, { type: "Link", serviceId, ticketId, kind: "related", other: { serviceId, ticketId: otherId } })
 */
export const Link = command("Link", { ...target, kind: LinkKind, other: Schema.Struct(target) });
/**
 * Merge this ticket into another of the same service; this one closes.
 * @example
 * await desk.execute(agent, { type: "Merge", serviceId, ticketId: duplicateId, into: originalId })
 */
export const Merge = command("Merge", { ...target, into: TicketId });
/**
 * Record time spent; billable time costs minutes × rate.
 * @example
 * await desk.execute(agent, { type: "LogTime", serviceId, ticketId, minutes: 30, billable: true, note: "Remote session" })
 */
export const LogTime = command("LogTime", {
  ...target,
  minutes: Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 100_000 })),
  billable: Schema.Boolean,
  rateCentsPerHour: Schema.optionalKey(Schema.Number.check(Schema.isGreaterThanOrEqualTo(0))),
  agentId: Schema.optionalKey(AgentId),
  note: Schema.optionalKey(Schema.String),
});
/**
 * The requester rates the service (1–5).
 * @example
 * await desk.execute(requester, { type: "Rate", serviceId, ticketId, score: 4, comment: "Quick, thanks" })
 */
export const Rate = command("Rate", {
  ...target,
  score: Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 5 })),
  comment: Schema.optionalKey(Schema.String),
});
/**
 * Hand a closed ticket to another service, which opens a linked ticket that references the history.
 * @example
 * await desk.execute(agent, { type: "HandOff", serviceId: "svc-support", ticketId, toServiceId: "svc-billing", reason: "Invoice question" })
 */
export const HandOff = command("HandOff", {
  ...target,
  toServiceId: ServiceId,
  reason: Schema.optionalKey(Schema.String),
  toGroupId: Schema.optionalKey(GroupId),
});

/**
 * Every command the Desk accepts.
 * @example
 * const command = Schema.decodeUnknownSync(Command)({ type: "Reopen", serviceId: "svc-support", ticketId: "t-1" })
 */
export const Command = Schema.Union([
  OpenTicket, AddMessage, Assign, Transfer, ChangePriority, UpdateFields, ChangeStatus,
  Reopen, Link, Merge, LogTime, Rate, HandOff,
]);
export type Command = typeof Command.Type;
/**
 * The `type` of every command (`"OpenTicket"`, `"AddMessage"`…).
 * @example
 * const type: CommandType = "HandOff"
 */
export type CommandType = Command["type"];
/**
 * The command of a given type.
 * @example
 * const reopen: CommandOf<"Reopen"> = { type: "Reopen", serviceId, ticketId, reason: "Still broken" }
 */
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
/**
 * A command's input as a caller writes it (ids as plain strings).
 * @example
 * const input: CommandInput<"Rate"> = { type: "Rate", serviceId: "svc-support", ticketId: "t-1", score: 5 }
 */
export type CommandInput<T extends CommandType> = Omit<(typeof Command.Encoded & { type: T }), never>;
