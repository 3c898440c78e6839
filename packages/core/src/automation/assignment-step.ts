import { assign, type Assignment, type AssignmentStrategy, type LastAssigned } from "../assignment";
import type { AgentId, GroupId, ServiceId, Timestamp } from "../ids/ids";
import type { Agent, Group } from "../service/schema";
import type { Store } from "../store/port";
import type { Automation } from "./config";

/** The store cursor holding a group's round-robin turn. @example roundRobinKey("l2") // "round-robin:l2" */
export const roundRobinKey = (groupId: GroupId): string => `round-robin:${groupId}`;

/** The store cursor holding when an agent was last given a ticket (epoch ms). @example lastAssignedKey("ag-1") // "last-assigned:ag-1" */
export const lastAssignedKey = (agentId: AgentId): string => `last-assigned:${agentId}`;

/**
 * Whether an agent is on shift at an instant: their calendar (`Agent.calendarId`, one of the
 * service's SLA calendars) is open. An agent without a calendar, or whose calendar the service
 * does not define, counts as always on shift: a typo must not empty every queue.
 * @example shiftOf(automation)({ ...agent, calendarId: "madrid" }, Date.UTC(2026, 0, 3, 12)) // false on a Saturday
 */
export const shiftOf =
  (automation: Pick<Automation, "calendars" | "isOpen">) =>
  (agent: Agent, now: Timestamp): boolean =>
    agent.calendarId === undefined || automation.calendars[agent.calendarId] === undefined || automation.isOpen(agent.calendarId, now);

/** When each agent was last given a ticket, as persisted by earlier assignments (any Desk instance sharing the store). */
export async function lastAssignedOf(store: Store, serviceId: ServiceId, agents: ReadonlyArray<Agent>): Promise<LastAssigned> {
  const entries = await Promise.all(agents.map(async (a) => [a.id, await store.getCursor(serviceId, lastAssignedKey(a.id))] as const));
  return Object.fromEntries(entries.flatMap(([id, v]) => (v === undefined || !Number.isFinite(Number(v)) ? [] : [[id, Number(v)]])));
}

/**
 * Runs the assignment pipeline as the Desk does: the service's agents (members, and substitutes
 * who are members too), their open tickets, their shifts (calendars), the persisted round-robin
 * cursor and last-assigned times; then persists the new cursor and the chosen agent's
 * last-assigned time. The routing hook calls it, so the live Desk and the dry run share it.
 * @example const result = await assignInStore(store, serviceId, group, strategyOfAction(action), automation, now)
 */
export async function assignInStore(
  store: Store,
  serviceId: ServiceId,
  group: Group,
  strategy: AssignmentStrategy,
  automation: Pick<Automation, "calendars" | "isOpen">,
  now: Timestamp,
): Promise<Assignment> {
  // Only the service's own agents are candidates or substitutes: a ticket never goes to an outsider.
  const agents = await store.listAgents(serviceId);
  const [counts, lastAssigned, cursor] = await Promise.all([
    store.openTicketCounts(serviceId, agents.map((a) => a.id)),
    lastAssignedOf(store, serviceId, agents),
    store.getCursor(serviceId, roundRobinKey(group.id)),
  ]);
  const result = assign(
    { group, strategy },
    { agents, openCounts: Object.fromEntries(counts), lastAssigned, cursor: (cursor ?? null) as AgentId | null, isWorking: shiftOf(automation) },
    now,
  );
  // Cursors are advisory fairness state: saving them before the append at worst skips one agent's turn.
  if (result.cursor !== undefined) await store.setCursor(serviceId, roundRobinKey(group.id), result.cursor);
  if (result.agentId !== null) await store.setCursor(serviceId, lastAssignedKey(result.agentId), String(now));
  return result;
}
