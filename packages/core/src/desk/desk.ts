import * as Context from "effect/Context";
import * as Effect from "effect/Effect";
import * as Duration from "effect/Duration";
import * as Layer from "effect/Layer";
import * as Schedule from "effect/Schedule";
import { Actor } from "../auth/actor";
import type { Principal } from "../auth/authorize";
import type { OrganizationId, ServiceId, TicketId } from "../ids/ids";
import { Agent, Contact, ContactList, Group, Organization, Service } from "../service/schema";
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
import { actionOf, check, decideOn, type ExecuteDeps, getOrFail, openNew, runOnTicket } from "./execute";
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
import { simulateService, type DeskSimulation, type SimulateOptions } from "./simulate";

/** How a Desk is built: the store it writes to, and the policies it runs on every change. */
export interface DeskOptions {
  readonly store: Store;
  /** Policies run after every decided change (routing, SLA, escalation deadlines), in order. */
  readonly hooks?: ReadonlyArray<DeskHook>;
  /** The clock, in epoch ms; tests and imports pass their own. */
  readonly clock?: () => number;
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
   * (default 3; 0 = never), waiting `baseDelayMs` (default 50) doubled each time. Then the
   * `StoreError` is reported as it is.
   */
  readonly storeRetry?: { readonly times?: number; readonly baseDelayMs?: number };
}

/** Options of a single command run. */
export interface RunOptions {
  /** When the command happened; only the system actor may set it (imports, replays). */
  readonly at?: number;
}

/**
 * The operations of the Desk; every one takes the acting `Actor` and is authorised. Every ticket or history
 * it returns is `viewOf(actor, …)`: its type follows the actor's kind (`TicketViewFor`), so a contact's read is a
 * `PublicTicket` without cost or assignment fields, an agent's a `StaffTicket` (cost null for roles that may not
 * see it), the system's the whole `Ticket`. An `Actor` of unknown kind gets the union of the three.
 */
