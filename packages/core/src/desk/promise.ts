import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import type { Actor } from "../auth/actor";
import type { ServiceId, TicketId } from "../ids/ids";
import type { Page, Store, TicketQuery } from "../store/port";
import type { CommandInput, CommandType } from "../ticket/commands";
import type { StoredEvent } from "../ticket/events";
import type { StaffHandOffReceived } from "../view/staff-view";
import type { Ticket } from "../ticket/schema";
import type { Agent, Contact, ContactList, Group, Organization, Service } from "../service/schema";
import { type DeskOptions, type DeskShape, makeDesk, type RunOptions } from "./desk";
import type { DeskSweepReport, SweepOptions } from "../automation";
import type { SlaStatus } from "../sla";
import type { HistoryViewFor, TicketViewFor } from "../view/view-of";
import type { DeskSimulation, SimulateOptions } from "./simulate";
import type { AgentInput, AnyCommandInput, ContactInput, ContactListInput, EscalationRuleInput, GroupInput, OrganizationInput,
  RoutingRulesInput, ServiceInput, SlaSetupInput } from "./inputs";

/** Runs an Effect and throws its typed failure as is (each is an `Error` subclass with a `_tag`). */
export const runOrThrow = async <A>(effect: Effect.Effect<A, unknown>): Promise<A> => {
  const exit = await Effect.runPromiseExit(effect);
  if (Exit.isSuccess(exit)) return exit.value;
  throw Cause.squash(exit.cause);
};

type Input<T extends CommandType> = Omit<CommandInput<T>, "type">;

type View<A extends Actor> = TicketViewFor<A["kind"]>;

// The command of type T; TypeScript does not follow a spread into a member of a generic union.
const withType = <T extends CommandType>(type: T, input: Input<T>): AnyCommandInput => ({ ...input, type }) as unknown as AnyCommandInput;

/**
 * The Desk for hosts that do not use Effect: every method returns a Promise and throws typed errors.
 * Tickets and histories come back as the actor sees them (`viewOf`): typed by the actor's kind, as in `DeskShape`.
 */
export interface PromiseDesk {
  readonly effect: DeskShape;
  readonly store: Store;
  /** Runs any command (`{ type: "Reopen", … }`); typed as the commands' Encoded side and still decoded at run time. */
  execute<A extends Actor>(actor: A, command: AnyCommandInput, options?: RunOptions): Promise<View<A>>;
  openTicket<A extends Actor>(actor: A, input: Input<"OpenTicket">, options?: RunOptions): Promise<View<A>>;
  addMessage<A extends Actor>(actor: A, input: Input<"AddMessage">, options?: RunOptions): Promise<View<A>>;
  assign<A extends Actor>(actor: A, input: Input<"Assign">, options?: RunOptions): Promise<View<A>>;
  transfer<A extends Actor>(actor: A, input: Input<"Transfer">, options?: RunOptions): Promise<View<A>>;
  changePriority<A extends Actor>(actor: A, input: Input<"ChangePriority">, options?: RunOptions): Promise<View<A>>;
  updateFields<A extends Actor>(actor: A, input: Input<"UpdateFields">, options?: RunOptions): Promise<View<A>>;
  changeStatus<A extends Actor>(actor: A, input: Input<"ChangeStatus">, options?: RunOptions): Promise<View<A>>;
  reopen<A extends Actor>(actor: A, input: Input<"Reopen">, options?: RunOptions): Promise<View<A>>;
  link<A extends Actor>(actor: A, input: Input<"Link">, options?: RunOptions): Promise<View<A>>;
  merge<A extends Actor>(actor: A, input: Input<"Merge">, options?: RunOptions): Promise<View<A>>;
  logTime<A extends Actor>(actor: A, input: Input<"LogTime">, options?: RunOptions): Promise<View<A>>;
  rate<A extends Actor>(actor: A, input: Input<"Rate">, options?: RunOptions): Promise<View<A>>;
  handOff<A extends Actor>(actor: A, input: Input<"HandOff">, options?: RunOptions): Promise<View<A>>;
  getTicket<A extends Actor>(actor: A, serviceId: string, ticketId: string): Promise<View<A>>;
  getTicketByNumber<A extends Actor>(actor: A, serviceId: string, number: string): Promise<View<A>>;
  listTickets<A extends Actor>(actor: A, serviceId: string, query?: TicketQuery): Promise<Page<View<A>>>;
  history<A extends Actor>(actor: A, serviceId: string, ticketId: string): Promise<HistoryViewFor<A["kind"]>>;
  /** The read-only excerpt a hand-off attached to a receiving ticket, or `null`; agents of the receiving service only. */
  handOffExcerpt(actor: Actor, serviceId: string, ticketId: string): Promise<StaffHandOffReceived | null>;
  /** Creates or updates directory entries and automation; inputs typed as their Schemas' Encoded side, still decoded. */
  configure: {
    service(actor: Actor, input: ServiceInput): Promise<Service>;
    contactList(actor: Actor, input: ContactListInput): Promise<ContactList>;
    contact(actor: Actor, input: ContactInput): Promise<Contact>;
    organization(actor: Actor, input: OrganizationInput): Promise<Organization>;
    group(actor: Actor, input: GroupInput): Promise<Group>;
    agent(actor: Actor, input: AgentInput): Promise<Agent>;
    routingRules(actor: Actor, serviceId: string, rules: RoutingRulesInput): Promise<void>;
    sla(actor: Actor, serviceId: string, setup: SlaSetupInput): Promise<void>;
    escalationRule(actor: Actor, serviceId: string, rule: EscalationRuleInput): Promise<void>;
  };
  /** The full SLA status of a ticket now, with its explanation. */
  slaStatus(actor: Actor, serviceId: string, ticketId: string): Promise<SlaStatus & { readonly explanation: ReadonlyArray<string> }>;
  /** Records SLA breaches and escalations on due tickets; safe to run from several processes at once. */
  sweep(options?: SweepOptions & { readonly now?: number }): Promise<DeskSweepReport>;
  /** Replays a service's history through proposed rules and SLA, writing nothing; admins and the system only. */
  simulate(actor: Actor, options: Omit<SimulateOptions, "serviceId"> & { readonly serviceId: string }): Promise<DeskSimulation>;
}

