import type { CalendarId, Timestamp } from "../ids/ids";
import type { TicketEvent } from "../ticket/events";
import type { Ticket } from "../ticket/schema";

/**
 * The actor name escalation writes its events with; those events never count as an update.
 * @example
 * const by: Actor = { kind: "system", name: Escalation.ESCALATION_ACTOR } // how escalation signs its events
 */
export const ESCALATION_ACTOR = "escalation";

/**
 * Business-time arithmetic from the SLA calendars (`sla/calendar`), passed in so escalation stays pure.
 * @example
 * const clock: Escalation.BusinessClock = Escalation.businessClockOf({ office: officeCalendar }) // compiled calendars by id
 */
export interface BusinessClock {
  /** The instant `ms` business milliseconds after `from` in the calendar. */
  readonly addBusiness: (calendarId: CalendarId, from: Timestamp, ms: number) => Timestamp;
}

/**
 * Where an SLA metric's threshold falls in its current cycle, as the SLA engine reports it.
 * @example
 * const at: Escalation.SlaThresholdAt = { at: Date.parse("2026-03-02T11:00:00Z"), cycleStart: Date.parse("2026-03-02T09:00:00Z") }
 */
export interface SlaThresholdAt {
  /** The instant the threshold is (or was) crossed. */
  readonly at: Timestamp;
  /** The start of the metric's current cycle; a new cycle re-arms the rule. */
  readonly cycleStart: Timestamp;
}

/**
 * Looks up an SLA threshold of a ticket at `now` (null when the metric is not running or has no such threshold).
 * @example
 * const slaThreshold: Escalation.SlaThresholdLookup = (ticket, history, metric, threshold, now) => null // no SLA in this host
 */
export type SlaThresholdLookup = (
  ticket: Ticket,
  history: ReadonlyArray<TicketEvent>,
  metric: string,
  threshold: string,
  now: Timestamp,
) => SlaThresholdAt | null;

// Bookkeeping written by automation: none of it is someone working the ticket.
const bookkeeping = new Set<TicketEvent["type"]>(["SlaApplied", "SlaBreached", "DeadlineSet", "NotificationRequested", "Escalated"]);

/**
 * Whether an event counts as an update of the ticket for `no-update` stalls.
 * @example
 * history.filter(Escalation.isActivity).at(-1)?.at // the last update a person made
 */
export const isActivity = (e: TicketEvent): boolean =>
  !bookkeeping.has(e.type) &&
  !(e.by.kind === "system" && e.by.name === ESCALATION_ACTOR) &&
  !(e.type === "MessageAdded" && e.automatic);

/**
 * The instant of the last update: escalation's own events, automatic messages and SLA
 * bookkeeping do not count, so a level's action never re-arms its own ladder.
 * @example lastActivityAt(history) // the `at` of the last reply, note, status change…
 */
export const lastActivityAt = (history: ReadonlyArray<TicketEvent>): Timestamp | null => {
  let last: Timestamp | null = null;
  for (const e of history) if (isActivity(e)) last = last === null ? e.at : Math.max(last, e.at);
  return last;
};

/**
 * Since when the customer has been waiting for a public agent reply: the opening, a reopen or the
 * first customer message after the last reply; null when the last word was the agent's.
 * @example waitingSince(history) // the `at` of the unanswered customer message
 */
export const waitingSince = (history: ReadonlyArray<TicketEvent>): Timestamp | null => {
  let since: Timestamp | null = null;
  for (const e of history) {
    if (e.type === "TicketOpened" || e.type === "Reopened") since ??= e.at;
    else if (e.type === "MessageAdded" && e.kind === "customer" && !e.automatic) since ??= e.at;
    else if (e.type === "MessageAdded" && e.kind === "reply" && e.by.kind === "agent") since = null;
  }
  return since;
};
