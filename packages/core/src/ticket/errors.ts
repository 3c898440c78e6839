import * as Schema from "effect/Schema";

/**
 * No ticket with this id (or number) exists in the service, or the actor may not know it does.
 * @example if (e instanceof TicketNotFound) return reply(404, e.message)
 */
export class TicketNotFound extends Schema.TaggedError<TicketNotFound>()("TicketNotFound", {
  message: Schema.String,
  serviceId: Schema.String,
  ticket: Schema.String,
}) {}

/** The status workflow does not allow this change. @example if (e instanceof IllegalTransition) console.log(`${e.from} → ${e.to} is not allowed`) */
export class IllegalTransition extends Schema.TaggedError<IllegalTransition>()("IllegalTransition", {
  message: Schema.String,
  from: Schema.String,
  to: Schema.String,
}) {}

/**
 * The command cannot apply to the ticket as it is now (closed, merged, outside the reopen window…)
 * or names something it may not: `field` and `id` then say which reference was refused.
 * @example if (e instanceof CommandRejected && e.code === "UnknownReference") console.log(e.field, e.id)
 */
export class CommandRejected extends Schema.TaggedError<CommandRejected>()("CommandRejected", {
  message: Schema.String,
  /** The command field holding the refused reference (`groupId`, `agentId`, `other.ticketId`…). */
  field: Schema.optionalKey(Schema.String),
  /** The refused id. */
  id: Schema.optionalKey(Schema.String),
  code: Schema.Literals([
    "TicketClosed",
    "ReopenWindowExpired",
    "NotResolved",
    "NotClosed",
    "AlreadyExists",
    "UnknownReference",
    "SameService",
    "SelfReference",
    "NotEligible",
    "AgentAbsent",
    "NotRequester",
    "RatingWindowExpired",
  ]),
}) {}

/**
 * The actor may not perform this action on this resource; `field` names the input field refused, when one is.
 * @example if (e instanceof Forbidden) return reply(403, e.action)
 */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {
  message: Schema.String,
  action: Schema.String,
  field: Schema.optionalKey(Schema.String),
}) {}

const notFound = (serviceId: string, ticket: string) =>
  new TicketNotFound({ message: `ticket ${ticket} not found in service ${serviceId}`, serviceId, ticket });
/**
 * Builds a `TicketNotFound`.
 * @example
 * throw ticketNotFound("svc-support", "IT-000042") // "ticket IT-000042 not found in service svc-support"
 */
export { notFound as ticketNotFound };

/**
 * Builds a `CommandRejected` with a code and message, and the refused reference when there is one.
 * @example rejected("UnknownReference", "group g-x is not a group of service svc-support", { field: "groupId", id: "g-x" })
 */
export const rejected = (code: CommandRejected["code"], message: string, ref?: { readonly field: string; readonly id: string }) =>
  new CommandRejected(ref ? { code, message, field: ref.field, id: ref.id } : { code, message });
