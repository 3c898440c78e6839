import { systemActor } from "../auth/actor";
import { strategyOfAction } from "../assignment/strategy";
import type { ChangeContext, DeskHook } from "../desk/hooks";
import type { GroupId, MessageId, RuleId, ServiceId } from "../ids/ids";
import { actionsToEvents, MAX_TRANSFER_HOPS, pendingTransfer, type RoutedAction, routeTicket, type RoutingFacts, TRANSFER_ACTOR, transferRefusal } from "../routing";
import type { Store } from "../store/port";
import type { TicketEvent } from "../ticket/events";
import { evolve } from "../ticket/evolve";
import type { Ticket } from "../ticket/schema";
import { assignInStore } from "./assignment-step";
import type { Automation, AutomationCache } from "./config";

const by = systemActor("routing");
const watched = ["status", "priority", "category", "type", "groupId", "assigneeId", "subject", "tags", "channel"] as const;

/**
 * The ticket fields a change touched, named as routing conditions name them.
 * @example
 * Automation.changedFields(before, after) // e.g. ["priority", "custom.asset"]
 */
export const changedFields = (before: Ticket | undefined, after: Ticket): ReadonlyArray<string> => {
  if (before === undefined) return [];
  const names: string[] = watched.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => (k === "groupId" ? "group" : k === "assigneeId" ? "assignee" : k));
  for (const k of new Set([...Object.keys(before.customFields), ...Object.keys(after.customFields)])) {
    if (before.customFields[k] !== after.customFields[k]) names.push(`custom.${k}`);
  }
  return names;
};

/**
 * Which routing trigger a change is; null for changes routing ignores (its own and the engines' bookkeeping).
 * @example
 * Automation.triggerOf(ctx) // "ticket-opened" when ctx.before is undefined
 */
export const triggerOf = (ctx: ChangeContext): RoutingFacts["trigger"] | null => {
  if (ctx.command === undefined) return null;
  if (ctx.before === undefined) return "ticket-opened";
  if (ctx.newEvents.some((e) => e.type === "MessageAdded" && e.kind === "customer" && !e.automatic)) return "message-received";
  return "ticket-updated";
};

/**
 * Rule actions naming a group or an agent the service does not have (a group of another service,
 * an agent who is not a member) become notes saying so: a rule never puts a ticket outside its service.
 * @example
 * const actions = await Automation.withKnownReferences(routing.actions, ctx) // unknown groups and agents become notes
 */
export async function withKnownReferences(actions: ReadonlyArray<RoutedAction>, ctx: Pick<ChangeContext, "store" | "service">): Promise<ReadonlyArray<RoutedAction>> {
  const note = (ruleId: RuleId, body: string): RoutedAction => ({ ruleId, action: { type: "add-note", body: `Rule ${ruleId}: ${body}` } });
  const out: RoutedAction[] = [];
  for (const routed of actions) {
    const { ruleId, action } = routed;
    if (action.type === "assign-group" && (await ctx.store.getGroup(ctx.service.id, action.groupId)) === undefined) {
      out.push(note(ruleId, `not assigned to group ${action.groupId}: it is not a group of service ${ctx.service.id}.`));
    } else if (action.type === "assign-agent") {
      const agent = await ctx.store.getAgent(action.agentId);
      out.push(agent?.memberships.some((m) => m.serviceId === ctx.service.id) ? routed
        : note(ruleId, `not assigned to agent ${action.agentId}: ${agent ? "not a member" : "no such agent"} of service ${ctx.service.id}.`));
    } else out.push(routed);
  }
  return out;
}

/**
 * Runs a service's routing rules on every change they are triggered by, and carries out what they
 * decide: fields, groups, agents, notes and notifications as events; assignment strategies through
 * the assignment pipeline (`assignInStore`: shifts, absences, cursors and last-assigned times kept in the store); a forced SLA policy as the
 * `slaPolicy` custom field, which the SLA hook honours; a transfer to another service as a
 * `TransferRequested` event (or a note saying why not), which the Desk carries out after the write.
 * @example
 * createDesk({ store, hooks: [Automation.routingHook(Automation.automationCache(), () => crypto.randomUUID())] })
 */
