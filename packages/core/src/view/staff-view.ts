import type { EventOf, StoredEvent, TicketEvent } from "../ticket/events";
import type { Ticket } from "../ticket/schema";

/**
 * A ticket as an agent reads it: everything, with `costCents` null when the agent's role may not see cost
 * (viewers by default; see the service's `visibility.costVisibleTo`).
 * @example const t: StaffTicket = await desk.getTicket(agent, serviceId, ticketId); t.costCents ?? "hidden"
 */
export type StaffTicket = Omit<Ticket, "costCents"> & { readonly costCents: number | null };

/**
 * A time log as an agent reads it: rate and cost null when their role may not see cost.
 * @example
 * if (event.type === "TimeLogged") console.log(event.minutes, event.costCents ?? "hidden") // StaffTimeLogged: cost null for viewers
 */
export type StaffTimeLogged = Omit<EventOf<"TimeLogged">, "rateCentsPerHour" | "costCents"> & {
  readonly rateCentsPerHour: number | null;
  readonly costCents: number | null;
};
/**
 * A hand-off excerpt as an agent reads it: each entry's rate and cost, and the total cost, null when their role may not see cost.
 * @example
 * const excerpt: StaffHandOffReceived | null = await desk.handOffExcerpt(agent, serviceId, ticketId) // totals.costCents null without cost rights
 */
export type StaffHandOffReceived = Omit<EventOf<"HandOffReceived">, "workLog" | "totals"> & {
  readonly workLog: ReadonlyArray<Omit<EventOf<"HandOffReceived">["workLog"][number], "rateCentsPerHour" | "costCents"> & {
    readonly rateCentsPerHour: number | null;
    readonly costCents: number | null;
  }>;
  readonly totals: Omit<EventOf<"HandOffReceived">["totals"], "costCents"> & { readonly costCents: number | null };
};
/**
 * An event as an agent reads it. Every `TicketEvent` is one.
 * @example
 * const events: ReadonlyArray<StaffEvent> = (await desk.history(agent, serviceId, ticketId)).map((s) => s.event)
 */
export type StaffEvent = Exclude<TicketEvent, { readonly type: "TimeLogged" | "HandOffReceived" }> | StaffTimeLogged | StaffHandOffReceived;
/**
 * A stored event as an agent reads it.
 * @example
 * const history: ReadonlyArray<StaffStoredEvent> = await desk.history(agent, serviceId, ticketId)
 */
export type StaffStoredEvent = Omit<StoredEvent, "event"> & { readonly event: StaffEvent };

/**
 * A ticket without its cost. Pure.
 * @example withoutCost(ticket).costCents // null
 */
export const withoutCost = (ticket: Ticket): StaffTicket => ({ ...ticket, costCents: null });

/**
 * An event without rates and cost (time logs and hand-off excerpts carry them). Pure.
 * @example eventWithoutCost(timeLogged).costCents // null
 */
export const eventWithoutCost = (e: TicketEvent): StaffEvent => {
  switch (e.type) {
    case "TimeLogged":
      return { ...e, rateCentsPerHour: null, costCents: null };
    case "HandOffReceived":
      return {
        ...e,
        workLog: e.workLog.map((w) => ({ ...w, rateCentsPerHour: null, costCents: null })),
        totals: { ...e.totals, costCents: null },
      };
    default:
      return e;
  }
};
