import * as Context from "effect/Context";
import * as Effect from "effect/Effect";
import * as Duration from "effect/Duration";
import * as Layer from "effect/Layer";
import * as Schedule from "effect/Schedule";
import { Actor } from "../auth/actor";
import type { Principal } from "../auth/authorize";
import { type OrganizationId, ServiceId, TicketId } from "../ids/ids";
import { Agent, Contact, ContactList, Group, Organization, Service } from "../service/schema";
import { commandLimitIssues, limitsOf, tagTotalIssue } from "../service/limits";
import type { Store, Page, TicketQuery } from "../store/port";
import { decodeCursor } from "../store/port";
import { SearchText } from "../store/search-text";
import { Command, type CommandOf } from "../ticket/commands";
import { CommandRejected, Forbidden, rejected, ticketNotFound } from "../ticket/errors";
import type { EventOf, StoredEvent } from "../ticket/events";
import { excerptIn } from "../ticket/hand-off-excerpt";
import type { Ticket, TicketRef } from "../ticket/schema";
import { decodeInput, InvalidInput, invalidInput } from "../validation/invalid-input";
import type { DeskError } from "./errors";
import { actionOf, appliedBefore, check, decideOn, type ExecuteDeps, getOrFail, openNew, runOnTicket } from "./execute";
import { handOff } from "./hand-off";
import { settleTransfer } from "./transfer";
import type { DeskHook } from "./hooks";
import { resolvePrincipal } from "./principal";
import { automationCache, compileSlaSetup, configKeys, sweepDue, validateRules, slaConfigFor, slaContextOf, type DeskSweepReport, type SweepOptions } from "../automation";
import { standardHooks } from "../automation/standard";
import { EscalationRule } from "../escalation";
import { explainSla, slaStatusOf, type SlaStatus } from "../sla";
import { fold } from "../ticket/evolve";
import { storeCall } from "./store-call";
import { StoreError } from "../store/errors";
import { firstRatedAt, referenceFactsOf } from "./reference-facts";
import { contactOpeningRefusal, reservedExternalIdPrefixes } from "./contact-opening";
import type { PublicTicket } from "../view/public-ticket";
import type { StaffHandOffReceived, StaffTicket } from "../view/staff-view";
import { audienceOf } from "../view/visibility";
import { type HistoryViewFor, type TicketViewFor, viewOf } from "../view/view-of";
import { agentChange, type DirectoryRefusal, serviceChangeRefusal } from "./directory-boundaries";
import { SimulateOptions as SimulateOptionsInput, SweepOptions as SweepOptionsInput, TicketQuery as TicketQueryInput } from "./desk-inputs";
import { SafeString } from "../validation/safe-text";
import { simulateService, type DeskSimulation, type SimulateOptions } from "./simulate";
import type { AgentInput, AnyCommandInput, ContactInput, ContactListInput, EscalationRuleInput, GroupInput, OrganizationInput,
  RoutingRulesInput, ServiceInput, SlaSetupInput } from "./inputs";

/**
 * How a Desk is built: the store it writes to, and the policies it runs on every change.
 * @example
 * const desk = createDesk({ store, clock: () => Date.parse("2026-03-02T09:00:00Z"), automation: false })
 */
export interface DeskOptions {
  readonly store: Store;
  /** Policies run after every decided change (routing, SLA, escalation deadlines), in order. */
  readonly hooks?: ReadonlyArray<DeskHook>;
  /** The clock, in epoch ms; tests and imports pass their own. */
  readonly clock?: () => number;
  /** The id source for tickets, messages and the command ids the Desk makes (default `crypto.randomUUID`). */
  readonly newId?: () => string;
  /** How often a command is decided again after a version conflict (default 8). */
  readonly maxRetries?: number;
  /** Rate for billable time when a `LogTime` command gives none (cents per hour; default 0). */
  readonly defaultRateCentsPerHour?: number;
  /**
   * Run the services' routing rules, SLA policies and escalation deadlines on every change (default true).
   * Compiled configuration is cached for `ttlMs` (default 5 s; other processes' changes show up within it).
   */
  readonly automation?: boolean | { readonly ttlMs?: number };
  /**
   * How an operation is run again when the store is briefly unavailable (a retryable `StoreError`
   * other than a version conflict, which is decided again instead): up to `times` more tries
   * (default 3; 0 = never), waiting `baseDelayMs` (default 50) doubled each time, with ±20 %
   * jitter so processes that lost the same connection do not come back in step. Then the
   * `StoreError` is reported as it is. A retried command applies once: see `RunOptions.commandId`.
   */
  readonly storeRetry?: { readonly times?: number; readonly baseDelayMs?: number };
}

/**
 * Options of a single command run.
 * @example
 * await desk.execute(agent, command, { commandId: "req-7f3a" }) // a retry with the same id changes nothing
 */
