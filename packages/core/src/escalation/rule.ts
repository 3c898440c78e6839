import * as Schema from "effect/Schema";
import { AgentId, CalendarId, GroupId, RuleId, ServiceId } from "../ids/ids";
import { Priority } from "../ticket/schema";
import { Status } from "../ticket/status";

const Minutes = Schema.Number.check(Schema.isGreaterThanOrEqualTo(0));
const Name = Schema.String.check(Schema.isMinLength(1));
const optionalFields = {
  /** Statuses in which the condition holds; see `defaultStatuses`. */
  statuses: Schema.optionalKey(Schema.Array(Status)),
  /** Count minutes in this calendar's business hours instead of wall-clock time. */
  calendarId: Schema.optionalKey(CalendarId),
} as const;

/**
 * The ticket has had no update (reply, note, status, field, assignment…) for `minutes`.
 * @example
 * Schema.decodeUnknownSync(NoUpdate)({ kind: "no-update", minutes: 240 })
 */
export const NoUpdate = Schema.Struct({ kind: Schema.Literal("no-update"), minutes: Minutes, ...optionalFields });
/**
 * The customer has waited `minutes` (default 0) for a public agent reply since they last wrote (or since opening).
 * @example
 * Schema.decodeUnknownSync(NoResponse)({ kind: "no-response", minutes: 120 })
 */
export const NoResponse = Schema.Struct({
  kind: Schema.Literal("no-response"),
  minutes: Schema.optionalKey(Minutes),
  ...optionalFields,
});
/**
 * An SLA metric crossed a named threshold (e.g. `warning` or `breach`) of its current cycle.
 * @example
 * Schema.decodeUnknownSync(SlaThreshold)({ kind: "sla-threshold", metric: "first-response", threshold: "breach" })
 */
export const SlaThreshold = Schema.Struct({
  kind: Schema.Literal("sla-threshold"),
  metric: Name,
  threshold: Name,
  ...optionalFields,
});

/**
 * When a ticket counts as stalled.
 * @example
 * Schema.decodeUnknownSync(EscalationCondition)({ kind: "sla-threshold", metric: "resolution", threshold: "warning" })
 */
export const EscalationCondition = Schema.Union([NoUpdate, NoResponse, SlaThreshold]);
export type EscalationCondition = typeof EscalationCondition.Type;

/**
 * What a level does when it fires.
 * @example
 * Schema.decodeUnknownSync(EscalationAction)({ kind: "raise-priority", to: "urgent" })
 */
export const EscalationAction = Schema.Union([
  /** Ask the lead of the ticket's group to look (a `NotificationRequested` event). */
  Schema.Struct({ kind: Schema.Literal("notify-lead"), template: Schema.optionalKey(Name) }),
  /** One step up, or straight to `to`; never lowers the priority. */
  Schema.Struct({ kind: Schema.Literal("raise-priority"), to: Schema.optionalKey(Priority) }),
  /** Give the ticket to an agent and/or a group queue. */
  Schema.Struct({
    kind: Schema.Literal("reassign"),
    groupId: Schema.optionalKey(GroupId),
    agentId: Schema.optionalKey(AgentId),
  }).check(
    Schema.makeFilter((a) => (a.groupId === undefined && a.agentId === undefined ? "reassign needs a groupId or an agentId" : undefined)),
  ),
  /** Move the ticket to another group (typically level 2), into its queue. */
  Schema.Struct({ kind: Schema.Literal("transfer"), groupId: GroupId }),
]);
export type EscalationAction = typeof EscalationAction.Type;

/**
 * One rung of the ladder: due `afterMinutes` after the condition holds (for SLA rules, after the
 * level's own `threshold`, which defaults to the condition's).
 * @example
 * Schema.decodeUnknownSync(EscalationLevel)({ level: 1, afterMinutes: 30, actions: [{ kind: "notify-lead" }] })
 */
export const EscalationLevel = Schema.Struct({
  level: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1)),
  afterMinutes: Schema.optionalKey(Minutes),
  threshold: Schema.optionalKey(Name),
  actions: Schema.Array(EscalationAction).check(Schema.isMinLength(1)),
});
export type EscalationLevel = typeof EscalationLevel.Type;

/**
 * An escalation rule of a service: a stall condition and a ladder of levels with actions.
 * @example
 * const rule: EscalationRule = {
 *   id: RuleId("stalled"), serviceId: ServiceId("svc"), name: "Stalled 4h", enabled: true,
 *   condition: { kind: "no-update", minutes: 240, calendarId: CalendarId("office") },
 *   levels: [
 *     { level: 1, actions: [{ kind: "notify-lead" }] },
 *     { level: 2, afterMinutes: 120, actions: [{ kind: "raise-priority" }, { kind: "transfer", groupId: GroupId("l2") }] },
 *   ],
 * }
 */
export const EscalationRule = Schema.Struct({
  id: RuleId,
  serviceId: ServiceId,
  name: Name,
  enabled: Schema.Boolean,
  condition: EscalationCondition,
  levels: Schema.Array(EscalationLevel).check(Schema.isMinLength(1)),
}).check(
  Schema.makeFilter((r) => {
    const levels = r.levels.map((l) => l.level);
    if (new Set(levels).size !== levels.length) return "levels must be distinct";
    if (r.condition.kind !== "sla-threshold" && r.levels.some((l) => l.threshold !== undefined)) {
      return "only sla-threshold rules may name a threshold per level";
    }
    return undefined;
  }),
);
export type EscalationRule = typeof EscalationRule.Type;

/**
 * Statuses a condition holds in when it names none: stalls count only while the desk owes work.
 * @example
 * defaultStatuses({ kind: "no-update", minutes: 240 }) // ["new", "open"]
 */
export const defaultStatuses = (condition: EscalationCondition): ReadonlyArray<Status> =>
  condition.statuses ??
  (condition.kind === "sla-threshold" ? ["new", "open", "pending-customer", "pending-third-party"] : ["new", "open"]);
