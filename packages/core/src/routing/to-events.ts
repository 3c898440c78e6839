import type { Actor } from "../auth/actor";
import type { MessageId, Timestamp } from "../ids/ids";
import type { TicketEvent } from "../ticket/events";
import { evolve } from "../ticket/evolve";
import type { Ticket } from "../ticket/schema";
import { addTags, removeTags } from "./apply-action";
import type { RoutedAction } from "./facts";

/**
 * What the mapper needs besides the actions: the ticket, the instant, the acting system, and ids for notes.
 * @example
 * Routing.actionsToEvents(routing.actions, { ticket, at: Date.now(), by: systemActor("routing"), newMessageId: () => MessageId(crypto.randomUUID()) })
 */
export interface EventContext {
  readonly ticket: Ticket;
  readonly at: Timestamp;
  readonly by: Actor;
  /** Makes the message id of a note an action adds. */
  readonly newMessageId: () => MessageId;
}

/**
 * Events for the data-only actions, and the actions the Desk must carry out itself (strategies, SLA, transfers).
 * @example
 * const { events, pending }: Routing.MappedActions = Routing.actionsToEvents(routing.actions, context) // pending: strategies, SLA, transfers
 */
export interface MappedActions {
  readonly events: ReadonlyArray<TicketEvent>;
  readonly pending: ReadonlyArray<RoutedAction>;
}

const eventOf = (t: Ticket, { ruleId, action: a }: RoutedAction, ctx: EventContext): TicketEvent | undefined => {
  const envelope = { at: ctx.at, by: ctx.by };
  const reason = `routing rule ${ruleId}`;
  switch (a.type) {
    case "set-priority":
      return a.priority === t.priority
        ? undefined
        : { type: "PriorityChanged", ...envelope, from: t.priority, to: a.priority, impact: t.impact, urgency: t.urgency };
    case "set-category":
      return a.category === t.category ? undefined : { type: "FieldsChanged", ...envelope, category: a.category };
    case "set-type":
      return a.ticketType === t.type ? undefined : { type: "FieldsChanged", ...envelope, ticketType: a.ticketType };
    case "add-tags":
    case "remove-tags": {
      const tags = a.type === "add-tags" ? addTags(t.tags, a.tags) : removeTags(t.tags, a.tags);
      return tags === t.tags ? undefined : { type: "FieldsChanged", ...envelope, tags };
    }
    case "set-custom-field":
      return Object.hasOwn(t.customFields, a.name) && t.customFields[a.name] === a.value
        ? undefined
        : { type: "FieldsChanged", ...envelope, customFields: { [a.name]: a.value } };
    case "assign-group":
      return a.groupId === t.groupId ? undefined : { type: "Assigned", ...envelope, groupId: a.groupId, agentId: t.assigneeId, reason };
    case "assign-agent":
      return a.agentId === t.assigneeId ? undefined : { type: "Assigned", ...envelope, groupId: null, agentId: a.agentId, reason };
    case "add-note":
      return {
        type: "MessageAdded", ...envelope, messageId: ctx.newMessageId(), kind: "note", channel: t.channel,
        subject: null, body: a.body, externalId: null, automatic: true,
      };
    case "notify":
      return { type: "NotificationRequested", ...envelope, template: a.template, to: a.to, data: { ...a.data, ruleId, ticketId: t.id } };
    default:
      return undefined;
  }
};

const deferred = new Set(["assign-strategy", "apply-sla-policy", "transfer-to-service"]);

/**
 * Maps routed actions to ticket events where that is pure data; strategies, SLA policies and transfers are returned
 * as `pending` for the Desk to carry out. No-op changes (same priority, same group…) produce no event.
 * @example
 * actionsToEvents(routing.actions, { ticket, at: now, by: systemActor("routing"), newMessageId })
 * // { events: [{ type: "Assigned", groupId: "l2-network", … }], pending: [] }
 */
export const actionsToEvents = (actions: ReadonlyArray<RoutedAction>, ctx: EventContext): MappedActions => {
  const events: TicketEvent[] = [];
  const pending: RoutedAction[] = [];
  let ticket = ctx.ticket;
  for (const routed of actions) {
    if (deferred.has(routed.action.type)) {
      pending.push(routed);
      continue;
    }
    const event = eventOf(ticket, routed, ctx);
    if (event) {
      events.push(event);
      ticket = evolve(ticket, event);
    }
  }
  return { events, pending };
};