export interface RunOptions {
  /** When the command happened; only the system actor may set it (imports, replays). */
  readonly at?: number;
  /**
   * The host's idempotency key for this command (1–200 printable characters). The store records
   * it with the command's events, once per service: running a command again with the same key
   * (a host retry after a timeout) changes nothing and answers with the ticket the first run
   * wrote, as it now stands. Without it the Desk makes one (`DeskOptions.newId`) for the call, so
   * its own retries of an unavailable store apply the command once.
   * @example await desk.addMessage(agent, { serviceId, ticketId, kind: "reply", body: "On it" }, { commandId: request.headers["idempotency-key"] })
   */
  readonly commandId?: string;
}

/**
 * Why a host's command id is refused, or undefined when it is fine.
 * @example
 * commandIdIssue("") // "must be 1–200 characters"
 */
export const commandIdIssue = (id: unknown): string | undefined =>
  typeof id !== "string" ? "must be a string"
  : id.length === 0 || id.length > 200 ? "must be 1–200 characters"
  // eslint-disable-next-line no-control-regex
  : /[\u0000-\u001f\u007f]/.test(id) ? "must not hold control characters"
  : /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(id) ? "must not hold lone surrogates"
  : undefined;

// A host's idempotency key belongs to the caller: stored as a digest of the actor, then the key, so two
// callers who both number their keys from 1 never meet, and nobody can use up (or probe) another's
// key. FNV-1a 64 keeps core free of Node built-ins; actor ids are given by the host, not chosen by the
// caller, so a crafted collision is out of a caller's reach. Digest + key fit the column (320).
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;
const fnv1a64 = (text: string): string => {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * FNV_PRIME) & MASK_64;
  return h.toString(16).padStart(16, "0");
};
const keyOfActor = (actor: unknown, key: string): string => {
  const a = (typeof actor === "object" && actor !== null ? actor : {}) as Record<string, unknown>;
  return `${fnv1a64(JSON.stringify([a.kind, a.id ?? a.name, a.contactListId ?? null]))}:${key}`;
};

/**
 * The operations of the Desk; every one takes the acting `Actor` and is authorised. Every ticket or history
 * it returns is `viewOf(actor, …)`: its type follows the actor's kind (`TicketViewFor`), so a contact's read is a
 * `PublicTicket` without cost or assignment fields, an agent's a `StaffTicket` (cost null for roles that may not
 * see it), the system's the whole `Ticket`. An `Actor` of unknown kind gets the union of the three.
 * @example
 * const view = await Effect.runPromise(desk.effect.getTicket(agent, serviceId, ticketId))
 */
export interface DeskShape {
  /** Runs any ticket command (typed as its Schema's Encoded side, still decoded) and returns the ticket after it, as the actor sees it. */
  readonly execute: <A extends Actor>(actor: A, command: AnyCommandInput, options?: RunOptions) => Effect.Effect<TicketViewFor<A["kind"]>, DeskError>;
  /** A ticket as the actor sees it; `Forbidden` for a ticket of someone else (contacts) or another service (agents). */
  readonly getTicket: <A extends Actor>(actor: A, serviceId: ServiceId, ticketId: TicketId) => Effect.Effect<TicketViewFor<A["kind"]>, DeskError>;
  /** A ticket by its number (`IT-000123`), as the actor sees it. */
  readonly getTicketByNumber: <A extends Actor>(actor: A, serviceId: ServiceId, number: string) => Effect.Effect<TicketViewFor<A["kind"]>, DeskError>;
  /**
   * A page of tickets as the actor sees them, newest first; a contact lists only their own. With
   * `query.text`, a full-text search over subject, description, messages and the requester's name
   * and emails: a contact's search reads only what they can read (never internal notes), staff's
   * reads notes too. Bad text (not a string, empty, over 200 characters) is `InvalidInput` naming `text`.
   */
  readonly listTickets: <A extends Actor>(actor: A, serviceId: ServiceId, query?: TicketQuery) => Effect.Effect<Page<TicketViewFor<A["kind"]>>, DeskError>;
  /** A ticket's history as the actor sees it: a contact gets only the public events (no notes, time logs, SLA…). */
  readonly history: <A extends Actor>(actor: A, serviceId: ServiceId, ticketId: TicketId) => Effect.Effect<HistoryViewFor<A["kind"]>, DeskError>;
  /**
   * The read-only excerpt a hand-off attached to a receiving ticket (`null` if it was not handed off);
   * for the receiving service's agents, never for contacts.
   */
  readonly handOffExcerpt: (actor: Actor, serviceId: ServiceId, ticketId: TicketId) => Effect.Effect<StaffHandOffReceived | null, DeskError>;
  /**
   * Creates or updates directory entries; only admins of the service (or the system) may. Inputs are typed as
   * their Schemas' Encoded side (`ServiceInput`…) and still decoded: bad input fails with `InvalidInput`.
   */
  readonly configure: {
    /** Creates or replaces a service. */
    readonly service: (actor: Actor, input: ServiceInput) => Effect.Effect<Service, DeskError>;
    /** Creates or replaces a contact list. */
    readonly contactList: (actor: Actor, input: ContactListInput) => Effect.Effect<ContactList, DeskError>;
    /** Creates or replaces a contact of a contact list. */
    readonly contact: (actor: Actor, input: ContactInput) => Effect.Effect<Contact, DeskError>;
    /** Creates or replaces an organisation of a contact list. */
    readonly organization: (actor: Actor, input: OrganizationInput) => Effect.Effect<Organization, DeskError>;
    /** Creates or replaces a group of a service. */
    readonly group: (actor: Actor, input: GroupInput) => Effect.Effect<Group, DeskError>;
    /** Creates or replaces an agent with their memberships. */
    readonly agent: (actor: Actor, input: AgentInput) => Effect.Effect<Agent, DeskError>;
    /** Replaces a service's ordered routing rules; an error names the rule and the field. */
    readonly routingRules: (actor: Actor, serviceId: ServiceId, rules: RoutingRulesInput) => Effect.Effect<void, DeskError>;
    /** Replaces a service's SLA set-up: policies, calendars, re-targeting mode. */
    readonly sla: (actor: Actor, serviceId: ServiceId, setup: SlaSetupInput) => Effect.Effect<void, DeskError>;
    /** Adds or replaces one escalation rule of a service. */
    readonly escalationRule: (actor: Actor, serviceId: ServiceId, rule: EscalationRuleInput) => Effect.Effect<void, DeskError>;
  };
  /** The full SLA status of a ticket now: every metric and cycle, with its explanation. Staff only: contacts get `Forbidden`. */
  readonly slaStatus: (actor: Actor, serviceId: ServiceId, ticketId: TicketId) => Effect.Effect<SlaStatus & { readonly explanation: ReadonlyArray<string> }, DeskError>;
  /** Records what time alone caused on due tickets: SLA breaches and escalation levels. */
  readonly sweep: (options?: SweepOptions & { readonly now?: number }) => Effect.Effect<DeskSweepReport, DeskError>;
  /** Replays a service's history through proposed rules and SLA with the Desk's own hooks, writing nothing; admins and the system only. */
  readonly simulate: (actor: Actor, options: SimulateOptions) => Effect.Effect<DeskSimulation, DeskError>;
  readonly store: Store;
}

