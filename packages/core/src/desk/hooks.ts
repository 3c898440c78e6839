import type { Service } from "../service/schema";
import type { Store } from "../store/port";
import type { Command } from "../ticket/commands";
import type { TicketEvent } from "../ticket/events";
import type { Ticket } from "../ticket/schema";

/**
 * What a hook sees after a command was decided and before anything is written.
 * @example
 * const audit: DeskHook = { name: "audit", afterChange: async (ctx: ChangeContext) => { log(ctx.after.number, ctx.newEvents.length); return [] } }
 */
export interface ChangeContext {
  readonly service: Service;
  /** The ticket before the command (undefined when it opens the ticket). */
  readonly before: Ticket | undefined;
  /** The ticket after the command's events and earlier hooks' events. */
  readonly after: Ticket;
  /** The whole history, including the new events. */
  readonly history: ReadonlyArray<TicketEvent>;
  /** The events this change adds so far (the command's and earlier hooks'). */
  readonly newEvents: ReadonlyArray<TicketEvent>;
  /** The command, or undefined for a time-driven change (a sweep). */
  readonly command: Command | undefined;
  readonly now: number;
  /** For reading configuration (rules, policies, agents); hooks never write through it. */
  readonly store: Store;
}

/**
 * A policy the Desk runs on every change — routing on open, SLA on change, escalation deadlines.
 * It returns further events, appended in the same write as the command's.
 * @example const audit: DeskHook = { name: "audit", afterChange: () => [] }
 */
export interface DeskHook {
  /** Names the hook in errors (`HookFailed`) and traces. */
  readonly name: string;
  /** The events this policy adds to the change (`[]` for none). A throw other than a Desk error becomes `HookFailed` and nothing is written. */
  afterChange(ctx: ChangeContext): ReadonlyArray<TicketEvent> | Promise<ReadonlyArray<TicketEvent>>;
}
