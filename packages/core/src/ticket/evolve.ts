import type { AgentId } from "../ids/ids";
import type { TicketEvent } from "./events";
import type { Ticket } from "./schema";

const touch = (t: Ticket, at: number): Ticket => ({ ...t, version: t.version + 1, updatedAt: Math.max(t.updatedAt, at) });

const addOnce = (list: ReadonlyArray<AgentId>, id: AgentId): ReadonlyArray<AgentId> =>
  list.includes(id) ? list : [...list, id];

/**
 * Applies one event to a ticket; the current ticket is `events.reduce(evolve, undefined)`.
 * Pure: never mutates its input.
 * @example const ticket = history.reduce(evolve, undefined)
 */
export function evolve(ticket: Ticket | undefined, event: TicketEvent): Ticket {
  if (event.type === "TicketOpened") {
    return {
      id: event.ticketId,
      serviceId: event.serviceId,
      number: event.number,
      version: 1,
      subject: event.subject,
      description: event.description,
      type: event.ticketType,
      category: event.category,
      channel: event.channel,
      status: "new",
      priority: event.priority,
      impact: event.impact,
      urgency: event.urgency,
      requesterId: event.requesterId,
      organizationId: event.organizationId,
      groupId: null,
      assigneeId: null,
      tags: event.tags,
      customFields: event.customFields,
      links: event.handedOffFrom ? [{ kind: "related", ticket: event.handedOffFrom }] : [],
      mergedInto: null,
      handedOffFrom: event.handedOffFrom,
      handedOffTo: [],
      openedBy: event.by,
      createdAt: event.at,
      updatedAt: event.at,
      firstResponseAt: null,
      resolvedAt: null,
      closedAt: null,
      messageCount: 0,
      lastCustomerMessageAt: null,
      lastAgentReplyAt: null,
      reopenCount: 0,
      groupReassignments: 0,
      agentReassignments: 0,
      responders: [],
      timeMinutes: 0,
      billableMinutes: 0,
      costCents: 0,
      rating: null,
      escalations: [],
      nextDeadline: null,
      sla: null,
    };
  }
  if (ticket === undefined) throw new Error(`evolve: ${event.type} before TicketOpened`);
  const t = touch(ticket, event.at);
  switch (event.type) {
    case "MessageAdded": {
      const base = { ...t, messageCount: t.messageCount + 1 };
      if (event.kind === "customer") {
        return event.automatic ? base : { ...base, lastCustomerMessageAt: event.at };
      }
      if (event.kind === "reply" && event.by.kind === "agent") {
        return {
          ...base,
          lastAgentReplyAt: event.at,
          firstResponseAt: t.firstResponseAt ?? event.at,
          responders: addOnce(t.responders, event.by.id),
        };
      }
      return base;
    }
    case "Assigned":
    case "Transferred": {
      const groupId = event.type === "Assigned" ? event.groupId : event.toGroupId;
      const agentId = event.type === "Assigned" ? event.agentId : event.toAgentId;
      const groupMoved = t.groupId !== null && groupId !== null && groupId !== t.groupId;
      const agentMoved = t.assigneeId !== null && agentId !== t.assigneeId;
      return {
        ...t,
        groupId: groupId ?? t.groupId,
        assigneeId: agentId,
        groupReassignments: t.groupReassignments + (groupMoved ? 1 : 0),
        agentReassignments: t.agentReassignments + (agentMoved && agentId !== null ? 1 : 0),
      };
    }
    case "StatusChanged":
      return {
        ...t,
        status: event.to,
        resolvedAt: event.to === "resolved" ? event.at : t.resolvedAt,
        closedAt: event.to === "closed" ? event.at : t.closedAt,
      };
    case "Reopened":
      return { ...t, status: "open", resolvedAt: null, reopenCount: t.reopenCount + 1 };
    case "PriorityChanged":
      return { ...t, priority: event.to, impact: event.impact, urgency: event.urgency };
    case "FieldsChanged":
      return {
        ...t,
        ...(event.subject !== undefined ? { subject: event.subject } : {}),
        ...(event.category !== undefined ? { category: event.category } : {}),
        ...(event.ticketType !== undefined ? { type: event.ticketType } : {}),
        ...(event.tags !== undefined ? { tags: event.tags } : {}),
        ...(event.customFields !== undefined ? { customFields: { ...t.customFields, ...event.customFields } } : {}),
      };
    case "Linked":
      return { ...t, links: [...t.links, { kind: event.kind, ticket: event.ticket }] };
    case "Merged":
      return { ...t, mergedInto: event.into, status: "closed", closedAt: event.at };
    case "TimeLogged":
      return {
        ...t,
        timeMinutes: t.timeMinutes + event.minutes,
        billableMinutes: t.billableMinutes + (event.billable ? event.minutes : 0),
        costCents: t.costCents + event.costCents,
      };
    case "Rated":
      return { ...t, rating: { score: event.score, comment: event.comment } };
    case "HandedOff":
      return { ...t, handedOffTo: [...t.handedOffTo, event.to] };
    case "SlaApplied":
      return { ...t, sla: event.summary, nextDeadline: event.nextDeadline };
    case "SlaBreached":
      return t;
    case "Escalated":
      return { ...t, escalations: [...t.escalations, `${event.ruleId}:${event.level}`] };
    case "DeadlineSet":
      return { ...t, nextDeadline: event.nextDeadline };
    case "NotificationRequested":
    case "TransferRequested":
    case "HandOffReceived":
      return t;
  }
}

/**
 * Folds a whole history into the current ticket, or `undefined` for an empty history.
 * @example const ticket = fold((await store.readEvents(serviceId, ticketId)).map((s) => s.event))
 */
export const fold = (events: Iterable<TicketEvent>): Ticket | undefined => {
  let t: Ticket | undefined;
  for (const e of events) t = evolve(t, e);
  return t;
};
