import { systemActor } from "../auth/actor";
import type { EventOf, TicketEvent } from "../ticket/events";
import type { Ticket } from "../ticket/schema";
import type { SlaContext } from "./clock";
import type { CompiledSlaConfig } from "./config";
import { slaStatusOf, type CycleState, type SlaStatus } from "./status";

/**
 * The latest cycle of one metric, as recorded on the ticket.
 * @example
 * Sla.summarize(Sla.slaStatus(history, compiled, now)).metrics.map((m: Sla.MetricSummary) => `${m.metric}: ${m.state}`)
 */
export interface MetricSummary {
  readonly metric: string;
  readonly cycle: number;
  readonly state: CycleState;
  readonly targetMs: number | null;
  readonly due: number | null;
  readonly breachedAt: number | null;
  /** Elapsed metric time (business or calendar, as the policy counts) once the cycle is met or breached; null while it runs. */
  readonly elapsedMs?: number | null;
}

/**
 * The compact SLA record kept on the ticket (`SlaApplied.summary`): the latest cycle of each metric with a target.
 * @example
 * const summary: Sla.SlaSummary = Sla.summarize(Sla.slaStatus(history, compiled, now)) // what SlaApplied.summary records
 */
export interface SlaSummary {
  readonly policyId: string | null;
  readonly metrics: ReadonlyArray<MetricSummary>;
}

/**
 * The compact summary of a status: the latest cycle of each metric that has a target, without
 * elapsed time (so it changes only when something happened, not as time passes).
 * @example summarize(slaStatus(history, compiled, now)).metrics[0]?.state
 */
export const summarize = (status: SlaStatus): SlaSummary => {
  const latest = new Map<string, MetricSummary>();
  for (const c of status.cycles) {
    if (c.targetMs === null) continue;
    // Elapsed time only once the cycle is settled, so the summary does not change as time passes.
    const settled = c.stoppedAt !== null;
    latest.set(c.metric, { metric: c.metric, cycle: c.cycle, state: c.state, targetMs: c.targetMs, due: c.due, breachedAt: c.breachedAt, elapsedMs: settled ? c.elapsedMs : null });
  }
  return { policyId: status.policyId, metrics: [...latest.values()] };
};

const summaryKeys = ["metric", "cycle", "state", "targetMs", "due", "breachedAt", "elapsedMs"] as const;

/** Compares field by field: a stored summary may come back from a JSON column with its keys reordered. */
const sameSummary = (a: unknown, b: SlaSummary): boolean => {
  if (typeof a !== "object" || a === null) return false;
  const s = a as { policyId?: unknown; metrics?: unknown };
  if (s.policyId !== b.policyId || !Array.isArray(s.metrics) || s.metrics.length !== b.metrics.length) return false;
  return b.metrics.every((m, i) => {
    const o = (s.metrics as ReadonlyArray<Record<string, unknown> | null>)[i];
    return typeof o === "object" && o !== null && summaryKeys.every((k) => o[k] === m[k]);
  });
};

/**
 * The events the Desk appends after a change, in the same transaction: `SlaBreached` once per
 * (metric, cycle) when a breach is first observed, then `SlaApplied` (summary and next deadline)
 * when either differs from the last one recorded. `history` is the full history, `newEvents`
 * included (empty for a time-driven change, which then works as a sweep). Idempotent: run again
 * on a history that holds its output, it returns nothing. `ticketBefore` is the hook's shape;
 * the previous record is read from the history.
 * @example
 * const extra = applySla(before, [...history, ...newEvents], newEvents, compiled, now)
 */
export const applySla = (
  ticketBefore: Ticket | undefined,
  history: ReadonlyArray<TicketEvent>,
  newEvents: ReadonlyArray<TicketEvent>,
  config: CompiledSlaConfig,
  now: number,
  context: SlaContext = {},
): TicketEvent[] => {
  void ticketBefore;
  void newEvents;
  return recordSla(history, config, now, context);
};

/**
 * What a sweep appends at `now` (≥ the ticket's next deadline) with no new events: the breaches
 * that happened since, and the updated summary and next deadline.
 * @example const extra = sweepSla(history, compiled, now)
 */
export const sweepSla = (
  history: ReadonlyArray<TicketEvent>,
  config: CompiledSlaConfig,
  now: number,
  context: SlaContext = {},
): TicketEvent[] => recordSla(history, config, now, context);

const recordSla = (history: ReadonlyArray<TicketEvent>, config: CompiledSlaConfig, now: number, context: SlaContext): TicketEvent[] => {
  if (!history.some((e) => e.type === "TicketOpened")) return [];
  const status = slaStatusOf(history, config, now, context);
  const recorded = new Set<string>();
  let previous: EventOf<"SlaApplied"> | undefined;
  for (const e of history) {
    if (e.type === "SlaBreached") recorded.add(`${e.metric}#${e.cycle}`);
    else if (e.type === "SlaApplied") previous = e;
  }
  const by = systemActor("sla");
  const out: TicketEvent[] = [];
  for (const c of status.cycles) {
    if (c.breachedAt === null || recorded.has(`${c.metric}#${c.cycle}`)) continue;
    out.push({ type: "SlaBreached", at: now, by, metric: c.metric, cycle: c.cycle, breachedAt: c.breachedAt });
  }
  const summary = summarize(status);
  if (previous === undefined || previous.nextDeadline !== status.nextDeadline || !sameSummary(previous.summary, summary)) {
    out.push({ type: "SlaApplied", at: now, by, policyId: status.policyId, summary, nextDeadline: status.nextDeadline });
  }
  return out;
};
