import type { AgentId, GroupId, Timestamp } from "../ids/ids";
import type { Agent, Group } from "../service/schema";
import type { AssignmentFilter, Candidate, Chooser } from "./candidate";
import { fewestOpen, leastRecentlyAssigned, roundRobin, type LastAssigned } from "./choosers";
import { hasSkills, inGroup, notAbsent, onShift, underCapacity, type OpenCounts } from "./filters";
import type { AssignmentStrategy } from "./strategy";

/**
 * What to assign: the target group, the strategy, and agents to leave out (e.g. the one who stalled it).
 * @example
 * const request: Assignment.AssignmentRequest = { group: l2, strategy: Assignment.defaultAssignmentStrategy, requiredSkills: ["sap"], exclude: [AgentId("ag-tom")] }
 */
export interface AssignmentRequest {
  readonly group: Group;
  readonly strategy: AssignmentStrategy;
  /** Skills the ticket needs on top of the strategy's own. */
  readonly requiredSkills?: ReadonlyArray<string>;
  readonly exclude?: ReadonlyArray<AgentId>;
}

/**
 * What the pipeline knows about people and load at the instant of assignment.
 * @example
 * const context: Assignment.AssignmentContext = { agents, openCounts: await store.openTicketCounts(serviceId, l2.members), lastAssigned: {}, cursor: null }
 */
export interface AssignmentContext {
  /** Every agent who may be a member or a substitute. */
  readonly agents: ReadonlyArray<Agent>;
  readonly openCounts: OpenCounts;
  readonly lastAssigned: LastAssigned;
  /** The round-robin cursor persisted for this group: the slot picked last time. */
  readonly cursor: AgentId | null;
  /** Whether an agent is on shift; without it everyone counts as on shift. */
  readonly isWorking?: (agent: Agent, now: Timestamp) => boolean;
}

/**
 * The outcome: an agent or the group queue (`agentId: null`), the cursor to persist, and every reason.
 * @example
 * const { agentId, groupId, cursor }: Assignment.Assignment = Assignment.assign(request, context, Date.now()) // agentId null: the group queue
 */
export interface Assignment {
  readonly agentId: AgentId | null;
  readonly groupId: GroupId;
  /** The new round-robin cursor; present only when round robin picked someone. */
  readonly cursor?: AgentId;
  /** The substituted member, when a substitute got the ticket in their place. */
  readonly standsInFor?: AgentId;
  readonly explanation: ReadonlyArray<string>;
}

/**
 * The filters a strategy asks for, in pipeline order: membership, absence, skills, shift, capacity.
 * @example
 * Assignment.filtersFor(request, context).length // membership, absence, skills, shift and capacity stages the strategy asks for
 */
export const filtersFor = (request: AssignmentRequest, context: AssignmentContext): ReadonlyArray<AssignmentFilter> => {
  const { strategy } = request;
  const skills = [...new Set([...(strategy.requiredSkills ?? []), ...(request.requiredSkills ?? [])])];
  const excluded = new Set<string>(request.exclude ?? []);
  const exclude: AssignmentFilter = (cs) => ({
    kept: cs.filter((c) => !excluded.has(c.agent.id)),
    notes: cs.filter((c) => excluded.has(c.agent.id)).map((c) => `${c.agent.id} is excluded by the request`),
  });
  return [
    inGroup(request.group),
    // Absence comes before the other filters so a substitute is checked by them too.
    notAbsent(context.agents),
    ...(excluded.size > 0 ? [exclude] : []),
    hasSkills(skills),
    ...(strategy.respectShift && context.isWorking ? [onShift(context.isWorking)] : []),
    ...(strategy.respectCapacity ? [underCapacity(context.openCounts)] : []),
  ];
};

/**
 * The chooser a strategy names; `queue` has none.
 * @example
 * Assignment.chooserFor({ kind: "queue" }, context) // null: the ticket stays in the group queue
 */
export const chooserFor = (strategy: AssignmentStrategy, context: AssignmentContext): Chooser | null => {
  switch (strategy.kind) {
    case "round-robin":
      return roundRobin(context.cursor);
    case "fewest-open":
      return fewestOpen(context.openCounts, context.lastAssigned);
    case "least-recent":
      return leastRecentlyAssigned(context.lastAssigned);
    case "queue":
      return null;
  }
};

/**
 * Runs the assignment pipeline: filters feed a chooser; with no eligible agent (or the `queue`
 * strategy) the ticket stays in the group queue. Every decision is in `explanation`. Pure.
 * @example
 * const a = assign({ group, strategy: { kind: "round-robin", respectCapacity: true, respectShift: false } },
 *   { agents, openCounts: {}, lastAssigned: {}, cursor: null }, now)
 * a.agentId // "ag-1", a.cursor // "ag-1"
 */
export function assign(request: AssignmentRequest, context: AssignmentContext, now: Timestamp): Assignment {
  const groupId = request.group.id;
  const explanation: Array<string> = [`assign in group ${groupId} by ${request.strategy.kind}`];
  if (request.strategy.kind === "queue") {
    return { agentId: null, groupId, explanation: [...explanation, "strategy is queue: the ticket waits in the group queue"] };
  }
  if (request.strategy.respectShift && context.isWorking === undefined) {
    explanation.push("no shift information: every agent counts as on shift");
  }
  const byId = new Map<string, Agent>(context.agents.map((a) => [a.id, a]));
  let candidates: ReadonlyArray<Candidate> = request.group.members.flatMap((id) => {
    const agent = byId.get(id);
    if (agent === undefined) explanation.push(`member ${id} is not a known agent`);
    return agent === undefined ? [] : [{ agent, standsInFor: null }];
  });
  for (const filter of filtersFor(request, context)) {
    const result = filter(candidates, now);
    explanation.push(...result.notes);
    candidates = result.kept;
  }
  const chooser = chooserFor(request.strategy, context);
  const choice = chooser?.(candidates);
  if (choice?.chosen == null) {
    explanation.push("no eligible agent: the ticket waits in the group queue");
    return { agentId: null, groupId, explanation };
  }
  explanation.push(choice.note);
  const chosen = choice.chosen;
  return {
    agentId: chosen.agent.id,
    groupId,
    ...(choice.cursor !== undefined ? { cursor: choice.cursor } : {}),
    ...(chosen.standsInFor !== null ? { standsInFor: chosen.standsInFor } : {}),
    explanation,
  };
}
