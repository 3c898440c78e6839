import type { Actor } from "../auth/actor";
import type { Timestamp } from "../ids/ids";
import type { EventOf } from "../ticket/events";
import type { Assignment } from "./assign";

/**
 * The `Assigned` event recording an assignment, its reason the last line of the explanation
 * (who was chosen and why, or why the ticket waits in the queue).
 * @example const event = assignedEvent(assign(request, context, now), now, systemActor("assignment"))
 */
export const assignedEvent = (assignment: Assignment, at: Timestamp, by: Actor): EventOf<"Assigned"> => ({
  type: "Assigned",
  at,
  by,
  groupId: assignment.groupId,
  agentId: assignment.agentId,
  reason: assignment.explanation.at(-1) ?? null,
});
