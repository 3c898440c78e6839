import type { Timestamp } from "../ids/ids";
import { slaStatusOf, type CompiledSlaConfig, type SlaContext } from "../sla";
import type { TicketEvent } from "../ticket/events";

/**
 * How one SLA metric ended up for a ticket (its latest cycle).
 * @example
 * const outcome: Simulation.MetricOutcome = { metric: "first-response", state: "breached", breachedAt: Date.parse("2026-03-02T11:00:00Z"), policyId: "standard" }
 */
export interface MetricOutcome {
  readonly metric: string;
  readonly state: "running" | "paused" | "met" | "breached";
  readonly breachedAt: Timestamp | null;
  readonly policyId: string | null;
}

/**
 * Evaluates SLA outcomes of a history at an instant; `slaOutcomesOf(compiled)` wraps the SLA engine.
 * @example
 * const evaluate: Simulation.SlaEvaluator = Simulation.slaOutcomesOf(Sla.compileSlaConfigOrThrow({ policies }))
 * evaluate(history, Date.now()).filter((o) => o.state === "breached")
 */
export type SlaEvaluator = (history: ReadonlyArray<TicketEvent>, at: Timestamp) => ReadonlyArray<MetricOutcome>;

/**
 * An SLA evaluator over a compiled SLA configuration: the latest cycle of each metric, with a
 * target, as `slaStatus` reports it. A metric breached in any cycle counts as breached.
 * @example simulate({ route, sla: { proposed: slaOutcomesOf(compileSlaConfigOrThrow({ policies })) }, … }, histories)
 */
export const slaOutcomesOf =
  (config: CompiledSlaConfig, context: SlaContext = {}): SlaEvaluator =>
  (history, at) => {
    const status = slaStatusOf(history, config, at, context);
    const byMetric = new Map<string, MetricOutcome>();
    for (const c of status.cycles) {
      if (c.targetMs === null) continue;
      const earlier = byMetric.get(c.metric);
      const breachedAt = earlier?.breachedAt ?? c.breachedAt;
      byMetric.set(c.metric, {
        metric: c.metric,
        state: breachedAt !== null ? "breached" : c.state,
        breachedAt,
        policyId: c.explanation.policyId,
      });
    }
    return [...byMetric.values()];
  };