/** The Desk as an Effect service. @example Effect.gen(function* () { const desk = yield* Desk; … }) */
export class Desk extends Context.Service<Desk, DeskShape>()("@spoc/core/Desk") {
  /** A layer providing the Desk over a store. */
  static readonly layer = (options: DeskOptions) => Layer.succeed(Desk, makeDesk(options));
}

const decodeOr = <A>(schema: Parameters<typeof decodeInput>[0], input: unknown, what: string): Effect.Effect<A, InvalidInput> => {
  const r = decodeInput(schema, input, what);
  return r instanceof InvalidInput ? Effect.fail(r) : Effect.succeed(r as A);
};

// One argument of a Desk operation (the actor, a service or ticket id, a query), its issues under its name.
const arg = <A>(schema: Parameters<typeof decodeInput>[0], input: unknown, name: string): Effect.Effect<A, InvalidInput> => {
  const r = decodeInput(schema, input, name);
  return r instanceof InvalidInput
    ? Effect.fail(invalidInput(name, r.issues.map((i) => ({ path: i.path === "" ? name : `${name}.${i.path}`, message: i.message }))))
    : Effect.succeed(r as A);
};

/**
 * Builds the Desk: load, decide, append with the expected version, retry on conflict; and scoped queries.
 * @example const desk = makeDesk({ store: memoryStore() })
 */
