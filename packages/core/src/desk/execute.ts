import * as Effect from "effect/Effect";
import * as Result from "effect/Result";
import type { Actor } from "../auth/actor";
import { type Action, authorize, type Principal } from "../auth/authorize";
import type { TicketId } from "../ids/ids";
import type { Service } from "../service/schema";
import { duplicateCommand, isStoreError, StoreError } from "../store/errors";
import type { Store } from "../store/port";
import type { Command } from "../ticket/commands";
import { decide, type DecideContext } from "../ticket/decide";
import { Forbidden, ticketNotFound } from "../ticket/errors";
import type { TicketEvent } from "../ticket/events";
import { fold } from "../ticket/evolve";
import { formatTicketNumber, type Ticket, type TicketRef } from "../ticket/schema";
import type { DeskError } from "./errors";
import type { DeskHook } from "./hooks";
import { runHooks as runChangeHooks } from "./run-hooks";
import { storeCall } from "./store-call";

/** The parts of a Desk that command execution needs. */
export interface ExecuteDeps {
  readonly store: Store;
  readonly hooks: ReadonlyArray<DeskHook>;
  readonly newId: () => string;
  readonly maxRetries: number;
  readonly defaultRateCentsPerHour: number;
  /**
   * The id of the command being run: recorded with the append of the command's own events
   * (`command` given to `runOnTicket`/`openNew`), so the store applies it once per service.
   */
  readonly commandId?: string;
  /**
   * Who runs the command: a command id found applied answers only the same actor, on the same
   * ticket (see `appliedBefore`).
   */
  readonly commandBy?: Actor;
  /**
   * Work a ticket's history asks for after it is written (a transfer its routing rules requested);
   * returns the ticket as it then stands. Runs after every write and after an idempotent no-op,
   * so a retry finishes what an interrupted run left pending.
   */
  readonly settle?: (service: Service, ticket: Ticket, history: ReadonlyArray<TicketEvent>, now: number) => Effect.Effect<Ticket, DeskError>;
}

const settle = (deps: ExecuteDeps, service: Service, ticket: Ticket, history: ReadonlyArray<TicketEvent>, now: number) =>
  deps.settle ? deps.settle(service, ticket, history, now) : Effect.succeed(ticket);

/** The action a command needs permission for. */
export const actionOf = (command: Command): Action => {
  switch (command.type) {
    case "OpenTicket": return "ticket.create";
    case "AddMessage": return command.kind === "note" ? "ticket.note" : "ticket.reply";
    case "LogTime": return "ticket.log-time";
    case "Rate": return "ticket.rate";
    case "Merge": return "ticket.merge";
    case "HandOff": return "ticket.hand-off";
    default: return "ticket.update";
  }
};

/** Fails with `Forbidden` unless the principal may act on the resource. */
export const check = (principal: Principal, action: Action, service: Service, ticket?: Ticket) => {
  const d = authorize(principal, action, {
    serviceId: service.id,
    contactListId: service.contactListId,
    ...(ticket ? { requesterId: ticket.requesterId } : {}),
    ...(service.settings.handOffRoles ? { handOffRoles: service.settings.handOffRoles } : {}),
  });
  return d.allowed ? Effect.void : Effect.fail(new Forbidden({ message: d.reason, action }));
};

const runHooks = (deps: ExecuteDeps, service: Service, before: Ticket | undefined, history: ReadonlyArray<TicketEvent>,
  events: ReadonlyArray<TicketEvent>, command: Command | undefined, now: number) =>
  storeCall(() => runChangeHooks(deps.hooks, { service, before, history, events, after: fold(history.concat(events)) as Ticket, command, now, store: deps.store }));

/**
 * Loads a ticket's history, decides, runs hooks and appends with the expected version,
 * deciding again on a version conflict (another writer was first) up to `maxRetries` times.
 */
export const runOnTicket = (
  deps: ExecuteDeps,
  service: Service,
  ticketId: TicketId,
  command: Command | undefined,
  makeEvents: (ticket: Ticket, history: ReadonlyArray<TicketEvent>) => Effect.Effect<ReadonlyArray<TicketEvent>, DeskError>,
  now: number,
): Effect.Effect<Ticket, DeskError> =>
  Effect.gen(function* () {
    for (let attempt = 0; ; attempt++) {
      const stored = yield* storeCall(() => deps.store.readEvents(service.id, ticketId));
      const history = stored.map((s) => s.event);
      const ticket = fold(history);
      if (!ticket) return yield* Effect.fail(ticketNotFound(service.id, ticketId));
      const decided = yield* makeEvents(ticket, history);
      if (decided.length === 0) return yield* settle(deps, service, ticket, history, now);
      const { events, after } = yield* runHooks(deps, service, ticket, history, decided, command, now);
      const appended = yield* Effect.result(storeCall(() =>
        deps.store.append({ serviceId: service.id, ticketId, expectedVersion: stored.length, events, ticket: after, ...commandIdOf(deps, command) })));
      if (Result.isSuccess(appended)) return yield* settle(deps, service, after, history.concat(events), now);
      const error = appended.failure;
      // An earlier try of this command was applied (its answer was lost): answer with what it wrote.
      if (isStoreError(error, "DuplicateCommand")) return yield* appliedBefore(deps, service, deps.commandId as string, now, ticketId);
      // The same inbound message delivered twice is not an error: the first delivery already recorded it.
      if (isStoreError(error, "DuplicateMessageId")) return yield* settle(deps, service, ticket, history, now);
      if (!isStoreError(error, "VersionConflict") || attempt >= deps.maxRetries) return yield* Effect.fail(error);
    }
  });

