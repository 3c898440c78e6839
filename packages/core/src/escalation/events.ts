import { notAbsent } from "../assignment/filters";
import type { Actor } from "../auth/actor";
import type { Timestamp } from "../ids/ids";
import type { Agent, Group } from "../service/schema";
import type { TicketEvent } from "../ticket/events";
import { evolve } from "../ticket/evolve";
import { priorityOrder, type Priority, type Ticket } from "../ticket/schema";
import { ESCALATION_ACTOR } from "./arming";
import { dueEscalations, nextEscalationDeadline, type ArmedLevel, type EscalationContext } from "./ladder";
import type { EscalationAction, EscalationRule } from "./rule";

/**
 * Groups and agents, so `notify-lead` can find the lead's address.
 * @example
 * const directory: Escalation.EscalationDirectory = { groups: await store.listGroups(serviceId), agents }
 */
export interface EscalationDirectory {
  readonly groups: ReadonlyArray<Group>;
  readonly agents: ReadonlyArray<Agent>;
}

/**
 * The events a sweep appends for a ticket, the levels they fire, and the next escalation deadline after them.
 * @example
 * const { events, fired, nextDeadline }: Escalation.EscalationOutcome = Escalation.escalationEvents(ticket, history, rules, now, { ...context, ...directory })
 */
export interface EscalationOutcome {
  readonly events: ReadonlyArray<TicketEvent>;
  readonly fired: ReadonlyArray<ArmedLevel>;
  readonly nextDeadline: Timestamp | null;
}

const by: Actor = { kind: "system", name: ESCALATION_ACTOR };

const raise = (current: Priority, to: Priority | undefined): Priority => {
  const i = priorityOrder.indexOf(current);
  return to ?? priorityOrder[Math.min(i + 1, priorityOrder.length - 1)] ?? current;
};

/** The events of one action on the ticket as it stands, and how the `Escalated` event describes it. */
const actionEvents = (
  a: EscalationAction,
  t: Ticket,
  l: ArmedLevel,
  now: Timestamp,
  dir: EscalationDirectory,
): { readonly events: ReadonlyArray<TicketEvent>; readonly label: string } => {
  const reason = `escalation ${l.ruleId} level ${l.level}: ${l.reason}`;
  switch (a.kind) {
    case "notify-lead": {
      const group = dir.groups.find((g) => g.id === t.groupId);
      const lead = group?.leadId === undefined ? undefined : dir.agents.find((ag) => ag.id === group.leadId);
      if (group === undefined || lead === undefined) return { events: [], label: `notify-lead: skipped (group ${t.groupId ?? "none"} has no known lead)` };
      const data = { ticketId: t.id, number: t.number, ruleId: l.ruleId, level: l.level, reason: l.reason, leadId: lead.id, groupId: group.id };
      return {
        events: [{ type: "NotificationRequested", at: now, by, template: a.template ?? "escalation.notify-lead", to: [lead.email], data }],
        label: `notify-lead:${lead.id}`,
      };
    }
    case "raise-priority": {
      const to = raise(t.priority, a.to);
      if (priorityOrder.indexOf(to) <= priorityOrder.indexOf(t.priority)) return { events: [], label: `raise-priority: skipped (already ${t.priority})` };
      return {
        events: [{ type: "PriorityChanged", at: now, by, from: t.priority, to, impact: t.impact, urgency: t.urgency }],
        label: `raise-priority:${t.priority}->${to}`,
      };
    }
    case "reassign": {
      const groupId = a.groupId ?? t.groupId;
      if (a.agentId === undefined) return { events: [{ type: "Assigned", at: now, by, groupId, agentId: null, reason }], label: `reassign:${groupId ?? "-"}/queue` };
      const named = dir.agents.find((ag) => ag.id === a.agentId);
      if (named === undefined) return { events: [], label: `reassign: skipped (${a.agentId} is not an agent of the service)` };
      // The assignment pipeline's absence filter: an absent agent's present substitute takes the ticket, else the group queue does.
      const present = notAbsent(dir.agents)([{ agent: named, standsInFor: null }], now);
      const agentId = present.kept[0]?.agent.id ?? null;
      const why = present.notes.length > 0 ? ` (${present.notes.join("; ")})` : "";
      return {
        events: [{ type: "Assigned", at: now, by, groupId, agentId, reason: `${reason}${why}` }],
        label: `reassign:${groupId ?? "-"}/${agentId ?? "queue"}`,
      };
    }
    case "transfer": {
      if (t.groupId === a.groupId) return { events: [], label: `transfer: skipped (already in ${a.groupId})` };
      return {
        events: [{ type: "Transferred", at: now, by, fromGroupId: t.groupId, toGroupId: a.groupId, toAgentId: null, reason }],
        label: `transfer:${a.groupId}`,
      };
    }
  }
};

/**
 * The events to append for every level due at `now`: per level an `Escalated` event then the
 * events of its actions (`NotificationRequested`, `PriorityChanged`, `Assigned`, `Transferred`),
 * each computed on the ticket as the previous ones left it. Written by the system actor
 * `escalation`, so they never count as an update that would re-arm a ladder. Pure.
 * @example
 * const { events } = escalationEvents(ticket, history, rules, now, { groups, agents })
 * await store.append({ …, expectedVersion: history.length, events, ticket: events.reduce(evolve, ticket) })
 */
export const escalationEvents = (
  ticket: Ticket,
  history: ReadonlyArray<TicketEvent>,
  rules: ReadonlyArray<EscalationRule>,
  now: Timestamp,
  context: EscalationContext & EscalationDirectory,
): EscalationOutcome => {
  const fired = dueEscalations(ticket, history, rules, now, context);
  const events: Array<TicketEvent> = [];
  let t = ticket;
  for (const l of fired) {
    const results = l.actions.map((a) => {
      const r = actionEvents(a, t, l, now, context);
      t = r.events.reduce(evolve, t);
      return r;
    });
    events.push(
      { type: "Escalated", at: now, by, ruleId: l.ruleId, level: l.level, reason: `${l.reason} [${l.key}]`, actions: results.map((r) => r.label) },
      ...results.flatMap((r) => r.events),
    );
  }
  const after = events.reduce(evolve, ticket);
  return { events, fired, nextDeadline: nextEscalationDeadline(after, [...history, ...events], rules, now, context) };
};