export function makeDesk(options: DeskOptions): DeskShape {
  const { store } = options;
  const clock = options.clock ?? (() => Date.now());
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  const automation = options.automation ?? true;
  const cache = automationCache(typeof automation === "object" ? automation.ttlMs : undefined);
  const deps: ExecuteDeps = {
    // Transfers requested by routing rules are carried out after the write that requests them.
    settle: (...args) => settleTransfer(deps)(...args),
    store,
    hooks: [...(automation === false ? [] : standardHooks(cache, newId)), ...(options.hooks ?? [])],
    newId,
    maxRetries: options.maxRetries ?? 8,
    defaultRateCentsPerHour: options.defaultRateCentsPerHour ?? 0,
  };
  const sharedDeps = deps;

  const retryTimes = options.storeRetry?.times ?? 3;
  const retrySchedule = Schedule.jittered(Schedule.exponential(Duration.millis(options.storeRetry?.baseDelayMs ?? 50)));
  // A whole operation is retried, so it reloads and decides again on what the store then holds.
  const retrying = <A>(effect: Effect.Effect<A, DeskError>): Effect.Effect<A, DeskError> =>
    retryTimes <= 0 ? effect : effect.pipe(Effect.retry({ while: isTransient, times: retryTimes, schedule: retrySchedule }));

  const serviceOf = (serviceId: ServiceId) =>
    Effect.flatMap(storeCall(() => store.getService(serviceId)), (s) =>
      s ? Effect.succeed(s) : Effect.fail(rejected("UnknownReference", `service ${serviceId} does not exist`)));

  // Every read starts here: the actor and the service id are decoded like any other input.
  const readable = (actorInput: Actor, serviceIdInput: ServiceId) =>
    Effect.gen(function* () {
      const actor = yield* arg<Actor>(Actor, actorInput, "actor");
      const serviceId = yield* arg<ServiceId>(ServiceId, serviceIdInput, "serviceId");
      const service = yield* serviceOf(serviceId);
      const principal = yield* resolvePrincipal(store, actor, service);
      // An agent outside the service is refused outright; contacts learn nothing about others' tickets.
      if (principal.kind === "agent") yield* check(principal, "ticket.read", service);
      return { service, principal };
    });

  // A missing ticket is not found; someone else's ticket is forbidden (agents outside the service never get here).
  const readTicket = (principal: Principal, service: Service, ticket: Ticket | undefined, ref: string): Effect.Effect<Ticket, DeskError> =>
    ticket ? Effect.as(check(principal, "ticket.read", service, ticket), ticket) : Effect.fail(ticketNotFound(service.id, ref));

  // One command id per call, kept across the Desk's retries: a retry after a lost answer finds the
  // first application (looked up first on every retry, and on every run of a host's key).
  const execute = (actor: Actor, input: unknown, run?: RunOptions): Effect.Effect<Ticket | StaffTicket | PublicTicket, DeskError> =>
    Effect.suspend(() => {
      const hostKey = run?.commandId;
      if (hostKey !== undefined) {
        const issue = commandIdIssue(hostKey);
        if (issue !== undefined) return Effect.fail(invalidInput("options", [{ path: "commandId", message: issue }]));
      }
      const commandId = hostKey !== undefined ? keyOfActor(actor, hostKey) : newId();
      let tries = 0;
      return retrying(Effect.suspend(() => executeOnce(actor, input, run, commandId, hostKey !== undefined || tries++ > 0)));
    });

  const executeOnce = (actor: Actor, input: unknown, run: RunOptions | undefined, commandId: string, lookFirst: boolean): Effect.Effect<Ticket | StaffTicket | PublicTicket, DeskError> =>
    Effect.gen(function* () {
      const decodedActor = yield* arg<Actor>(Actor, actor, "actor");
      const command = yield* decodeOr<Command>(Command, input, "command");
      if (run?.at !== undefined && decodedActor.kind !== "system") {
        return yield* Effect.fail(new Forbidden({ message: "only the system actor may set the time of a command", action: "backdate" }));
      }
      if (run?.at !== undefined && !Number.isFinite(run.at)) return yield* Effect.fail(invalidInput("run options", [{ path: "at", message: `must be a finite number, not ${run.at}` }]));
      const now = run?.at ?? clock();
      const service = yield* serviceOf(command.serviceId);
      // The service's limits (subject, body, tags, custom fields) are checked before anything is read or written.
      const over = commandLimitIssues(command, limitsOf(service));
      if (over.length > 0) return yield* Effect.fail(invalidInput("command", over));
      const principal = yield* resolvePrincipal(store, decodedActor, service);
      if (lookFirst && (yield* storeCall(() => store.findCommand(service.id, commandId))) !== undefined) {
        const target = "ticketId" in command ? (command.ticketId as TicketId) : undefined;
        const applied = yield* appliedBefore({ ...deps, commandId, commandBy: decodedActor }, service, commandId, now, target);
        return viewOf(principal, service, yield* readTicket(principal, service, applied, applied.id));
      }
      const after = yield* decideAndWrite(decodedActor, principal, service, command, now, commandId);
      return viewOf(principal, service, after);
    });

  const decideAndWrite = (decodedActor: Actor, principal: Principal, service: Service, command: Command, now: number, commandId: string): Effect.Effect<Ticket, DeskError> =>
    Effect.gen(function* () {
      const deps: ExecuteDeps = { ...sharedDeps, commandId, commandBy: decodedActor };
      if (command.type === "OpenTicket") {
        yield* check(principal, "ticket.create", service, { requesterId: command.requesterId } as Ticket);
        const requester = yield* storeCall(() => store.getContact(service.contactListId, command.requesterId));
        if (!requester) return yield* Effect.fail(invalidInput("command", [{ path: "requesterId", message: `contact ${command.requesterId} is not in the service's contact list` }]));
        if (principal.kind === "contact") {
          const refusal = contactOpeningRefusal(command, principal.contactId, requester, service);
          if (refusal !== undefined) return yield* Effect.fail(new Forbidden({ message: refusal, action: "ticket.create" }));
        }
        const reserved = reservedExternalIdPrefixes.find((p) => command.externalId?.startsWith(p));
        if (reserved !== undefined && principal.kind !== "system") {
          return yield* Effect.fail(new Forbidden({ message: `externalId: ids starting with "${reserved}" are the Desk's own`, action: "ticket.create" }));
        }
        if (command.organizationId !== undefined) {
          const org = yield* storeCall(() => store.getOrganization(service.contactListId, command.organizationId as OrganizationId));
          if (!org) return yield* Effect.fail(rejected("UnknownReference", `organization ${command.organizationId} is not in the service's contact list`, { field: "organizationId", id: command.organizationId }));
        }
        // The requester's organisation counts (tier, domain) even when the caller does not name it.
        const opening = command.organizationId === undefined && requester.organizationId !== undefined
          ? { ...command, organizationId: requester.organizationId } : command;
        const opened = yield* openNew(deps, service, opening, decodedActor, now);
        // An external id can find a ticket someone else opened: the caller gets it only if they may read it.
        return yield* readTicket(principal, service, opened, opened.id);
      }
      if (principal.kind === "contact" && command.type === "AddMessage" && command.kind !== "customer") {
        return yield* Effect.fail(new Forbidden({ message: "contacts may only add customer messages", action: "ticket.reply" }));
      }
      const ctx = { now, actor: decodedActor, service, newId: deps.newId, defaultRateCentsPerHour: deps.defaultRateCentsPerHour };
      const guard = (ticket: Ticket) =>
        Effect.flatMap(readTicket(principal, service, ticket, command.ticketId), () => check(principal, actionOf(command), service, ticket));
      switch (command.type) {
        case "Link": {
          const other = yield* Effect.mapError(otherTicket(decodedActor, command.other.serviceId, command.other.ticketId), (e) =>
            e._tag === "TicketNotFound" ? rejected("UnknownReference", `ticket ${command.other.ticketId} not found in service ${command.other.serviceId}`, { field: "other.ticketId", id: command.other.ticketId })
            : e._tag === "CommandRejected" && e.field === undefined ? rejected(e.code, e.message, { field: "other.serviceId", id: command.other.serviceId })
            : e);
          return yield* runOnTicket(deps, service, command.ticketId, command,
            (t) => Effect.flatMap(guard(t), () => decideOn(command, { ...ctx, other })(t)), now);
        }
        case "Merge": {
          const into = yield* Effect.mapError(Effect.flatMap(getOrFail(store, service, command.into), (t) => readTicket(principal, service, t, command.into)), (e) => e._tag !== "TicketNotFound" ? e :
            rejected("UnknownReference", `ticket ${command.into} not found in service ${service.id}`, { field: "into", id: command.into }));
          const ref: TicketRef = { serviceId: service.id, ticketId: into.id, number: into.number };
          const merged = yield* runOnTicket(deps, service, command.ticketId, command,
            (t) => Effect.flatMap(guard(t), () => decideOn(command, { ...ctx, other: ref })(t)), now);
          const back: TicketRef = { serviceId: service.id, ticketId: merged.id, number: merged.number };
          yield* runOnTicket(deps, service, into.id, undefined,
            (t) => Effect.succeed(t.links.some((l) => l.ticket.ticketId === back.ticketId) ? [] :
              [{ type: "Linked" as const, at: now, by: decodedActor, kind: "related" as const, ticket: back }]), now);
          return merged;
        }
        case "HandOff":
          return yield* handOff(deps, { service, principal, actor: decodedActor, command, now, serviceOf, guard });
        default: {
          const refs = yield* referenceFactsOf(store, service, command, principal, now);
          return yield* runOnTicket(deps, service, command.ticketId, command,
            (t, h) => Effect.flatMap(Effect.andThen(guard(t), tagTotal(command, t, service)), () => {
              const rated = command.type === "Rate" ? firstRatedAt(h) : undefined;
              return decideOn(command, { ...ctx, refs, ...(rated === undefined ? {} : { firstRatedAt: rated }) })(t);
            }), now);
        }
      }
    });

  // Tags added one command at a time still stop at the service's limit.
  const tagTotal = (command: Command, ticket: Ticket, service: Service): Effect.Effect<void, InvalidInput> => {
    if (command.type !== "UpdateFields" || command.addTags === undefined) return Effect.void;
    const after = new Set([...(command.tags ?? ticket.tags), ...command.addTags].map((t) => t.toLowerCase()));
    const issue = tagTotalIssue(after.size, limitsOf(service));
    return issue === undefined ? Effect.void : Effect.fail(invalidInput("command", [issue]));
  };

  const otherTicket = (actor: Actor, serviceId: ServiceId, ticketId: TicketId) =>
    Effect.gen(function* () {
      const { service, principal } = yield* readable(actor, serviceId);
      const t = yield* storeCall(() => store.getTicket(service.id, ticketId));
      const ticket = yield* readTicket(principal, service, t, ticketId);
      return { serviceId: service.id, ticketId: ticket.id, number: ticket.number } satisfies TicketRef;
    });

  const configure = <A extends { readonly id: string }>(schema: Parameters<typeof decodeInput>[0], what: string,
    serviceIds: (a: A) => ReadonlyArray<ServiceId>, put: (a: A) => Promise<void>,
    boundary?: (actor: Extract<Actor, { kind: "agent" | "contact" }>, value: A) => Effect.Effect<A, DeskError>,
    invariant?: (value: A) => Effect.Effect<void, DeskError>) =>
    (actorInput: Actor, input: unknown): Effect.Effect<A, DeskError> =>
      Effect.gen(function* () {
        const actor = yield* arg<Actor>(Actor, actorInput, "actor");
        let value = yield* decodeOr<A>(schema, input, what);
        if (actor.kind !== "system") {
          for (const serviceId of serviceIds(value)) {
            const { service, principal } = yield* readable(actor, serviceId);
            yield* check(principal, "service.configure", service);
          }
          if (boundary !== undefined) value = yield* boundary(actor, value);
          else if (serviceIds(value).length === 0) return yield* Effect.fail(new Forbidden({ message: `only the system may configure ${what}s`, action: "service.configure" }));
        }
        if (invariant !== undefined) yield* invariant(value);
        yield* storeCall(() => put(value));
        return value;
      });

  // A service key numbers its tickets and finds it in the CLI and mail set-up: one service per key,
  // whoever configures it (the system included).
  const uniqueServiceKey = (proposed: Service): Effect.Effect<void, DeskError> =>
    Effect.gen(function* () {
      const taken = (yield* storeCall(() => store.listServices())).find((s) => s.id !== proposed.id && s.key === proposed.key);
      if (taken !== undefined) return yield* Effect.fail(invalidInput("service", [{ path: "key", message: `key ${proposed.key} is already service ${taken.id}'s` }]));
    });

  const refuse = (refusal: DirectoryRefusal) =>
    Effect.fail(new Forbidden({ message: `${refusal.field}: ${refusal.message}`, action: "service.configure", field: refusal.field }));

  // An agent is shared by every service they belong to: an actor writes only what it administers (see agentChange).
  const agentBoundary = (actor: Extract<Actor, { kind: "agent" | "contact" }>, proposed: Agent): Effect.Effect<Agent, DeskError> =>
    Effect.gen(function* () {
      if (actor.kind !== "agent") return yield* Effect.fail(new Forbidden({ message: "only admins and the system may configure agents", action: "service.configure" }));
      const me = yield* storeCall(() => store.getAgent(actor.id));
      if (!me) return yield* Effect.fail(new Forbidden({ message: `unknown agent ${actor.id}`, action: "any" }));
      const administers = new Set(me.memberships.filter((m) => m.role === "admin").map((m) => m.serviceId));
      const stored = yield* storeCall(() => store.getAgent(proposed.id));
      const standing = [...proposed.memberships, ...(stored?.memberships ?? [])].some((m) => administers.has(m.serviceId));
      if (!standing) return yield* Effect.fail(new Forbidden({ message: `agent ${proposed.id} is in no service agent ${actor.id} administers`, action: "service.configure" }));
      const change = agentChange(administers, stored, proposed);
      return "field" in change ? yield* refuse(change) : change;
    });

  // The contact list of a service is the system's to change (see serviceChangeRefusal); its key's
  // uniqueness is everyone's rule (uniqueServiceKey).
  const serviceBoundary = (_actor: Actor, proposed: Service): Effect.Effect<Service, DeskError> =>
    Effect.gen(function* () {
      const stored = yield* serviceOf(proposed.id);
      const refusal = serviceChangeRefusal(stored, proposed);
      return refusal === undefined ? proposed : yield* refuse(refusal);
    });

  const configureDoc = (what: string, kind: "routing-rule" | "sla-policy" | "escalation-rule",
    validate: (input: unknown) => { id: string; doc: unknown } | InvalidInput) =>
    (actorInput: Actor, serviceIdInput: ServiceId, input: unknown): Effect.Effect<void, DeskError> =>
      Effect.gen(function* () {
        const actor = yield* arg<Actor>(Actor, actorInput, "actor");
        const serviceId = yield* arg<ServiceId>(ServiceId, serviceIdInput, "serviceId");
        if (actor.kind !== "system") {
          const { service, principal } = yield* readable(actor, serviceId);
          yield* check(principal, "service.configure", service);
        } else yield* serviceOf(serviceId);
        const valid = validate(input);
        if (valid instanceof InvalidInput) return yield* Effect.fail(new InvalidInput({ message: `invalid ${what}: ${valid.message}`, issues: valid.issues }));
        yield* storeCall(() => store.putConfig(serviceId, kind, valid.id, valid.doc));
        cache.invalidate(serviceId);
      });

  // Every read below returns viewOf(principal, …): what this actor may see, decided in one place.
  const getTicket = (actor: Actor, serviceId: ServiceId, ticketIdInput: TicketId) =>
    Effect.gen(function* () {
      const { service, principal } = yield* readable(actor, serviceId);
      const ticketId = yield* arg<TicketId>(TicketId, ticketIdInput, "ticketId");
      const t = yield* storeCall(() => store.getTicket(serviceId, ticketId));
      return viewOf(principal, service, yield* readTicket(principal, service, t, ticketId));
    });

  const getTicketByNumber = (actor: Actor, serviceId: ServiceId, numberInput: string) =>
    Effect.gen(function* () {
      const { service, principal } = yield* readable(actor, serviceId);
      const number = yield* arg<string>(SafeString, numberInput, "number");
      const t = yield* storeCall(() => store.getTicketByNumber(serviceId, number));
      return viewOf(principal, service, yield* readTicket(principal, service, t, number));
    });

  const listTickets = (actor: Actor, serviceId: ServiceId, queryInput: TicketQuery = {}) =>
    Effect.gen(function* () {
      const { service, principal } = yield* readable(actor, serviceId);
      const query = yield* arg<TicketQuery>(TicketQueryInput, queryInput, "query");
      yield* check(principal, "ticket.read", service, principal.kind === "contact" ? ({ requesterId: principal.contactId } as Ticket) : undefined);
      if (query.after !== undefined) {
        const ok = Effect.runSync(Effect.result(Effect.try(() => decodeCursor(query.after as string))))._tag === "Success";
        if (!ok) return yield* Effect.fail(invalidInput("query", [{ path: "after", message: "is not a cursor returned by this list" }]));
      }
      // Filtering by group or assignee would tell a contact who holds their ticket.
      if (principal.kind === "contact" && (query.groupId !== undefined || query.assigneeId !== undefined)) {
        return yield* Effect.fail(new Forbidden({ message: `${query.groupId !== undefined ? "groupId" : "assigneeId"}: contacts may not filter by assignment`, action: "ticket.read" }));
      }
      if (query.text !== undefined) {
        // Decoded like any input: a string of bounded length; the store binds it, folded, as a parameter.
        const text = decodeInput(SearchText, query.text, "query");
        if (text instanceof InvalidInput) return yield* Effect.fail(invalidInput("query", text.issues.map((i) => ({ path: i.path ? `query.text.${i.path}` : "query.text", message: i.message }))));
        if (store.capabilities.search !== true) return yield* Effect.fail(invalidInput("query", [{ path: "query.text", message: "this desk's store has no full-text search" }]));
      }
      // Contacts only ever see their own tickets, whatever filter they ask for; a search reads
      // internal notes only for staff (the audience is never the caller's to choose).
      const audience = audienceOf(principal, service) === "public" ? "public" : "staff";
      const { audience: _ignored, ...asked } = query;
      const scoped: TicketQuery = principal.kind === "contact" ? { ...asked, requesterId: principal.contactId, audience } : { ...asked, audience };
      const page = yield* storeCall(() => store.listTickets(serviceId, scoped));
      return { ...page, items: page.items.map((t) => viewOf(principal, service, t)) };
    });

  const history = (actor: Actor, serviceId: ServiceId, ticketIdInput: TicketId) =>
    Effect.gen(function* () {
      const { service, principal } = yield* readable(actor, serviceId);
      const ticketId = yield* arg<TicketId>(TicketId, ticketIdInput, "ticketId");
      const t = yield* storeCall(() => store.getTicket(serviceId, ticketId));
      yield* readTicket(principal, service, t, ticketId);
      return viewOf(principal, service, yield* storeCall(() => store.readEvents(serviceId, ticketId)));
    });

  return retryingShape({
    store,
    execute: execute as DeskShape["execute"],
    slaStatus: (actor, serviceId, ticketIdInput) =>
      Effect.gen(function* () {
        const { service, principal } = yield* readable(actor, serviceId);
        const ticketId = yield* arg<TicketId>(TicketId, ticketIdInput, "ticketId");
        // SLA targets, clocks and breaches are internal: they are no part of a contact's view.
        if (audienceOf(principal, service) === "public") {
          return yield* Effect.fail(new Forbidden({ message: "SLA status is not part of a contact's view of a ticket", action: "ticket.read" }));
        }
        const stored = yield* storeCall(() => store.readEvents(serviceId, ticketId));
        const history = stored.map((e) => e.event);
        const ticket = yield* readTicket(principal, service, fold(history), ticketId);
        const auto = yield* storeCall(() => cache.get(store, serviceId));
        const config = slaConfigFor(auto, ticket);
        if (config === null) return yield* Effect.fail(rejected("UnknownReference", `service ${serviceId} has no SLA policies`));
        const context = yield* storeCall(() => slaContextOf({ store, service }, ticket));
        const status = slaStatusOf(history, config, clock(), context);
        return { ...status, explanation: explainSla(status) };
      }),
    sweep: (sweepOptions = {}) =>
      Effect.gen(function* () {
        // The hooks are the host's functions: passed as they are, not walked.
        const { hooks: _hooks, ...decodable } = sweepOptions;
        yield* decodeOr(SweepOptionsInput, decodable, "sweep options");
        return yield* storeCall(() => sweepDue(store, cache, sweepOptions.now ?? clock(), { ...sweepOptions, hooks: [...(options.hooks ?? []), ...(sweepOptions.hooks ?? [])] }));
      }),
    simulate: (actorInput, optionsInput) =>
      Effect.gen(function* () {
        const actor = yield* arg<Actor>(Actor, actorInput, "actor");
        // The proposed rules and SLA are validated by the dry run itself, like configure's.
        const simulateOptions = yield* arg<SimulateOptions>(SimulateOptionsInput, optionsInput, "options");
        if (actor.kind !== "system") {
          const { service, principal } = yield* readable(actor, simulateOptions.serviceId);
          yield* check(principal, "service.configure", service);
        }
        const report = yield* storeCall(() => simulateService(store, simulateOptions));
        return report instanceof InvalidInput ? yield* Effect.fail(report) : report;
      }),
    getTicket: getTicket as DeskShape["getTicket"],
    getTicketByNumber: getTicketByNumber as DeskShape["getTicketByNumber"],
    listTickets: listTickets as DeskShape["listTickets"],
    history: history as DeskShape["history"],
    handOffExcerpt: (actor, serviceId, ticketIdInput) =>
      Effect.gen(function* () {
        const { service, principal } = yield* readable(actor, serviceId);
        const ticketId = yield* arg<TicketId>(TicketId, ticketIdInput, "ticketId");
        // The excerpt holds internal notes and costs: agents' reading only.
        if (principal.kind === "contact") return yield* Effect.fail(new Forbidden({ message: "contacts may not read hand-off excerpts", action: "ticket.read" }));
        const stored = yield* storeCall(() => store.readEvents(serviceId, ticketId));
        const history = stored.map((e) => e.event);
        yield* readTicket(principal, service, fold(history), ticketId);
        const excerpt = excerptIn(history);
        // Through the one view function: an agent whose role may not see cost gets the amounts as null.
        return excerpt === null ? null : (viewOf(principal, service, [excerpt])[0] as StaffHandOffReceived);
      }),
    configure: {
      service: configure<Service>(Service, "service", (s) => [s.id], (s) => store.putService(s), serviceBoundary, uniqueServiceKey),
      contactList: configure<ContactList>(ContactList, "contact list", () => [], (l) => store.putContactList(l)),
      contact: configure<Contact>(Contact, "contact", () => [], (c) => store.putContact(c)),
      organization: configure<Organization>(Organization, "organization", () => [], (o) => store.putOrganization(o)),
      group: configure<Group>(Group, "group", (g) => [g.serviceId], (g) => store.putGroup(g)),
      // Which services an agent document touches is decided against the stored agent, in agentBoundary.
      agent: configure<Agent>(Agent, "agent", () => [], (a) => store.putAgent(a), agentBoundary),
      routingRules: configureDoc("routing rules", configKeys.routing.kind, (input) => {
        const rules = validateRules(input);
        return rules instanceof InvalidInput ? rules : { id: configKeys.routing.id, doc: rules };
      }),
      sla: configureDoc("SLA set-up", configKeys.sla.kind, (input) => {
        const compiled = compileSlaSetup(input);
        return compiled instanceof InvalidInput ? compiled : { id: configKeys.sla.id, doc: compiled.setup };
      }),
      escalationRule: configureDoc("escalation rule", "escalation-rule", (input) => {
        const rule = decodeInput(EscalationRule, input, "escalation rule");
        return rule instanceof InvalidInput ? rule : { id: rule.id, doc: rule };
      }),
    },
  }, retrying);
}

