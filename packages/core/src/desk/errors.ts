import * as Schema from "effect/Schema";
import { CommandRejected, Forbidden, IllegalTransition, TicketNotFound } from "../ticket/errors";
import { StoreError } from "../store/errors";
import { InvalidInput } from "../validation/invalid-input";

/**
 * A Desk hook threw something that is not one of the Desk's typed errors (a bug, a failed HTTP
 * call…). It names the hook and keeps what was thrown; nothing was written.
 * @example if (e instanceof HookFailed) log.error(`hook ${e.hook}: ${e.message}`)
 */
export class HookFailed extends Schema.TaggedError<HookFailed>()("HookFailed", {
  message: Schema.String,
  hook: Schema.String,
  cause: Schema.optionalKey(Schema.Unknown),
}) {}

/**
 * Every typed error a Desk operation can fail with.
 * @example
 * try { await desk.reopen(contact, { serviceId, ticketId }) } catch (e) { if (isDeskError(e)) console.error(e._tag, e.message) }
 */
export type DeskError = InvalidInput | Forbidden | TicketNotFound | IllegalTransition | CommandRejected | StoreError | HookFailed;

const deskErrorClasses = [InvalidInput, Forbidden, TicketNotFound, IllegalTransition, CommandRejected, StoreError, HookFailed] as const;

/**
 * Whether a thrown value is already one of the Desk's typed errors (and so keeps its class).
 * @example isDeskError(new StoreError({ reason: "Unavailable", message: "down" })) // true
 */
export const isDeskError = (e: unknown): e is DeskError => deskErrorClasses.some((c) => e instanceof c);
