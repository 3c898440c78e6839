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

/**
 * Runs an Effect and throws its typed failure as is (each is an `Error` subclass with a `_tag`).
 * @example const ticket = await runOrThrow(desk.effect.getTicket(ana, serviceId, ticketId))
 */
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
 * @example
 * const desk: PromiseDesk = createDesk({ store: memoryStore() })
 * const ticket = await desk.getTicketByNumber(agent, "svc-support", "IT-000001")
 */
export interface PromiseDesk {
  /** The same Desk as Effects (`DeskShape`), for hosts that compose with Effect. */
  readonly effect: DeskShape;
  /** The store the Desk reads and writes. */
  readonly store: Store;
  /**
   * Runs any ticket command (typed as the commands' Encoded side and still decoded at run time: a bad one is `InvalidInput`) and returns
   * the ticket after it, as the actor sees it. The named methods below are the same with `type` set.
   * @example await desk.execute(ana, { type: "ChangeStatus", serviceId: "svc-support", ticketId: t.id, status: "resolved" })
   */
  execute<A extends Actor>(actor: A, command: AnyCommandInput, options?: RunOptions): Promise<View<A>>;
  /**
   * Opens a ticket from any channel: numbered, prioritised (impact × urgency), routed and put under its SLA.
   * @example const t = await desk.openTicket(ana, { serviceId: "svc-support", subject: "VPN down", channel: "phone", requesterId: "c-1" })
   */
  openTicket<A extends Actor>(actor: A, input: Input<"OpenTicket">, options?: RunOptions): Promise<View<A>>;
  /**
   * Adds a customer message, a public reply or an internal note (`kind`).
   * @example await desk.addMessage(ana, { serviceId: "svc-support", ticketId: t.id, kind: "reply", body: "We're on it." })
   */
  addMessage<A extends Actor>(actor: A, input: Input<"AddMessage">, options?: RunOptions): Promise<View<A>>;
  /**
   * Sets the ticket's group and/or agent (`null` clears one).
   * @example await desk.assign(ana, { serviceId: "svc-support", ticketId: t.id, groupId: "g-l2", agentId: "ag-bo" })
   */
  assign<A extends Actor>(actor: A, input: Input<"Assign">, options?: RunOptions): Promise<View<A>>;
  /**
   * Moves the ticket to another group or level, saying why.
   * @example await desk.transfer(ana, { serviceId: "svc-support", ticketId: t.id, toGroupId: "g-network", reason: "a router fault" })
   */
  transfer<A extends Actor>(actor: A, input: Input<"Transfer">, options?: RunOptions): Promise<View<A>>;
  /**
   * Sets the priority, or the impact and urgency it is derived from.
   * @example await desk.changePriority(ana, { serviceId: "svc-support", ticketId: t.id, impact: "high", urgency: "high" })
   */
  changePriority<A extends Actor>(actor: A, input: Input<"ChangePriority">, options?: RunOptions): Promise<View<A>>;
  /**
   * Changes the subject, category, type, tags or custom fields.
   * @example await desk.updateFields(ana, { serviceId: "svc-support", ticketId: t.id, addTags: ["vpn"] })
   */
  updateFields<A extends Actor>(actor: A, input: Input<"UpdateFields">, options?: RunOptions): Promise<View<A>>;
  /**
   * Moves the ticket through its life cycle (`IllegalTransition` for a move the status rules forbid).
   * @example await desk.changeStatus(ana, { serviceId: "svc-support", ticketId: t.id, status: "resolved", reason: "router replaced" })
   */
  changeStatus<A extends Actor>(actor: A, input: Input<"ChangeStatus">, options?: RunOptions): Promise<View<A>>;
  /**
   * Reopens a resolved ticket within the service's reopen window.
   * @example await desk.reopen(ana, { serviceId: "svc-support", ticketId: t.id, reason: "it dropped again" })
   */
  reopen<A extends Actor>(actor: A, input: Input<"Reopen">, options?: RunOptions): Promise<View<A>>;
  /**
   * Links the ticket to another (parent, child or related), which may be in another service the actor can see.
   * @example await desk.link(ana, { serviceId: "svc-support", ticketId: t.id, kind: "related", other: { serviceId: "svc-support", ticketId: u.id } })
   */
  link<A extends Actor>(actor: A, input: Input<"Link">, options?: RunOptions): Promise<View<A>>;
  /**
   * Merges the ticket into another of the same service; this one closes.
   * @example await desk.merge(ana, { serviceId: "svc-support", ticketId: duplicate.id, into: t.id })
   */
  merge<A extends Actor>(actor: A, input: Input<"Merge">, options?: RunOptions): Promise<View<A>>;
  /**
   * Records time worked on the ticket, billable or not.
   * @example await desk.logTime(ana, { serviceId: "svc-support", ticketId: t.id, minutes: 30, billable: true })
   */
  logTime<A extends Actor>(actor: A, input: Input<"LogTime">, options?: RunOptions): Promise<View<A>>;
  /**
   * Records the requester's satisfaction score (1–5).
   * @example await desk.rate(carla, { serviceId: "svc-support", ticketId: t.id, score: 5 })
   */
  rate<A extends Actor>(actor: A, input: Input<"Rate">, options?: RunOptions): Promise<View<A>>;
  /**
   * Hands a closed ticket to another service, which opens a linked receiving ticket with a read-only excerpt of the history.
   * @example await desk.handOff(ana, { serviceId: "svc-support", ticketId: t.id, toServiceId: "svc-billing", reason: "a refund" })
   */
  handOff<A extends Actor>(actor: A, input: Input<"HandOff">, options?: RunOptions): Promise<View<A>>;
  /**
   * A ticket as the actor sees it; `Forbidden` for a ticket of someone else (contacts) or another service (agents).
   * @example const t = await desk.getTicket(ana, "svc-support", ticketId)
   */
  getTicket<A extends Actor>(actor: A, serviceId: string, ticketId: string): Promise<View<A>>;
  /**
   * A ticket by its number, as the actor sees it.
   * @example const t = await desk.getTicketByNumber(ana, "svc-support", "IT-000001")
   */
  getTicketByNumber<A extends Actor>(actor: A, serviceId: string, number: string): Promise<View<A>>;
  /**
   * A page of tickets as the actor sees them, newest first; a contact lists only their own.
   * @example const { items, nextCursor } = await desk.listTickets(ana, "svc-support", { active: true, limit: 20 })
   */
  listTickets<A extends Actor>(actor: A, serviceId: string, query?: TicketQuery): Promise<Page<View<A>>>;
  /**
   * A ticket's history as the actor sees it: a contact gets only the public events.
   * @example for (const { event } of await desk.history(ana, "svc-support", t.id)) console.log(event.type)
   */
  history<A extends Actor>(actor: A, serviceId: string, ticketId: string): Promise<HistoryViewFor<A["kind"]>>;
  /** The read-only excerpt a hand-off attached to a receiving ticket, or `null`; agents of the receiving service only. */
  handOffExcerpt(actor: Actor, serviceId: string, ticketId: string): Promise<StaffHandOffReceived | null>;
  /** Creates or replaces configuration; only admins of the service (or the system) may. */
  configure: {
    /**
     * Creates or replaces a service; `InvalidInput` names the field of a bad one.
     * @example await desk.configure.service(system, { id: "svc-support", key: "IT", name: "Customer Support", contactListId: "cl-1", settings: defaultServiceSettings })
     */
    service(actor: Actor, input: ServiceInput): Promise<Service>;
    /**
     * Creates or replaces a contact list (contacts and organisations a service's requesters come from).
     * @example await desk.configure.contactList(system, { id: "cl-1", name: "Customers" })
     */
    contactList(actor: Actor, input: ContactListInput): Promise<ContactList>;
    /**
     * Creates or replaces a contact of a contact list.
     * @example await desk.configure.contact(system, { id: "c-1", contactListId: "cl-1", name: "Carla", emails: ["carla@acme.example"], phones: [] })
     */
    contact(actor: Actor, input: ContactInput): Promise<Contact>;
    /**
     * Creates or replaces an organisation, found by its email domains.
     * @example await desk.configure.organization(system, { id: "org-acme", contactListId: "cl-1", name: "Acme", domains: ["acme.example"] })
     */
    organization(actor: Actor, input: OrganizationInput): Promise<Organization>;
    /**
     * Creates or replaces a group of a service.
     * @example await desk.configure.group(system, { id: "g-l1", serviceId: "svc-support", name: "First line", level: "1", members: ["ag-ana"] })
     */
    group(actor: Actor, input: GroupInput): Promise<Group>;
    /**
     * Creates or replaces an agent with their service memberships, skills and absences.
     * @example await desk.configure.agent(system, { id: "ag-ana", name: "Ana", email: "ana@it.example", memberships: [{ serviceId: "svc-support", role: "agent" }], skills: [], absences: [] })
     */
    agent(actor: Actor, input: AgentInput): Promise<Agent>;
    /**
     * Replaces a service's ordered routing rules; an error names the rule and the field.
     * @example await desk.configure.routingRules(admin, "svc-support", rules) // see docs/routing.md
     */
    routingRules(actor: Actor, serviceId: string, rules: RoutingRulesInput): Promise<void>;
    /**
     * Replaces a service's SLA set-up: policies, calendars, re-targeting mode.
     * @example await desk.configure.sla(admin, "svc-support", { calendars, policies }) // see docs/sla.md
     */
    sla(actor: Actor, serviceId: string, setup: SlaSetupInput): Promise<void>;
    /**
     * Adds or replaces one escalation rule of a service, by its id.
     * @example await desk.configure.escalationRule(admin, "svc-support", ladder)
     */
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