const isTransient = (e: DeskError): boolean => e instanceof StoreError && e.isRetryable && e.reason !== "VersionConflict";

// The Desk's operations go through `retrying`; the store is passed as is.
const retryingShape = (shape: DeskShape, retrying: <A>(e: Effect.Effect<A, DeskError>) => Effect.Effect<A, DeskError>): DeskShape => {
  const wrap = <F extends (...args: never[]) => Effect.Effect<unknown, DeskError>>(f: F): F =>
    ((...args: Parameters<F>) => retrying(f(...args))) as F;
  const configure = Object.fromEntries(Object.entries(shape.configure).map(([k, f]) => [k, wrap(f)])) as unknown as DeskShape["configure"];
  return {
    ...shape,
    // execute retries itself: it keeps one command id across its tries.
    execute: shape.execute,
    getTicket: wrap(shape.getTicket),
    getTicketByNumber: wrap(shape.getTicketByNumber),
    listTickets: wrap(shape.listTickets),
    history: wrap(shape.history),
    slaStatus: wrap(shape.slaStatus),
    sweep: wrap(shape.sweep),
    handOffExcerpt: wrap(shape.handOffExcerpt),
    simulate: wrap(shape.simulate),
    configure,
  };
};

export type { CommandOf, CommandRejected };