export interface DeskShape {
  /** Runs any ticket command (decoded from unknown input) and returns the ticket after it, as the actor sees it. */
  readonly execute: <A extends Actor>(actor: A, command: unknown, options?: RunOptions) => Effect.Effect<TicketViewFor<A["kind"]>, DeskError>;
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
  /** Creates or updates directory entries; only admins of the service (or the system) may. */
  readonly configure: {
    readonly service: (actor: Actor, input: unknown) => Effect.Effect<Service, DeskError>;
    readonly contactList: (actor: Actor, input: unknown) => Effect.Effect<ContactList, DeskError>;
    readonly contact: (actor: Actor, input: unknown) => Effect.Effect<Contact, DeskError>;
    readonly organization: (actor: Actor, input: unknown) => Effect.Effect<Organization, DeskError>;
    readonly group: (actor: Actor, input: unknown) => Effect.Effect<Group, DeskError>;
    readonly agent: (actor: Actor, input: unknown) => Effect.Effect<Agent, DeskError>;
    /** Replaces a service's ordered routing rules; an error names the rule and the field. */
    readonly routingRules: (actor: Actor, serviceId: ServiceId, rules: unknown) => Effect.Effect<void, DeskError>;
    /** Replaces a service's SLA set-up: policies, calendars, re-targeting mode. */
    readonly sla: (actor: Actor, serviceId: ServiceId, setup: unknown) => Effect.Effect<void, DeskError>;
    /** Adds or replaces one escalation rule of a service. */
    readonly escalationRule: (actor: Actor, serviceId: ServiceId, rule: unknown) => Effect.Effect<void, DeskError>;
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

  const retryTimes = options.storeRetry?.times ?? 3;
  const retrySchedule = Schedule.exponential(Duration.millis(options.storeRetry?.baseDelayMs ?? 50));
  // A whole operation is retried, so it reloads and decides again on what the store then holds.
  const retrying = <A>(effect: Effect.Effect<A, DeskError>): Effect.Effect<A, DeskError> =>
    retryTimes <= 0 ? effect : effect.pipe(Effect.retry({ while: isTransient, times: retryTimes, schedule: retrySchedule }));

  const serviceOf = (serviceId: ServiceId) =>
    Effect.flatMap(storeCall(() => store.getService(serviceId)), (s) =>
      s ? Effect.succeed(s) : Effect.fail(rejected("UnknownReference", `service ${serviceId} does not exist`)));

  const readable = (actor: Actor, serviceId: ServiceId) =>
    Effect.gen(function* () {
      const service = yield* serviceOf(serviceId);
      const principal = yield* resolvePrincipal(store, actor, service);
      // An agent outside the service is refused outright; contacts learn nothing about others' tickets.
      if (principal.kind === "agent") yield* check(principal, "ticket.read", service);
      return { service, principal };
    });

  // A missing ticket is not found; someone else's ticket is forbidden (agents outside the service never get here).
  const readTicket = (principal: Principal, service: Service, ticket: Ticket | undefined, ref: string): Effect.Effect<Ticket, DeskError> =>
    ticket ? Effect.as(check(principal, "ticket.read", service, ticket), ticket) : Effect.fail(ticketNotFound(service.id, ref));

  const execute = (actor: Actor, input: unknown, run?: RunOptions): Effect.Effect<Ticket | StaffTicket | PublicTicket, DeskError> =>
    Effect.gen(function* () {
      const decodedActor = yield* decodeOr<Actor>(Actor, actor, "actor");
      const command = yield* decodeOr<Command>(Command, input, "command");
      if (run?.at !== undefined && decodedActor.kind !== "system") {
        return yield* Effect.fail(new Forbidden({ message: "only the system actor may set the time of a command", action: "backdate" }));
      }
      const now = run?.at ?? clock();
      const service = yield* serviceOf(command.serviceId);
      const principal = yield* resolvePrincipal(store, decodedActor, service);
      const after = yield* decideAndWrite(decodedActor, principal, service, command, now);
      return viewOf(principal, service, after);
    });

  const decideAndWrite = (decodedActor: Actor, principal: Principal, service: Service, command: Command, now: number): Effect.Effect<Ticket, DeskError> =>
    Effect.gen(function* () {
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
            (t, h) => Effect.flatMap(guard(t), () => {
              const rated = command.type === "Rate" ? firstRatedAt(h) : undefined;
              return decideOn(command, { ...ctx, refs, ...(rated === undefined ? {} : { firstRatedAt: rated }) })(t);
            }), now);
        }
      }
    });

  const otherTicket = (actor: Actor, serviceId: ServiceId, ticketId: TicketId) =>
    Effect.gen(function* () {
      const { service, principal } = yield* readable(actor, serviceId);
      const t = yield* storeCall(() => store.getTicket(service.id, ticketId));
      const ticket = yield* readTicket(principal, service, t, ticketId);
      return { serviceId: service.id, ticketId: ticket.id, number: ticket.number } satisfies TicketRef;
    });

  const configure = <A extends { readonly id: string }>(schema: Parameters<typeof decodeInput>[0], what: string,
    serviceIds: (a: A) => ReadonlyArray<ServiceId>, put: (a: A) => Promise<void>) =>
    (actor: Actor, input: unknown): Effect.Effect<A, DeskError> =>
      Effect.gen(function* () {
        const value = yield* decodeOr<A>(schema, input, what);
        if (actor.kind !== "system") {
          for (const serviceId of serviceIds(value)) {
            const { service, principal } = yield* readable(actor, serviceId);
            yield* check(principal, "service.configure", service);
          }
          if (serviceIds(value).length === 0) return yield* Effect.fail(new Forbidden({ message: `only the system may configure ${what}s`, action: "service.configure" }));
        }
        yield* storeCall(() => put(value));
        return value;
      });

  const configureDoc = (what: string, kind: "routing-rule" | "sla-policy" | "escalation-rule",
    validate: (input: unknown) => { id: string; doc: unknown } | InvalidInput) =>
    (actor: Actor, serviceId: ServiceId, input: unknown): Effect.Effect<void, DeskError> =>
      Effect.gen(function* () {
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
  const getTicket = (actor: Actor, serviceId: ServiceId, ticketId: TicketId) =>
    Effect.gen(function* () {
      const { service, principal } = yield* readable(actor, serviceId);
      const t = yield* storeCall(() => store.getTicket(serviceId, ticketId));
      return viewOf(principal, service, yield* readTicket(principal, service, t, ticketId));
    });

  const getTicketByNumber = (actor: Actor, serviceId: ServiceId, number: string) =>
    Effect.gen(function* () {
      const { service, principal } = yield* readable(actor, serviceId);
      const t = yield* storeCall(() => store.getTicketByNumber(serviceId, number));
      return viewOf(principal, service, yield* readTicket(principal, service, t, number));
    });

  const listTickets = (actor: Actor, serviceId: ServiceId, query: TicketQuery = {}) =>
    Effect.gen(function* () {
      const { service, principal } = yield* readable(actor, serviceId);
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
        if (text instanceof InvalidInput) return yield* Effect.fail(invalidInput("query", text.issues.map((i) => ({ path: i.path ? `text.${i.path}` : "text", message: i.message }))));
        if (store.capabilities.search !== true) return yield* Effect.fail(invalidInput("query", [{ path: "text", message: "this desk's store has no full-text search" }]));
      }
      // Contacts only ever see their own tickets, whatever filter they ask for; a search reads
      // internal notes only for staff (the audience is never the caller's to choose).
      const audience = audienceOf(principal, service) === "public" ? "public" : "staff";
      const { audience: _ignored, ...asked } = query;
      const scoped: TicketQuery = principal.kind === "contact" ? { ...asked, requesterId: principal.contactId, audience } : { ...asked, audience };
      const page = yield* storeCall(() => store.listTickets(serviceId, scoped));
      return { ...page, items: page.items.map((t) => viewOf(principal, service, t)) };
    });

  const history = (actor: Actor, serviceId: ServiceId, ticketId: TicketId) =>
    Effect.gen(function* () {
      const { service, principal } = yield* readable(actor, serviceId);
      const t = yield* storeCall(() => store.getTicket(serviceId, ticketId));
      yield* readTicket(principal, service, t, ticketId);
      return viewOf(principal, service, yield* storeCall(() => store.readEvents(serviceId, ticketId)));
    });

  return retryingShape({
    store,
    execute: execute as DeskShape["execute"],
    slaStatus: (actor, serviceId, ticketId) =>
      Effect.gen(function* () {
        const { service, principal } = yield* readable(actor, serviceId);
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
      storeCall(() => sweepDue(store, cache, sweepOptions.now ?? clock(), { ...sweepOptions, hooks: [...(options.hooks ?? []), ...(sweepOptions.hooks ?? [])] })),
    simulate: (actor, simulateOptions) =>
      Effect.gen(function* () {
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
    handOffExcerpt: (actor, serviceId, ticketId) =>
      Effect.gen(function* () {
        const { service, principal } = yield* readable(actor, serviceId);
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
      service: configure<Service>(Service, "service", (s) => [s.id], (s) => store.putService(s)),
      contactList: configure<ContactList>(ContactList, "contact list", () => [], (l) => store.putContactList(l)),
      contact: configure<Contact>(Contact, "contact", () => [], (c) => store.putContact(c)),
      organization: configure<Organization>(Organization, "organization", () => [], (o) => store.putOrganization(o)),
      group: configure<Group>(Group, "group", (g) => [g.serviceId], (g) => store.putGroup(g)),
      agent: configure<Agent>(Agent, "agent", (a) => a.memberships.map((m) => m.serviceId), (a) => store.putAgent(a)),
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
    execute: wrap(shape.execute),
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
