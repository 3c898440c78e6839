import * as Schema from "effect/Schema";
import type { Timestamp } from "../ids/ids";
import type { TicketEvent } from "../ticket/events";
import type { Ticket } from "../ticket/schema";
import { lastActivityAt, waitingSince, type BusinessClock, type SlaThresholdLookup } from "./arming";
import { defaultStatuses, type EscalationAction, type EscalationCondition, type EscalationRule } from "./rule";

/**
 * What escalation needs besides the ticket: business time and SLA thresholds, when rules use them.
 * @example
 * const context: Escalation.EscalationContext = { clock, slaThreshold } // both optional: rules without calendars or SLA need neither
 */
export interface EscalationContext {
  readonly clock?: BusinessClock;
  readonly slaThreshold?: SlaThresholdLookup;
}

/**
 * A rule uses business time or SLA thresholds but the context does not provide them.
 * @example
 * if (error instanceof Escalation.EscalationSetupError) console.error(`rule ${error.ruleId}: ${error.message}`)
 */
export class EscalationSetupError extends Schema.TaggedError<EscalationSetupError>()("EscalationSetupError", {
  ruleId: Schema.String,
  message: Schema.String,
}) {}

/**
 * One level of one rule, armed for the current stall, with the instant it falls due.
 * @example
 * for (const level of Escalation.pendingEscalations(ticket, history, rules, now, context)) console.log(level.key, new Date(level.dueAt))
 */
export interface ArmedLevel {
  readonly ruleId: string;
  readonly level: number;
  /** The start of the stall this level belongs to; a new stall re-arms the level. */
  readonly armedAt: Timestamp;
  readonly dueAt: Timestamp;
  /** `ruleId:level@armedAt`: fires at most once per key. */
  readonly key: string;
  readonly actions: ReadonlyArray<EscalationAction>;
  readonly reason: string;
}

/**
 * The idempotence key of a level: the rule, the level and the instant its stall started.
 * @example escalationKey("stalled", 2, 1700000000000) // "stalled:2@1700000000000"
 */
export const escalationKey = (ruleId: string, level: number, armedAt: Timestamp): string => `${ruleId}:${level}@${armedAt}`;

/**
 * Whether a level already fired for the stall that started at `armedAt`: its key is on the
 * ticket, or the history holds an `Escalated` for the rule and level at or after `armedAt`
 * (an escalation is always written after its stall began).
 * @example
 * Escalation.hasFired(ticket, history, "stalled", 1, armedAt) // true once level 1 of "stalled" fired for this stall
 */
export const hasFired = (ticket: Ticket, history: ReadonlyArray<TicketEvent>, ruleId: string, level: number, armedAt: Timestamp): boolean =>
  ticket.escalations.includes(escalationKey(ruleId, level, armedAt)) ||
  history.some((e) => e.type === "Escalated" && e.ruleId === ruleId && e.level === level && e.at >= armedAt);

const iso = (t: Timestamp): string => new Date(t).toISOString();
const MINUTE = 60_000;

const addMinutes = (rule: EscalationRule, condition: EscalationCondition, from: Timestamp, minutes: number, ctx: EscalationContext): Timestamp => {
  if (condition.calendarId === undefined) return from + minutes * MINUTE;
  if (ctx.clock === undefined) {
    throw new EscalationSetupError({ ruleId: rule.id, message: `rule ${rule.id} counts business minutes but no business clock was given` });
  }
  return ctx.clock.addBusiness(condition.calendarId, from, minutes * MINUTE);
};

const unit = (c: EscalationCondition): string => (c.calendarId === undefined ? "minutes" : `business minutes (calendar ${c.calendarId})`);

