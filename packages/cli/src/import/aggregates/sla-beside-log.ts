import { fold, Sla, type ServiceId, type Ticket } from "@spoc/core";
import type { HistorySource } from "./imported-cases";
import { r6 } from "./statistics";

/**
 * The resolution policy spoc applies to the imported ServiceNow log (docs/import.md): calendar
 * time (24×7, the log has no time zone or hours), the clock paused while the incident awaits the
 * user, a vendor or a problem, targets per priority in minutes.
 */
export const servicenowResolutionPolicy: Sla.SlaPolicy = {
  id: "servicenow-resolution",
  name: "Resolution by priority (24×7, paused while awaiting)",
  time: "calendar",
  targets: { resolution: { urgent: 60, high: 4 * 60, normal: 72 * 60, low: 168 * 60 } },
};

/** How spoc's SLA verdicts compare with the log's own `made_sla` flag. */
export interface SlaComparison {
  readonly incidents: number;
  readonly agree: number;
  readonly agreementRate: number | null;
  /** spoc met / breached × log true / false. */
  readonly matrix: { readonly metLogTrue: number; readonly metLogFalse: number; readonly breachedLogTrue: number; readonly breachedLogFalse: number };
  readonly byPriority: Readonly<Record<string, { incidents: number; agree: number; agreementRate: number }>>;
  /** A few incidents where the two disagree, for explanation. */
  readonly examples: ReadonlyArray<{ sourceId: string; priority: string; madeSla: string; spoc: string; resolutionHours: number; targetHours: number | null }>;
}

/**
 * Runs spoc's SLA engine on each imported incident's history (at its last event) and compares the
 * resolution verdict with the log's final `made_sla` flag.
 * @example const c = await slaBesideLog(storeHistories(store), "svc-servicenow"); c.agreementRate
 */
export async function slaBesideLog(source: HistorySource, serviceId: string, policy: Sla.SlaPolicy = servicenowResolutionPolicy): Promise<SlaComparison> {
  const config = Sla.compileSlaConfigOrThrow({ policies: [policy], metrics: [Sla.builtinMetrics.resolution] });
  const matrix = { metLogTrue: 0, metLogFalse: 0, breachedLogTrue: 0, breachedLogFalse: 0 };
  const byPriority: Record<string, { incidents: number; agree: number; agreementRate: number }> = {};
  const examples: Array<SlaComparison["examples"][number]> = [];
  let incidents = 0;
  for await (const history of source(serviceId as ServiceId)) {
    const t = fold(history) as Ticket | undefined;
    if (t === undefined || t.customFields.made_sla === undefined) continue;
    incidents++;
    const status = Sla.slaStatus(history, config, t.updatedAt);
    const cycles = status.cycles.filter((c) => c.metric === "resolution");
    const breached = cycles.some((c) => c.state === "breached" || c.breachedAt !== null);
    const logTrue = t.customFields.made_sla === "true";
    const agree = breached !== logTrue;
    if (breached) matrix[logTrue ? "breachedLogTrue" : "breachedLogFalse"]++;
    else matrix[logTrue ? "metLogTrue" : "metLogFalse"]++;
    const p = String(t.customFields.priority ?? t.priority);
    const b = (byPriority[p] ??= { incidents: 0, agree: 0, agreementRate: 0 });
    b.incidents++;
    if (agree) b.agree++;
    if (!agree && examples.length < 10) {
      const c = cycles[0];
      examples.push({
        sourceId: String(t.customFields.sourceId), priority: p, madeSla: String(t.customFields.made_sla), spoc: breached ? "breached" : "met",
        resolutionHours: r6((c?.elapsedMs ?? 0) / 3_600_000), targetHours: c?.targetMs == null ? null : r6(c.targetMs / 3_600_000),
      });
    }
  }
  for (const b of Object.values(byPriority)) b.agreementRate = r6(b.agree / b.incidents);
  const agree = matrix.metLogTrue + matrix.breachedLogFalse;
  return { incidents, agree, agreementRate: incidents === 0 ? null : r6(agree / incidents), matrix, byPriority, examples };
}
