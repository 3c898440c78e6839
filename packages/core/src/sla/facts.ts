import type { TicketEvent } from "../ticket/events";
import type { TicketFacts } from "./policy";

/** What an event changed in the facts: nothing, fields policies read, or the status. */
export type FactChange = "none" | "fields" | "status";

/**
 * The facts a ticket starts with, from its `TicketOpened` event.
 * @example openingFacts(opened, "gold").priority
 */
export const openingFacts = (e: Extract<TicketEvent, { type: "TicketOpened" }>, tier: string | null): TicketFacts => ({
  service: e.serviceId,
  priority: e.priority,
  type: e.ticketType,
  category: e.category,
  channel: e.channel,
  organization: e.organizationId,
  tier,
  status: "new",
  tags: e.tags,
  custom: e.customFields,
});

/**
 * Applies one event to the facts in place (the facts object belongs to one SLA run) and says
 * what changed. The caller's events are never modified.
 */
export const updateFacts = (f: TicketFacts, e: TicketEvent): FactChange => {
  switch (e.type) {
    case "PriorityChanged":
      if (f.priority === e.to) return "none";
      f.priority = e.to;
      return "fields";
    case "FieldsChanged":
      if (e.category !== undefined) f.category = e.category;
      if (e.ticketType !== undefined) f.type = e.ticketType;
      if (e.tags !== undefined) f.tags = e.tags;
      if (e.customFields !== undefined) f.custom = { ...f.custom, ...e.customFields };
      return "fields";
    case "StatusChanged":
      if (f.status === e.to) return "none";
      f.status = e.to;
      return "status";
    case "Reopened":
      f.status = "open";
      return "status";
    case "Merged":
      f.status = "closed";
      return "status";
    default:
      return "none";
  }
};