export const routingHook = (cache: AutomationCache, newId: () => string): DeskHook => ({
  name: "routing",
  async afterChange(ctx) {
    const trigger = triggerOf(ctx);
    if (trigger === null) return [];
    const automation = await cache.get(ctx.store, ctx.service.id);
    if (automation.rules === null) return [];
    const ticket = ctx.after;
    const contact = await ctx.store.getContact(ctx.service.contactListId, ticket.requesterId);
    const org = ticket.organizationId ? await ctx.store.getOrganization(ctx.service.contactListId, ticket.organizationId) : undefined;
    const message = [...ctx.newEvents].reverse().find((e) => e.type === "MessageAdded");
    const facts: RoutingFacts = {
      trigger, now: ctx.now, ticket,
      requester: { email: contact?.emails[0] ?? null, tier: contact?.tier ?? org?.tier ?? null, organizationId: ticket.organizationId },
      ...(message?.type === "MessageAdded" ? { message: { kind: message.kind, subject: message.subject, body: message.body, from: contact?.emails[0] ?? null } } : {}),
      ...(trigger === "ticket-updated" ? { changedFields: changedFields(ctx.before, ticket) } : {}),
    };
    const routed = routeTicket(automation.rules, facts, { isOpen: automation.isOpen });
    const actions = await withKnownReferences(routed.actions, ctx);
    const mapped = actionsToEvents(actions, { ticket, at: ctx.now, by, newMessageId: () => newId() as MessageId });
    let after = mapped.events.reduce(evolve, ticket);
    const events: TicketEvent[] = [...mapped.events];
    const run: RunState = { transferTo: pendingTransfer(ctx.history)?.toServiceId ?? null };
    for (const pending of mapped.pending) {
      const extra = await carryOut(pending, after, ctx, run, automation);
      for (const e of extra) after = evolve(after, e);
      events.push(...extra);
    }
    return events;
  },
});

/** What one routing run has decided so far that later actions must respect. */
interface RunState {
  /** The service a transfer already requested (in this run or earlier, not yet carried out) moves the ticket to. */
  transferTo: ServiceId | null;
}

/**
 * The services a ticket came through by rule-driven transfers, oldest first (not its own): follows
 * `handedOffFrom` while the ticket was opened by a transfer, never more than the hop limit + 1 steps.
 * @example await transferChain(store, billingTicket) // ["svc-support"] when a Support rule sent it to Billing
 */
export async function transferChain(store: Store, ticket: Ticket): Promise<ReadonlyArray<ServiceId>> {
  const chain: ServiceId[] = [];
  let t: Ticket | undefined = ticket;
  while (t?.handedOffFrom && t.openedBy.kind === "system" && t.openedBy.name === TRANSFER_ACTOR && chain.length <= MAX_TRANSFER_HOPS) {
    chain.unshift(t.handedOffFrom.serviceId);
    t = await store.getTicket(t.handedOffFrom.serviceId, t.handedOffFrom.ticketId);
  }
  return chain;
}

async function carryOut({ ruleId, action }: RoutedAction, ticket: Ticket, ctx: ChangeContext, run: RunState, automation: Automation): Promise<TicketEvent[]> {
  const at = ctx.now;
  switch (action.type) {
    case "assign-strategy": {
      const groupId = (action.groupId ?? ticket.groupId) as GroupId | null;
      if (groupId === null) return [{ type: "MessageAdded", at, by, messageId: `${ruleId}-${at}` as MessageId, kind: "note", channel: ticket.channel, subject: null,
        body: `Rule ${ruleId} asked for ${action.strategy} assignment but the ticket has no group.`, externalId: null, automatic: true }];
      const group = await ctx.store.getGroup(ctx.service.id, groupId);
      if (!group) return [{ type: "MessageAdded", at, by, messageId: `${ruleId}-${at}` as MessageId, kind: "note", channel: ticket.channel, subject: null,
        body: `Rule ${ruleId}: not assigned in group ${groupId}: it is not a group of service ${ctx.service.id}.`, externalId: null, automatic: true }];
      const result = await assignInStore(ctx.store, ctx.service.id, group, strategyOfAction(action), automation, at);
      if (result.agentId === ticket.assigneeId && groupId === ticket.groupId) return [];
      return [{ type: "Assigned", at, by, groupId, agentId: result.agentId, reason: `rule ${ruleId}: ${result.explanation.at(-1) ?? action.strategy}` }];
    }
    case "apply-sla-policy":
      return ticket.customFields.slaPolicy === action.policyId ? [] : [{ type: "FieldsChanged", at, by, customFields: { slaPolicy: action.policyId } }];
    case "transfer-to-service": {
      // Moving the ticket writes a second stream, which a hook must not do: the request is recorded
      // in this write and the Desk opens the receiving ticket right after it.
      const refusal = transferRefusal({
        ticket, toServiceId: action.serviceId, pending: run.transferTo,
        targetExists: action.serviceId === ctx.service.id || (await ctx.store.getService(action.serviceId)) !== undefined,
        chain: await transferChain(ctx.store, ticket),
      });
      if (refusal !== null) {
        return [{ type: "MessageAdded", at, by, messageId: `${ruleId}-${at}-transfer` as MessageId, kind: "note", channel: ticket.channel, subject: null,
          body: `Rule ${ruleId}: not transferred to service ${action.serviceId}: ${refusal}.`, externalId: null, automatic: true }];
      }
      run.transferTo = action.serviceId;
      return [{ type: "TransferRequested", at, by, toServiceId: action.serviceId, ruleId, reason: action.reason ?? null }];
    }
    default:
      return [];
  }
}
