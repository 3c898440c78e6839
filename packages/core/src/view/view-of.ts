import type { Principal } from "../auth/authorize";
import type { Service } from "../service/schema";
import type { StoredEvent, TicketEvent } from "../ticket/events";
import type { Ticket } from "../ticket/schema";
import { type PublicEvent, publicEventOf, type PublicStoredEvent } from "./public-events";
import { type PublicTicket, publicTicketOf } from "./public-ticket";
import { eventWithoutCost, type StaffEvent, type StaffStoredEvent, type StaffTicket, withoutCost } from "./staff-view";
import { audienceOf, visibilityOf } from "./visibility";

/**
 * The kinds of actor and principal.
 * @example
 * const kind: ActorKind = actor.kind // "agent" | "contact" | "system"
 */
export type ActorKind = "agent" | "contact" | "system";

/**
 * What an actor of a kind reads of a ticket: contacts the public side, agents the staff view, the system all.
 * @example
 * const mine: TicketViewFor<"contact"> = await desk.getTicket(Actor.contact("c-carla", { contactListId: "cl-customers" }), serviceId, ticketId)
 */
export type TicketViewFor<K extends ActorKind> = K extends "contact" ? PublicTicket : K extends "agent" ? StaffTicket : Ticket;
/**
 * What an actor of a kind reads of an event.
 * @example
 * const events: ReadonlyArray<EventViewFor<"contact">> = viewOf(principal, service, history.map((s) => s.event))
 */
export type EventViewFor<K extends ActorKind> = K extends "contact" ? PublicEvent : K extends "agent" ? StaffEvent : TicketEvent;
/**
 * What an actor of a kind reads of a stored history.
 * @example
 * const history: HistoryViewFor<"agent"> = await desk.history(Actor.agent("ag-ana"), serviceId, ticketId)
 */
export type HistoryViewFor<K extends ActorKind> = ReadonlyArray<K extends "contact" ? PublicStoredEvent : K extends "agent" ? StaffStoredEvent : StoredEvent>;

const isStored = (e: StoredEvent | TicketEvent): e is StoredEvent => "event" in e && "version" in e;

/**
 * What a principal sees of a ticket, of a stored history, or of a list of events, in a service. Pure, and the only
 * place that decides it: the Desk passes every read through it, and the email channel builds customer mail from it.
 * Contacts get the public side (whitelisted fields and event types; no notes, time logs, cost, internal tags,
 * private custom fields, assignment or SLA internals); agents whose role may not see cost get rates and cost as
 * null; everyone else gets everything. It does not authorise: the caller has already checked the principal may read.
 * @example
 * viewOf({ kind: "contact", contactId, contactListId }, service, ticket) // PublicTicket, no costCents
 * viewOf(principal, service, await store.readEvents(service.id, ticket.id)) // the history they may see
 */
export function viewOf<P extends Principal>(principal: P, service: Service, ticket: Ticket): TicketViewFor<P["kind"]>;
export function viewOf<P extends Principal>(principal: P, service: Service, history: ReadonlyArray<StoredEvent>): HistoryViewFor<P["kind"]>;
export function viewOf<P extends Principal>(principal: P, service: Service, events: ReadonlyArray<TicketEvent>): ReadonlyArray<EventViewFor<P["kind"]>>;
export function viewOf(principal: Principal, service: Service, subject: Ticket | ReadonlyArray<StoredEvent | TicketEvent>): unknown {
  const audience = audienceOf(principal, service);
  if (!Array.isArray(subject)) {
    const ticket = subject as Ticket;
    return audience === "full" ? ticket : audience === "no-cost" ? withoutCost(ticket) : publicTicketOf(ticket, visibilityOf(service));
  }
  const events = subject as ReadonlyArray<StoredEvent | TicketEvent>;
  if (audience === "full") return events;
  const v = visibilityOf(service);
  const one = audience === "no-cost" ? eventWithoutCost : (e: TicketEvent) => publicEventOf(e, v);
  const out: Array<unknown> = [];
  for (const e of events) {
    const seen = one(isStored(e) ? e.event : e);
    if (seen !== undefined) out.push(isStored(e) ? { ...e, event: seen } : seen);
  }
  return out;
}
