import type { CalendarId, Timestamp } from "../ids/ids";
import { addBusinessTime, slaStatusOf, type CalendarSource, type CompiledCalendar, type CompiledSlaConfig, type CycleStatus, type SlaContext } from "../sla";
import type { TicketEvent } from "../ticket/events";
import type { Ticket } from "../ticket/schema";
import type { BusinessClock, SlaThresholdAt, SlaThresholdLookup } from "./arming";
import { EscalationSetupError } from "./ladder";

/**
 * A business clock over the SLA engine's compiled calendars.
 * @example escalationEvents(ticket, history, rules, now, { clock: businessClockOf({ office: compiledOffice }), groups, agents })
 */
export const businessClockOf = (calendars: CalendarSource): BusinessClock => ({
  addBusiness: (calendarId: CalendarId, from: Timestamp, ms: number) => {
    const cal = calendars instanceof Map ? calendars.get(calendarId) : (calendars as Readonly<Record<string, CompiledCalendar>>)[calendarId];
    if (cal === undefined) throw new EscalationSetupError({ ruleId: "", message: `unknown calendar ${calendarId}` });
    return addBusinessTime(cal, from, ms);
  },
});

/** Where a named threshold of a cycle falls: `breach` is the due instant, any other name a threshold's id or kind. */
const thresholdOf = (cycle: CycleStatus, name: string): Timestamp | null => {
  if (name === "breach") return cycle.due ?? (cycle.stoppedAt === null ? cycle.breachedAt : null);
  const th = cycle.thresholds.find((t) => t.id === name) ?? cycle.thresholds.find((t) => t.kind === name);
  return th?.at ?? null;
};

/**
 * Reads SLA thresholds for `sla-threshold` rules from the SLA engine: the metric's latest cycle,
 * still running (or breached and not stopped); `breach` names the due instant, other names a
 * threshold by id or by kind (`warning`). The cycle's start arms the ladder.
 * @example escalationEvents(ticket, history, rules, now, { slaThreshold: slaThresholdsOf(compiled), groups, agents })
 */
export const slaThresholdsOf =
  (config: CompiledSlaConfig, context: (ticket: Ticket) => SlaContext = () => ({})): SlaThresholdLookup =>
  (ticket: Ticket, history: ReadonlyArray<TicketEvent>, metric: string, threshold: string, now: Timestamp): SlaThresholdAt | null => {
    const cycles = slaStatusOf(history, config, now, context(ticket)).cycles.filter((c) => c.metric === metric);
    const cycle = cycles[cycles.length - 1];
    if (cycle === undefined || cycle.state === "met" || cycle.stoppedAt !== null) return null;
    const at = thresholdOf(cycle, threshold);
    return at === null ? null : { at, cycleStart: cycle.startedAt };
  };
