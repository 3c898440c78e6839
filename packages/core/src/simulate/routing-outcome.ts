import type { AgentId, GroupId, Timestamp } from "../ids/ids";
import type { Priority, Ticket } from "../ticket/schema";
import { type AssignmentStrategy, strategyOfAction } from "../assignment/strategy";

/**
 * A routing action as the routing engine emits it; only the fields the simulation reads are named.
 * @example
 * const action: Simulation.RoutingActionLike = { type: "assign-group", groupId: "grp-l2" }
 */
export interface RoutingActionLike {
  readonly type: string;
  readonly groupId?: string;
  readonly agentId?: string;
  readonly strategy?: string;
  readonly skills?: ReadonlyArray<string>;
  readonly priority?: string;
  readonly policyId?: string;
  readonly category?: string | null;
  readonly tags?: ReadonlyArray<string>;
  /** The target of `transfer-to-service`. */
  readonly serviceId?: string;
}

/**
 * What the rules under test decide for a ticket, e.g. `(t, now) => routeTicket(compiled, { trigger: "ticket-opened", now, ticket: t })`.
 * @example
 * const route: Simulation.RouteFunction = (ticket, now) => Routing.routeTicket(compiled, { trigger: "ticket-opened", now, ticket })
 */
export type RouteFunction = (
  ticket: Ticket,
  now: Timestamp,
) => { readonly actions: ReadonlyArray<{ readonly action: RoutingActionLike }>; readonly fired: ReadonlyArray<string> };

/**
 * The routing decision read off the actions, before an assignment strategy picks an agent.
 * @example
 * const { groupId, agentId, priority }: Simulation.RoutingDecision = Simulation.decisionOf([{ type: "set-priority", priority: "high" }], ticket)
 */
export interface RoutingDecision {
  readonly groupId: GroupId | null;
  readonly agentId: AgentId | null;
  readonly strategy: { readonly strategy: AssignmentStrategy; readonly groupId: GroupId | null } | null;
  readonly priority: Priority | null;
  readonly category: string | null | undefined;
  readonly tags: ReadonlyArray<string> | null;
  readonly policyId: string | null;
  /** The service a `transfer-to-service` would move the ticket to (the first one: a ticket moves once), or null. */
  readonly transferTo: string | null;
  readonly ignored: ReadonlyArray<string>;
}

const priorities: ReadonlyArray<string> = ["low", "normal", "high", "urgent"];

/**
 * Folds routing actions in order (a later action overrides an earlier one of its kind) into a decision.
 * @example decisionOf([{ type: "assign-group", groupId: "l2" }], ticket).groupId // "l2"
 */
export const decisionOf = (actions: ReadonlyArray<RoutingActionLike>, ticket: Ticket): RoutingDecision => {
  let groupId: GroupId | null = null;
  let agentId: AgentId | null = null;
  let strategy: RoutingDecision["strategy"] = null;
  let priority: Priority | null = null;
  let category: string | null | undefined;
  let tags: Array<string> | null = null;
  let policyId: string | null = null;
  let transferTo: string | null = null;
  const ignored: Array<string> = [];
  for (const a of actions) {
    if (a.type === "assign-group" && a.groupId !== undefined) {
      groupId = a.groupId as GroupId;
      strategy = null;
    } else if (a.type === "assign-agent" && a.agentId !== undefined) {
      agentId = a.agentId as AgentId;
      strategy = null;
    } else if (a.type === "assign-strategy" && a.strategy !== undefined) {
      strategy = {
        strategy: strategyOfAction({ strategy: a.strategy, skills: a.skills }),
        groupId: (a.groupId as GroupId | undefined) ?? null,
      };
      agentId = null;
    } else if (a.type === "set-priority" && a.priority !== undefined && priorities.includes(a.priority)) {
      priority = a.priority as Priority;
    } else if (a.type === "set-category" && a.category !== undefined) {
      category = a.category;
    } else if (a.type === "add-tags" && a.tags !== undefined) {
      tags = [...new Set([...(tags ?? ticket.tags), ...a.tags])];
    } else if (a.type === "remove-tags" && a.tags !== undefined) {
      const drop = new Set(a.tags);
      tags = (tags ?? ticket.tags).filter((t) => !drop.has(t));
    } else if (a.type === "apply-sla-policy" && a.policyId !== undefined) {
      policyId = a.policyId;
    } else if (a.type === "transfer-to-service" && a.serviceId !== undefined) {
      transferTo ??= a.serviceId;
    } else {
      ignored.push(a.type);
    }
  }
  return { groupId, agentId, strategy, priority, category, tags, policyId, transferTo, ignored };
};
