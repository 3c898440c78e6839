import type { Actor } from "../auth/actor";
import type { EventOf, ExcerptMessage, ExcerptWorkEntry, TicketEvent } from "./events";
import { fold } from "./evolve";

/**
 * What a hand-off excerpt needs besides the source history.
 * @example
 * excerptOf(history, { at: Date.now(), by: systemActor("hand-off"), handedOffBy: agent, fromServiceName: "IT Support", currency: "EUR", reason: null })
 */
export interface ExcerptContext {
  readonly at: number;
  /** Who writes the event on the receiving ticket (the system, since the sender need not belong there). */
  readonly by: Actor;
  readonly handedOffBy: Actor;
  readonly fromServiceName: string;
  readonly currency: string;
  readonly reason: string | null;
}

/**
 * The `HandOffReceived` event for a receiving ticket: the source's messages (notes marked internal),
 * its work log, and totals summed from that log. Pure; the history is not modified.
 * @example excerptOf(history, { at: now, by: systemActor("hand-off"), handedOffBy: actor, fromServiceName: "Customer Support", currency: "EUR", reason: null }).totals.costCents // 4500
 */
export const excerptOf = (history: ReadonlyArray<TicketEvent>, ctx: ExcerptContext): EventOf<"HandOffReceived"> => {
  const source = fold(history);
  if (source === undefined) throw new RangeError("excerptOf: empty history");
  const messages: Array<ExcerptMessage> = [];
  const workLog: Array<ExcerptWorkEntry> = [];
  for (const e of history) {
    if (e.type === "MessageAdded") messages.push({ at: e.at, by: e.by, kind: e.kind, internal: e.kind === "note", body: e.body });
    if (e.type === "TimeLogged") {
      workLog.push({ at: e.at, agentId: e.agentId, minutes: e.minutes, billable: e.billable, rateCentsPerHour: e.rateCentsPerHour, costCents: e.costCents, note: e.note });
    }
  }
  const sum = (f: (w: ExcerptWorkEntry) => number) => workLog.reduce((n, w) => n + f(w), 0);
  return {
    type: "HandOffReceived",
    at: ctx.at,
    by: ctx.by,
    from: { serviceId: source.serviceId, ticketId: source.id, number: source.number },
    fromServiceName: ctx.fromServiceName,
    subject: source.subject,
    handedOffBy: ctx.handedOffBy,
    reason: ctx.reason,
    messages,
    workLog,
    totals: {
      timeMinutes: sum((w) => w.minutes),
      billableMinutes: sum((w) => (w.billable ? w.minutes : 0)),
      costCents: sum((w) => w.costCents),
      currency: ctx.currency,
    },
  };
};

/**
 * The hand-off excerpt in a ticket's history, or `null` when the ticket was not opened by a hand-off.
 * @example excerptIn(history)?.totals.currency // "EUR"
 */
export const excerptIn = (history: ReadonlyArray<TicketEvent>): EventOf<"HandOffReceived"> | null =>
  (history.find((e) => e.type === "HandOffReceived") as EventOf<"HandOffReceived"> | undefined) ?? null;
