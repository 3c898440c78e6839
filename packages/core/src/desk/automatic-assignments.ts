import type { Actor } from "../auth/actor";
import type { AgentId, GroupId, MessageId } from "../ids/ids";
import { absenceAt, type Agent, type Group, type Service } from "../service/schema";
import type { Store } from "../store/port";
import { CommandRejected } from "../ticket/errors";
import type { TicketEvent } from "../ticket/events";
import { groupOf, holderOf, type ReferenceFacts } from "../ticket/references";
import type { Channel } from "../ticket/schema";

const actorName = (by: Actor): string => (by.kind === "system" ? by.name : `${by.kind} ${by.id}`);

/** The directory entries one assignment event names (its group in the service, its agent and their substitute). */
async function factsOf(store: Store, service: Service, groupId: GroupId | null, agentId: AgentId | null, now: number): Promise<ReferenceFacts> {
  const groups: Group[] = [];
  const agents: Agent[] = [];
  if (groupId !== null) {
    const group = await store.getGroup(service.id, groupId);
    if (group) groups.push(group);
  }
  if (agentId !== null) {
    const agent = await store.getAgent(agentId);
    if (agent) {
      agents.push(agent);
      const substituteId = absenceAt(agent, now)?.substituteId;
      const substitute = substituteId === undefined ? undefined : await store.getAgent(substituteId);
      if (substitute) agents.push(substitute);
    }
  }
  return { groups, agents };
}

/**
 * Holds the assignments automation writes (routing rules, escalation ladders, a host's hooks) to the
 * rules `decide` applies to a person's command: the group must be a group of the ticket's service, the
 * agent a member who may hold tickets, and an absent agent's substitute takes the ticket in their place.
 * An assignment that breaks a rule becomes an internal note saying why, so a misconfigured rule never
 * puts a ticket outside its service and never fails the command that triggered it. Other events pass
 * unchanged; only events that name a group or an agent cost a directory read.
 * @example const events = await guardAutomaticAssignments(store, service, hookEvents, now, ticket.channel)
 */
export async function guardAutomaticAssignments(
  store: Store, service: Service, events: ReadonlyArray<TicketEvent>, now: number, channel: Channel,
): Promise<ReadonlyArray<TicketEvent>> {
  if (!events.some((e) => e.type === "Assigned" || e.type === "Transferred")) return events;
  const out: TicketEvent[] = [];
  for (const [i, e] of events.entries()) {
    if (e.type !== "Assigned" && e.type !== "Transferred") {
      out.push(e);
      continue;
    }
    const groupId = e.type === "Assigned" ? e.groupId : e.toGroupId;
    const agentId = e.type === "Assigned" ? e.agentId : e.toAgentId;
    const facts = await factsOf(store, service, groupId, agentId, now);
    const group = groupId === null ? undefined : groupOf(facts, service.id, groupId, e.type === "Assigned" ? "groupId" : "toGroupId");
    // Automation may name an agent outside the ticket's group (a rule's assign-agent), so only the service is checked.
    const holder = agentId === null ? undefined : holderOf(facts, service.id, agentId, undefined, now, e.type === "Assigned" ? "agentId" : "toAgentId");
    const refusal = group instanceof CommandRejected ? group : holder instanceof CommandRejected ? holder : undefined;
    if (refusal !== undefined) {
      out.push({
        type: "MessageAdded", at: e.at, by: e.by, messageId: `refused-assignment-${e.at}-${i}` as MessageId, kind: "note", channel, subject: null,
        body: `${actorName(e.by)} did not assign the ticket: ${refusal.message}.`, externalId: null, automatic: true,
      });
      continue;
    }
    if (holder === undefined || holder instanceof CommandRejected || holder.substitution === null) {
      out.push(e);
      continue;
    }
    const reason = [e.reason, holder.substitution].filter((r) => r !== null && r !== "").join("; ");
    out.push(e.type === "Assigned" ? { ...e, agentId: holder.agentId, reason } : { ...e, toAgentId: holder.agentId, reason });
  }
  return out;
}