/**
 * Creates a Desk with a Promise API over the store the host opened: `memoryStore()`, or a database
 * through an adapter (`(await openStore("sqlite:desk.sqlite")).store` from `@spoc/store-kysely`).
 * @example
 * const desk = createDesk({ store: memoryStore() })
 * const ticket = await desk.openTicket(agent, { serviceId: "svc-support", subject: "VPN down", channel: "phone", requesterId: "c-1" })
 */
export function createDesk(options: DeskOptions): PromiseDesk {
  const d = makeDesk(options);
  const cmd = <T extends CommandType>(type: T) =>
    <A extends Actor>(actor: A, input: Input<T>, run?: RunOptions) => runOrThrow(d.execute(actor, withType(type, input), run));
  return {
    effect: d,
    store: d.store,
    execute: (actor, command, run) => runOrThrow(d.execute(actor, command, run)),
    openTicket: cmd("OpenTicket"),
    addMessage: cmd("AddMessage"),
    assign: cmd("Assign"),
    transfer: cmd("Transfer"),
    changePriority: cmd("ChangePriority"),
    updateFields: cmd("UpdateFields"),
    changeStatus: cmd("ChangeStatus"),
    reopen: cmd("Reopen"),
    link: cmd("Link"),
    merge: cmd("Merge"),
    logTime: cmd("LogTime"),
    rate: cmd("Rate"),
    handOff: cmd("HandOff"),
    getTicket: (actor, s, t) => runOrThrow(d.getTicket(actor, s as ServiceId, t as TicketId)),
    getTicketByNumber: (actor, s, n) => runOrThrow(d.getTicketByNumber(actor, s as ServiceId, n)),
    listTickets: (actor, s, q) => runOrThrow(d.listTickets(actor, s as ServiceId, q)),
    history: (actor, s, t) => runOrThrow(d.history(actor, s as ServiceId, t as TicketId)),
    handOffExcerpt: (actor, s, t) => runOrThrow(d.handOffExcerpt(actor, s as ServiceId, t as TicketId)),
    configure: {
      service: (a, i) => runOrThrow(d.configure.service(a, i)),
      contactList: (a, i) => runOrThrow(d.configure.contactList(a, i)),
      contact: (a, i) => runOrThrow(d.configure.contact(a, i)),
      organization: (a, i) => runOrThrow(d.configure.organization(a, i)),
      group: (a, i) => runOrThrow(d.configure.group(a, i)),
      agent: (a, i) => runOrThrow(d.configure.agent(a, i)),
      routingRules: (a, s, r) => runOrThrow(d.configure.routingRules(a, s as ServiceId, r)),
      sla: (a, s, r) => runOrThrow(d.configure.sla(a, s as ServiceId, r)),
      escalationRule: (a, s, r) => runOrThrow(d.configure.escalationRule(a, s as ServiceId, r)),
    },
    slaStatus: (actor, s, t) => runOrThrow(d.slaStatus(actor, s as ServiceId, t as TicketId)),
    sweep: (o) => runOrThrow(d.sweep(o)),
    simulate: (actor, o) => runOrThrow(d.simulate(actor, { ...o, serviceId: o.serviceId as ServiceId })),
  };
}
