import { actorLabel } from "../auth/actor";
import type { StaffEvent } from "../view/staff-view";

/**
 * Names for actors in a timeline (agent and contact ids → display names).
 * @example
 * timeline(history.map((s) => s.event), (id) => names.get(id)) // NameOf: ids to display names
 */
export type NameOf = (id: string) => string | undefined;

const who = (e: StaffEvent, nameOf: NameOf): string =>
  e.by.kind === "system" ? `system (${e.by.name})` : (nameOf(e.by.id) ?? actorLabel(e.by));

const clip = (s: string, n = 70) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, " ");

/**
 * One line describing what an event did, for people. It describes what it is given: pass it a view
 * (`desk.history` returns one), so a timeline never shows an actor more than `viewOf` lets them see.
 * @example for (const { event } of await desk.history(ana, serviceId, ticketId)) console.log(describeEvent(event))
 */
export function describeEvent(e: StaffEvent, nameOf: NameOf = () => undefined): string {
  const n = (id: string | null) => (id === null ? "nobody" : (nameOf(id) ?? id));
  switch (e.type) {
    case "TicketOpened": return `opened ${e.number} via ${e.channel}: "${e.subject}" (${e.ticketType}, ${e.priority})` +
      (e.handedOffFrom ? ` — handed off from ${e.handedOffFrom.number}` : "");
    case "MessageAdded": return `${e.kind === "customer" ? "customer message" : e.kind === "reply" ? "public reply" : "internal note"}` +
      `${e.automatic ? " (automatic)" : ""}: "${clip(e.body)}"`;
    case "Assigned": return `assigned to group ${n(e.groupId)}, agent ${n(e.agentId)}${e.reason ? ` (${e.reason})` : ""}`;
    case "Transferred": return `transferred from ${n(e.fromGroupId)} to ${n(e.toGroupId)}${e.toAgentId ? ` / ${n(e.toAgentId)}` : ""}: ${e.reason}`;
    case "StatusChanged": return `status ${e.from} → ${e.to}${e.reason ? ` (${e.reason})` : ""}`;
    case "PriorityChanged": return `priority ${e.from} → ${e.to}`;
    case "FieldsChanged": return `changed ${Object.keys(e).filter((k) => !["type", "at", "by"].includes(k)).join(", ")}`;
    case "Reopened": return `reopened${e.reason ? ` (${e.reason})` : ""}`;
    case "Linked": return `linked (${e.kind}) to ${e.ticket.number}`;
    case "Merged": return `merged into ${e.into.number}`;
    case "TimeLogged": return `logged ${e.minutes} min${!e.billable ? "" : e.rateCentsPerHour === null || e.costCents === null ? " billable" :
      ` billable at ${(e.rateCentsPerHour / 100).toFixed(2)}/h = ${(e.costCents / 100).toFixed(2)}`}`;
    case "Rated": return `rated ${e.score}/5${e.comment ? `: "${clip(e.comment)}"` : ""}`;
    case "HandedOff": return `handed off to ${e.to.number}${e.reason ? ` (${e.reason})` : ""}`;
    case "HandOffReceived": {
      const notes = e.messages.filter((m) => m.internal).length;
      const t = e.totals;
      return `received from ${e.from.number} (${e.fromServiceName}): ${e.messages.length} messages (${notes} internal), ` +
        `${t.timeMinutes} min logged (${t.billableMinutes} billable)` + (t.costCents === null ? "" : `, cost ${(t.costCents / 100).toFixed(2)} ${t.currency}`);
    }
    case "TransferRequested": return `transfer to service ${e.toServiceId} requested by rule ${e.ruleId}${e.reason ? ` (${e.reason})` : ""}`;
    case "SlaApplied": return `SLA ${e.policyId ?? "none"} applied${e.nextDeadline ? `, next deadline ${new Date(e.nextDeadline).toISOString()}` : ""}`;
    case "SlaBreached": return `SLA ${e.metric} breached (cycle ${e.cycle})`;
    case "Escalated": return `escalated by ${e.ruleId} to level ${e.level}: ${e.reason}`;
    case "DeadlineSet": return `next deadline ${e.nextDeadline === null ? "cleared" : new Date(e.nextDeadline).toISOString()}`;
    case "NotificationRequested": return `notification "${e.template}" to ${e.to.join(", ")}`;
  }
}

/**
 * Renders a ticket history as readable lines: time, who, what. Feed it the actor's view of the history
 * (`desk.history(actor, …)`): a contact's timeline then has no notes, time logs or SLA lines.
 * @example console.log(timeline((await desk.history(actor, serviceId, ticketId)).map((s) => s.event)).join("\n"))
 */
export const timeline = (events: ReadonlyArray<StaffEvent>, nameOf: NameOf = () => undefined): ReadonlyArray<string> =>
  events.map((e) => `${new Date(e.at).toISOString().slice(0, 16).replace("T", " ")}  ${who(e, nameOf).padEnd(18)}  ${describeEvent(e, nameOf)}`);