/** Decides a plain ticket command against the current ticket. */
export const decideOn = (command: Command, ctx: Omit<DecideContext, "now"> & { now: number }) =>
  (ticket: Ticket): Effect.Effect<ReadonlyArray<TicketEvent>, DeskError> => {
    const r = decide(command, ticket, ctx);
    return Result.isSuccess(r) ? Effect.succeed(r.success) : Effect.fail(r.failure);
  };

// Only the append of the command's own events carries its id; follow-up writes (back-links, transfers) do not.
const commandIdOf = (deps: ExecuteDeps, command: Command | undefined): { commandId?: string } =>
  command !== undefined && deps.commandId !== undefined ? { commandId: deps.commandId } : {};

/**
 * The ticket an earlier application of a command wrote, as it stands now (settled): what a retry of
 * an applied command answers. `StoreError{DuplicateCommand}` if the store no longer finds it.
 */
export const appliedBefore = (deps: ExecuteDeps, service: Service, commandId: string, now: number, target?: TicketId): Effect.Effect<Ticket, DeskError> =>
  Effect.gen(function* () {
    const ticketId = yield* storeCall(() => deps.store.findCommand(service.id, commandId));
    if (ticketId === undefined) return yield* Effect.fail(duplicateCommand(commandId));
    // A key is the caller's: the first application must be this actor's, on this ticket. Otherwise
    // another command took the key (two clients numbering from 1, a stale key): answering with its
    // ticket would drop this command without a word.
    const by = deps.commandBy;
    if (target !== undefined && ticketId !== target) return yield* Effect.fail(keyTaken(commandId));
    if (by !== undefined) {
      const history = yield* storeCall(() => deps.store.readEvents(service.id, ticketId));
      if (!history.some((e) => sameActor(e.event.by, by))) return yield* Effect.fail(keyTaken(commandId));
    }
    return yield* settleStored(deps, service, ticketId, now);
  });

const sameActor = (a: Actor, b: Actor): boolean =>
  a.kind === b.kind && (a.kind === "system" ? a.name === (b as typeof a).name : a.id === (b as typeof a).id);

const keyTaken = (commandId: string) =>
  new StoreError({ reason: "DuplicateCommand", message: `command id ${commandId} was used by another command (another actor or ticket): use a new key for a new command` });

/** Reads a ticket's history and settles what it leaves pending (a retried opening finds its ticket this way). */
const settleStored = (deps: ExecuteDeps, service: Service, ticketId: TicketId, now: number) =>
  Effect.gen(function* () {
    if (!deps.settle) return yield* getOrFail(deps.store, service, ticketId);
    const history = (yield* storeCall(() => deps.store.readEvents(service.id, ticketId))).map((s) => s.event);
    const ticket = fold(history);
    if (!ticket) return yield* Effect.fail(ticketNotFound(service.id, ticketId));
    return yield* settle(deps, service, ticket, history, now);
  });

/**
 * Opens a new ticket: allocates its number, decides, runs hooks and appends at version 0.
 * `arrange` may add events to the decided opening before the hooks see it (a transfer's note and copied messages).
 */
export const openNew = (
  deps: ExecuteDeps,
  service: Service,
  command: Extract<Command, { type: "OpenTicket" }>,
  actor: Actor,
  now: number,
  handedOffFrom?: TicketRef,
  arrange?: (decided: ReadonlyArray<TicketEvent>) => ReadonlyArray<TicketEvent>,
): Effect.Effect<Ticket, DeskError> =>
  Effect.gen(function* () {
    if (command.externalId !== undefined) {
      const existing = yield* storeCall(() => deps.store.findTicketByExternalId(service.id, command.externalId as string));
      if (existing) return yield* settleStored(deps, service, existing, now);
    }
    const seq = yield* storeCall(() => deps.store.allocateTicketNumber(service.id));
    const ticketId = deps.newId() as TicketId;
    const number = formatTicketNumber(service.key, seq, service.settings.numberWidth);
    const opening = { ticketId, number, ...(handedOffFrom ? { handedOffFrom } : {}) };
    const r = decide(command, undefined, { now, actor, service, newId: deps.newId, opening });
    if (Result.isFailure(r)) return yield* Effect.fail(r.failure);
    const decided = arrange ? arrange(r.success) : r.success;
    const { events, after } = yield* runHooks(deps, service, undefined, [], decided, command, now);
    const appended = yield* Effect.result(storeCall(() =>
      deps.store.append({ serviceId: service.id, ticketId, expectedVersion: 0, events, ticket: after, ...commandIdOf(deps, command) })));
    if (Result.isSuccess(appended)) return yield* settle(deps, service, after, events, now);
    if (isStoreError(appended.failure, "DuplicateCommand")) return yield* appliedBefore(deps, service, deps.commandId as string, now);
    if (isStoreError(appended.failure, "DuplicateMessageId") && command.externalId !== undefined) {
      // Another delivery of the same message won the race: return the ticket it opened.
      const existing = yield* storeCall(() => deps.store.findTicketByExternalId(service.id, command.externalId as string));
      if (existing) return yield* settleStored(deps, service, existing, now);
    }
    return yield* Effect.fail(appended.failure);
  });

/** Reads a ticket's projection or fails with `TicketNotFound`. */
export const getOrFail = (store: Store, service: Service, ticketId: TicketId) =>
  Effect.flatMap(storeCall(() => store.getTicket(service.id, ticketId)), (t) =>
    t ? Effect.succeed(t) : Effect.fail(ticketNotFound(service.id, ticketId)));
