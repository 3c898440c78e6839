import type { Service } from "../service/schema";
import type { Store } from "../store/port";
import type { Command } from "../ticket/commands";
import type { TicketEvent } from "../ticket/events";
import { evolve } from "../ticket/evolve";
import type { Ticket } from "../ticket/schema";
import { guardAutomaticAssignments } from "./automatic-assignments";
import { HookFailed, isDeskError } from "./errors";
import type { DeskHook } from "./hooks";

/**
 * A decided change, before the hooks run on it.
 * @example
 * const change: DecidedChange = { service, before: undefined, history: [], events: opened, after: ticket, command, now: Date.now(), store }
 */
export interface DecidedChange {
  readonly service: Service;
  /** The ticket before the command (undefined when it opens the ticket). */
  readonly before: Ticket | undefined;
  /** The history before the command. */
  readonly history: ReadonlyArray<TicketEvent>;
  /** The command's events. */
  readonly events: ReadonlyArray<TicketEvent>;
  /** The ticket after the command's events. */
  readonly after: Ticket;
  readonly command: Command | undefined;
  readonly now: number;
  readonly store: Store;
}

/**
 * Runs hooks on a decided change, in order, each seeing the events of the command and of the
 * hooks before it; returns every event to append and the ticket they produce. The Desk runs it on
 * every command, and an import on every replayed command, so both record the same automation.
 * A hook's typed error (a `StoreError`, `CommandRejected`, `InvalidInput`…) is rethrown with its
 * class; anything else becomes `HookFailed` naming the hook.
 * @example const { events, after } = await runHooks(hooks, { service, before, history, events: decided, after, command, now, store })
 */
export async function runHooks(hooks: ReadonlyArray<DeskHook>, change: DecidedChange): Promise<{ events: ReadonlyArray<TicketEvent>; after: Ticket }> {
  let all: ReadonlyArray<TicketEvent> = change.events;
  let after = change.after;
  for (const hook of hooks) {
    let extra: ReadonlyArray<TicketEvent>;
    try {
      extra = await hook.afterChange({
        service: change.service, before: change.before, after, history: change.history.concat(all), newEvents: all,
        command: change.command, now: change.now, store: change.store,
      });
    } catch (e) {
      if (isDeskError(e)) throw e;
      throw new HookFailed({ hook: hook.name, message: `hook ${hook.name} failed: ${String((e as Error)?.message ?? e)}`, cause: e });
    }
    if (extra.length === 0) continue;
    extra = await guardAutomaticAssignments(change.store, change.service, extra, change.now, after.channel);
    for (const e of extra) after = evolve(after, e);
    all = all.concat(extra);
  }
  return { events: all, after };
}
