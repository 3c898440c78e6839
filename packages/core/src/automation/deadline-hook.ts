import type { DeskHook } from "../desk/hooks";
import { businessClockOf, nextEscalationDeadline, slaThresholdsOf } from "../escalation";
import type { TicketEvent } from "../ticket/events";
import type { AutomationCache } from "./config";
import { slaConfigFor } from "./sla-hook";

const minOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));

/**
 * The SLA engine's own next deadline: the last `SlaApplied` in the history.
 * @example
 * Automation.slaDeadline(history) // the nextDeadline of the last SlaApplied, or null
 */
export const slaDeadline = (history: ReadonlyArray<TicketEvent>): number | null => {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i];
    if (e?.type === "SlaApplied") return e.nextDeadline;
  }
  return null;
};

/**
 * Keeps the ticket's `nextDeadline` — the one column a sweep reads — at the earliest of the SLA's
 * next target or threshold and the next escalation level due.
 * @example
 * createDesk({ store, hooks: [Automation.slaHook(cache), Automation.deadlineHook(cache)] }) // after the hooks whose deadlines it keeps
 */
export const deadlineHook = (cache: AutomationCache): DeskHook => ({
  name: "deadline",
  async afterChange(ctx) {
    const automation = await cache.get(ctx.store, ctx.service.id);
    if (automation.escalation.length === 0 && automation.sla === null) return [];
    const sla = slaConfigFor(automation, ctx.after);
    const escalation = automation.escalation.length === 0 ? null : nextEscalationDeadline(ctx.after, ctx.history, automation.escalation, ctx.now, {
      clock: businessClockOf(automation.calendars),
      ...(sla ? { slaThreshold: slaThresholdsOf(sla) } : {}),
    });
    const next = minOf(slaDeadline(ctx.history), escalation);
    if (next === ctx.after.nextDeadline) return [];
    return [{ type: "DeadlineSet", at: ctx.now, by: { kind: "system", name: "deadline" }, nextDeadline: next, reason: "next SLA target or escalation level" }];
  },
});
