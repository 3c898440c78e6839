import type { GroupId, AgentId, Timestamp } from "../ids/ids";
import type { TicketEvent } from "../ticket/events";
import type { Priority, Ticket } from "../ticket/schema";
import type { MetricOutcome } from "./sla-outcome";

/**
 * What a dry run compares, per ticket: where it was placed and how each SLA metric ended.
 * @example
 * const fields: ReadonlyArray<Simulation.ComparedField> = ["group", "slaOutcome"]
 */
export type ComparedField = "group" | "agent" | "priority" | "slaOutcome";

/**
 * A ticket's placement after one change (or at the end), live or replayed.
 * @example
 * const at: Simulation.PlacementAt = { label: "at the end", groupId: null, agentId: null, priority: "normal", automation: [] }
 */
export interface PlacementAt {
  /** Which change: `"after OpenTicket at 2026-10-01T09:12:00.000Z"`, or `"at the end"`. */
  readonly label: string;
  readonly groupId: GroupId | null;
  readonly agentId: AgentId | null;
  readonly priority: Priority;
  /** The automation's events of that change, one line each (what routing, SLA and escalation decided). */
  readonly automation: ReadonlyArray<string>;
}

/**
 * One ticket of a dry run: what differs between the live history and the replay, and why.
 * @example
 * for (const t of simulation.tickets) if (t.changed.length > 0) console.log(t.number, t.changed, t.explanation)
 */
export interface TicketReplay {
  readonly ticketId: string;
  readonly number: string;
  readonly changed: ReadonlyArray<ComparedField>;
  readonly live: { readonly groupId: GroupId | null; readonly agentId: AgentId | null; readonly priority: Priority; readonly sla: ReadonlyArray<MetricOutcome> };
  readonly replay: { readonly groupId: GroupId | null; readonly agentId: AgentId | null; readonly priority: Priority; readonly sla: ReadonlyArray<MetricOutcome> };
  /** Why: the first change where each field differs, with what the automation did live and in the replay. */
  readonly explanation: ReadonlyArray<string>;
}

/** One line naming an automation event: what it set and the reason it gives. @example describeEvent(assigned) // "Assigned l2/ag-lee (rule to-l2: …)" */
export const describeEvent = (e: TicketEvent): string => {
  switch (e.type) {
    case "Assigned": return `Assigned ${e.groupId ?? "-"}/${e.agentId ?? "queue"}${e.reason ? ` (${e.reason})` : ""}`;
    case "PriorityChanged": return `PriorityChanged ${e.from} → ${e.to}`;
    case "MessageAdded": return `note: ${e.body}`;
    case "Escalated": return `Escalated ${e.reason}`;
    case "SlaBreached": return `SlaBreached ${e.metric}`;
    default: return e.type;
  }
};

/** The placement of a ticket after a change. @example placementOf("at the end", ticket, []) */
export const placementOf = (label: string, t: Ticket, automation: ReadonlyArray<TicketEvent>): PlacementAt => ({
  label, groupId: t.groupId, agentId: t.assigneeId, priority: t.priority,
  automation: automation.filter((e) => e.type !== "DeadlineSet" && e.type !== "SlaApplied").map(describeEvent),
});

const fields: ReadonlyArray<readonly [Exclude<ComparedField, "slaOutcome">, (p: PlacementAt) => string | null]> = [
  ["group", (p) => p.groupId], ["agent", (p) => p.agentId], ["priority", (p) => p.priority],
];
const outcomeKey = (o: ReadonlyArray<MetricOutcome>): string => JSON.stringify(o.map((m) => [m.metric, m.state]));
const slaLine = (o: ReadonlyArray<MetricOutcome>): string => o.map((m) => `${m.metric} ${m.state}`).join(", ") || "none";

/**
 * Compares a ticket's live placements with the replay's, change by change (the two lists are
 * aligned: the replay writes one change per live change), and its SLA outcomes; explains the
 * first difference of each field. Pure.
 * @example compareTicket({ ticketId, number }, live, replay, liveSla, replaySla).changed // ["agent"]
 */
export function compareTicket(
  ref: { readonly ticketId: string; readonly number: string },
  live: ReadonlyArray<PlacementAt>,
  replay: ReadonlyArray<PlacementAt>,
  liveSla: ReadonlyArray<MetricOutcome>,
  replaySla: ReadonlyArray<MetricOutcome>,
): TicketReplay {
  const changed: Array<ComparedField> = [];
  const explanation: Array<string> = [];
  for (const [field, read] of fields) {
    const i = live.findIndex((p, k) => replay[k] !== undefined && read(p) !== read(replay[k] as PlacementAt));
    if (i < 0) continue;
    const [l, r] = [live[i] as PlacementAt, replay[i] as PlacementAt];
    changed.push(field);
    explanation.push(`${field} ${l.label}: live ${read(l) ?? "none"}, replay ${read(r) ?? "none"}`,
      `  live automation: ${l.automation.join("; ") || "nothing"}`, `  replay automation: ${r.automation.join("; ") || "nothing"}`);
  }
  if (outcomeKey(liveSla) !== outcomeKey(replaySla)) {
    changed.push("slaOutcome");
    explanation.push(`SLA outcome: live ${slaLine(liveSla)}; replay ${slaLine(replaySla)}`);
  }
  const end = (ps: ReadonlyArray<PlacementAt>, sla: ReadonlyArray<MetricOutcome>) => {
    const p = ps.at(-1);
    return { groupId: p?.groupId ?? null, agentId: p?.agentId ?? null, priority: p?.priority ?? "normal", sla };
  };
  return { ...ref, changed, live: end(live, liveSla), replay: end(replay, replaySla), explanation };
}

/**
 * The totals of a dry run: tickets compared and, per field, how many differ.
 * @example
 * const counts: Simulation.ChangeCounts = Simulation.countChanges(replays) // { group: 0, agent: 2, priority: 1, slaOutcome: 0 }
 */
export interface ChangeCounts {
  readonly group: number;
  readonly agent: number;
  readonly priority: number;
  readonly slaOutcome: number;
}

/** Counts the tickets whose group, agent, priority or SLA outcome differ. @example countChanges(replays) // { group: 0, agent: 2, … } */
export const countChanges = (tickets: ReadonlyArray<TicketReplay>): ChangeCounts => {
  const n = (f: ComparedField) => tickets.filter((t) => t.changed.includes(f)).length;
  return { group: n("group"), agent: n("agent"), priority: n("priority"), slaOutcome: n("slaOutcome") };
};

/**
 * An instant as the explanations print it.
 * @example
 * Simulation.isoAt(0) // "1970-01-01T00:00:00.000Z"
 */
export const isoAt = (t: Timestamp): string => new Date(t).toISOString();
