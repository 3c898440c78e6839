import * as Schema from "effect/Schema";

/** No ticket with this id (or number) exists in the service, or the actor may not know it does. */
export class TicketNotFound extends Schema.TaggedError<TicketNotFound>()("TicketNotFound", {
  message: Schema.String,
  serviceId: Schema.String,
  ticket: Schema.String,
}) {}

/** The status workflow does not allow this change. */
export class IllegalTransition extends Schema.TaggedError<IllegalTransition>()("IllegalTransition", {
  message: Schema.String,
  from: Schema.String,
  to: Schema.String,
}) {}

/** The command cannot apply to the ticket as it is now (closed, merged, outside the reopen window…). */
export class CommandRejected extends Schema.TaggedError<CommandRejected>()("CommandRejected", {
  message: Schema.String,
  code: Schema.Literals([
    "TicketClosed",
    "ReopenWindowExpired",
    "NotResolved",
    "NotClosed",
    "AlreadyExists",
    "UnknownReference",
    "SameService",
    "SelfReference",
  ]),
}) {}

/** The actor may not perform this action on this resource. */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {
  message: Schema.String,
  action: Schema.String,
}) {}

const notFound = (serviceId: string, ticket: string) =>
  new TicketNotFound({ message: `ticket ${ticket} not found in service ${serviceId}`, serviceId, ticket });
/** Builds a `TicketNotFound`. */
export { notFound as ticketNotFound };

/** Builds a `CommandRejected` with a code and message. */
export const rejected = (code: CommandRejected["code"], message: string) => new CommandRejected({ code, message });