/** The levels of one rule armed for the ticket's current stall, fired or not. */
const levelsOf = (
  rule: EscalationRule,
  ticket: Ticket,
  history: ReadonlyArray<TicketEvent>,
  now: Timestamp,
  ctx: EscalationContext,
): ReadonlyArray<ArmedLevel> => {
  const c = rule.condition;
  if (!rule.enabled || rule.serviceId !== ticket.serviceId || !defaultStatuses(c).includes(ticket.status)) return [];
  const armed = (level: number, armedAt: Timestamp, dueAt: Timestamp, actions: ReadonlyArray<EscalationAction>, reason: string): ArmedLevel => ({
    ruleId: rule.id,
    level,
    armedAt,
    dueAt,
    key: escalationKey(rule.id, level, armedAt),
    actions,
    reason,
  });
  if (c.kind === "sla-threshold") {
    const lookup = ctx.slaThreshold;
    if (lookup === undefined) {
      throw new EscalationSetupError({ ruleId: rule.id, message: `rule ${rule.id} watches SLA thresholds but no SLA lookup was given` });
    }
    return rule.levels.flatMap((l) => {
      const threshold = l.threshold ?? c.threshold;
      const found = lookup(ticket, history, c.metric, threshold, now);
      if (found === null) return [];
      const after = l.afterMinutes ?? 0;
      const reason = `${c.metric} crossed ${threshold} at ${iso(found.at)}${after > 0 ? ` + ${after} ${unit(c)}` : ""}`;
      // Armed by the metric's cycle, not the threshold instant: a re-target (say, a raised priority)
      // moves unfired levels but never re-fires a fired one.
      return [armed(l.level, found.cycleStart, addMinutes(rule, c, found.at, after, ctx), l.actions, reason)];
    });
  }
  const since = c.kind === "no-update" ? lastActivityAt(history) : waitingSince(history);
  if (since === null) return [];
  const base = c.minutes ?? 0;
  return rule.levels.map((l) => {
    const total = base + (l.afterMinutes ?? 0);
    const what = c.kind === "no-update" ? "no update since" : "no response to the customer since";
    return armed(l.level, since, addMinutes(rule, c, since, total, ctx), l.actions, `${what} ${iso(since)} for ${total} ${unit(c)}`);
  });
};

const byDue = (a: ArmedLevel, b: ArmedLevel): number =>
  a.dueAt - b.dueAt || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || a.level - b.level;

/**
 * Every level armed for the ticket's current stalls (as they stand at `now`) that has not fired yet, earliest first.
 * @example pendingEscalations(ticket, history, rules, now, { clock }).map((l) => l.dueAt)
 */
export const pendingEscalations = (
  ticket: Ticket,
  history: ReadonlyArray<TicketEvent>,
  rules: ReadonlyArray<EscalationRule>,
  now: Timestamp,
  context: EscalationContext = {},
): ReadonlyArray<ArmedLevel> =>
  rules
    .flatMap((r) => levelsOf(r, ticket, history, now, context))
    .filter((l) => !hasFired(ticket, history, l.ruleId, l.level, l.armedAt))
    .sort(byDue);

/**
 * The levels due at `now` that have not fired for the current stall, in firing order. Pure.
 * @example dueEscalations(ticket, history, rules, now) // [{ ruleId: "stalled", level: 1, dueAt, key: "stalled:1@…", … }]
 */
export const dueEscalations = (
  ticket: Ticket,
  history: ReadonlyArray<TicketEvent>,
  rules: ReadonlyArray<EscalationRule>,
  now: Timestamp,
  context: EscalationContext = {},
): ReadonlyArray<ArmedLevel> => pendingEscalations(ticket, history, rules, now, context).filter((l) => l.dueAt <= now);

/**
 * The earliest instant an unfired level falls due (possibly already past), or null: what the
 * ticket's `nextDeadline` should hold for escalation so a sweep finds it.
 * @example nextEscalationDeadline(ticket, history, rules, now) // 1700014400000
 */
export const nextEscalationDeadline = (
  ticket: Ticket,
  history: ReadonlyArray<TicketEvent>,
  rules: ReadonlyArray<EscalationRule>,
  now: Timestamp,
  context: EscalationContext = {},
): Timestamp | null => pendingEscalations(ticket, history, rules, now, context)[0]?.dueAt ?? null;
