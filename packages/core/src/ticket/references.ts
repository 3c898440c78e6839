import type { AgentId, GroupId, ServiceId } from "../ids/ids";
import { absenceAt, type Agent, type Group, type Role } from "../service/schema";
import { CommandRejected, rejected } from "./errors";

/**
 * The directory entries a command names, loaded by the caller before `decide` (only those the
 * command names): groups as found in the ticket's service, agents (and the substitutes of the absent
 * ones) as found in the directory. An id missing here does not exist, or not where it must.
 * @example decide(assign, ticket, { ...ctx, refs: { groups: [l2], agents: [lee] } })
 */
export interface ReferenceFacts {
  readonly groups: ReadonlyArray<Group>;
  readonly agents: ReadonlyArray<Agent>;
}

/** Roles that may hold tickets; a viewer only reads. */
const holderRoles: ReadonlySet<Role> = new Set(["agent", "lead", "admin"]);

const roleOf = (agent: Agent, serviceId: ServiceId): Role | undefined =>
  agent.memberships.find((m) => m.serviceId === serviceId)?.role;

const inGroup = (group: Group, agentId: AgentId): boolean => group.members.includes(agentId) || group.leadId === agentId;

/**
 * The group a command names, if it is a group of the service; otherwise why not.
 * @example groupOf(facts, serviceId, "g-billing" as GroupId, "groupId") // CommandRejected{UnknownReference, field: "groupId"}
 */
export const groupOf = (facts: ReferenceFacts, serviceId: ServiceId, groupId: GroupId, field: string): Group | CommandRejected => {
  const group = facts.groups.find((g) => g.id === groupId);
  return group !== undefined && group.serviceId === serviceId
    ? group
    : rejected("UnknownReference", `group ${groupId} is not a group of service ${serviceId}`, { field, id: groupId });
};

/**
 * Whether an agent may hold a ticket of the service (and of the group, when one is given):
 * the agent exists, has a role that holds tickets there, and belongs to the group.
 * @example eligibleHolder(facts, serviceId, "ag-bill" as AgentId, undefined, "agentId") // CommandRejected{NotEligible}
 */
export const eligibleHolder = (facts: ReferenceFacts, serviceId: ServiceId, agentId: AgentId, group: Group | undefined, field: string): Agent | CommandRejected => {
  const agent = facts.agents.find((a) => a.id === agentId);
  const ref = { field, id: agentId };
  if (agent === undefined) return rejected("UnknownReference", `agent ${agentId} does not exist`, ref);
  const role = roleOf(agent, serviceId);
  if (role === undefined) return rejected("NotEligible", `agent ${agentId} is not a member of service ${serviceId}`, ref);
  if (!holderRoles.has(role)) return rejected("NotEligible", `agent ${agentId} is a ${role} of service ${serviceId} and may not hold tickets`, ref);
  if (group !== undefined && !inGroup(group, agentId)) return rejected("NotEligible", `agent ${agentId} is not a member of group ${group.id}`, ref);
  return agent;
};

/**
 * Who takes a ticket given to an agent: the agent, or their substitute while they are away.
 * @example { agentId: "ag-lee", substitution: "ag-tom is away (vacation); substitute ag-lee takes it" }
 */
export interface Holder {
  readonly agentId: AgentId;
  /** Why someone other than the named agent takes it (null when the named agent does). */
  readonly substitution: string | null;
}

/**
 * Resolves the agent who holds a ticket given to `agentId` at `now`: the agent if present; while
 * they are absent, their substitute if one is set and passes the same checks; otherwise a refusal.
 * @example holderOf(facts, serviceId, "ag-ann" as AgentId, group, now, "agentId") // { agentId: "ag-bob", substitution: "ag-ann is away (vacation); substitute ag-bob takes it" }
 */
export const holderOf = (facts: ReferenceFacts, serviceId: ServiceId, agentId: AgentId, group: Group | undefined, now: number, field: string): Holder | CommandRejected => {
  const agent = eligibleHolder(facts, serviceId, agentId, group, field);
  if (agent instanceof CommandRejected) return agent;
  const away = absenceAt(agent, now);
  if (away === undefined) return { agentId, substitution: null };
  const ref = { field, id: agentId };
  if (away.substituteId === undefined) {
    return rejected("AgentAbsent", `agent ${agentId} is away (${away.reason}) and has no substitute`, ref);
  }
  const substitute = eligibleHolder(facts, serviceId, away.substituteId, group, field);
  if (substitute instanceof CommandRejected) {
    return rejected("AgentAbsent", `agent ${agentId} is away (${away.reason}) and their substitute ${away.substituteId} may not take it: ${substitute.message}`, ref);
  }
  // A substitute who is away too cannot take it either: no chains, so the outcome stays predictable.
  if (absenceAt(substitute, now) !== undefined) {
    return rejected("AgentAbsent", `agent ${agentId} is away (${away.reason}) and their substitute ${substitute.id} is away too`, ref);
  }
  return { agentId: substitute.id, substitution: `${agentId} is away (${away.reason}); substitute ${substitute.id} takes it` };
};

/**
 * Whether the agent a time entry is logged for is a member of the service (any role).
 * @example memberOf(facts, serviceId, "ag-bill" as AgentId, "agentId") // CommandRejected{NotEligible}
 */
export const memberOf = (facts: ReferenceFacts, serviceId: ServiceId, agentId: AgentId, field: string): Agent | CommandRejected => {
  const agent = facts.agents.find((a) => a.id === agentId);
  const ref = { field, id: agentId };
  if (agent === undefined) return rejected("UnknownReference", `agent ${agentId} does not exist`, ref);
  return roleOf(agent, serviceId) === undefined
    ? rejected("NotEligible", `agent ${agentId} is not a member of service ${serviceId}`, ref)
    : agent;
};

/**
 * The group and agent ids a command names, which the caller loads into `ReferenceFacts`.
 * @example namedReferences({ type: "Transfer", toGroupId: "g-l2", toAgentId: "ag-1", … }, actor) // { groupIds: ["g-l2"], agentIds: ["ag-1"] }
 */
export const namedReferences = (
  command: { readonly type: string; readonly groupId?: GroupId | null; readonly agentId?: AgentId | null; readonly toGroupId?: GroupId; readonly toAgentId?: AgentId },
  actingAgent: AgentId | undefined,
): { readonly groupIds: ReadonlyArray<GroupId>; readonly agentIds: ReadonlyArray<AgentId> } => {
  switch (command.type) {
    case "Assign":
      return {
        groupIds: command.groupId ? [command.groupId] : [],
        agentIds: command.agentId ? [command.agentId] : [],
      };
    case "Transfer":
      return { groupIds: command.toGroupId ? [command.toGroupId] : [], agentIds: command.toAgentId ? [command.toAgentId] : [] };
    case "LogTime": {
      const agentId = command.agentId ?? actingAgent;
      return { groupIds: [], agentIds: agentId ? [agentId] : [] };
    }
    default:
      return { groupIds: [], agentIds: [] };
  }
};
