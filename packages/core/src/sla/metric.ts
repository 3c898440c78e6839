import * as Schema from "effect/Schema";
import type { TicketEvent } from "../ticket/events";
import { MessageKind } from "../ticket/events";
import { Channel } from "../ticket/schema";
import { Status, statusCategory, type PauseReason as PauseReasonType } from "../ticket/status";

/**
 * Why a clock is paused; each metric declares the reasons that pause it.
 * @example
 * Schema.decodeUnknownSync(Sla.PauseReason)("waiting-for-customer")
 */
export const PauseReason = Schema.Literals(["waiting-for-customer", "waiting-for-third-party", "change-window"]);
export type PauseReason = PauseReasonType;

/**
 * The category of a status, as conditions name it.
 * @example
 * Schema.decodeUnknownSync(Sla.StatusCategoryName)("pending") // pending-customer and pending-third-party
 */
export const StatusCategoryName = Schema.Literals(["new", "open", "pending", "resolved", "closed"]);

const watchedEvents = [
  "TicketOpened",
  "MessageAdded",
  "StatusChanged",
  "Reopened",
  "PriorityChanged",
  "FieldsChanged",
  "Assigned",
  "Transferred",
  "Merged",
] as const;

/**
 * Event types a metric condition can watch.
 * @example
 * Schema.decodeUnknownSync(Sla.WatchedEvent)("StatusChanged")
 */
export const WatchedEvent = Schema.Literals(watchedEvents);
export type WatchedEvent = typeof WatchedEvent.Type;

/**
 * One condition over a ticket event: the event type plus optional filters, all of which must hold.
 * @example const publicAgentReply: EventCondition = { event: "MessageAdded", kinds: ["reply"], actors: ["agent"], automatic: false }
 */
export const EventCondition = Schema.Struct({
  event: WatchedEvent,
  /** Message kinds that match (`MessageAdded` only). */
  kinds: Schema.optionalKey(Schema.Array(MessageKind)),
  /** Who must have acted. */
  actors: Schema.optionalKey(Schema.Array(Schema.Literals(["agent", "contact", "system"]))),
  /** Whether the message must be (true) or must not be (false) machine-sent (`MessageAdded` only). */
  automatic: Schema.optionalKey(Schema.Boolean),
  /** Channels of the message that match (`MessageAdded` only). */
  channels: Schema.optionalKey(Schema.Array(Channel)),
  /** Target statuses that match (`StatusChanged` only). */
  toStatuses: Schema.optionalKey(Schema.Array(Status)),
  /** Target status categories that match (`StatusChanged` only). */
  toCategories: Schema.optionalKey(Schema.Array(StatusCategoryName)),
});
export type EventCondition = typeof EventCondition.Type;

/**
 * A metric as data: which events start, stop and arm its clock, which pause reasons pause it,
 * whether it runs once or in repeated cycles, and what a reopen does to it.
 * @example const m: MetricDefinition = { ...builtinMetrics.resolution, id: "fix", onReopen: "new-cycle" }
 */
export const MetricDefinition = Schema.Struct({
  id: Schema.String.check(Schema.isMinLength(1)),
  name: Schema.String,
  /** Any of these starts a cycle (when none is running). */
  start: Schema.Array(EventCondition),
  /** Any of these stops the running cycle. */
  stop: Schema.Array(EventCondition),
  /** When present, starts are ignored until one of these has happened once. */
  armedBy: Schema.optionalKey(Schema.Array(EventCondition)),
  /** Pause reasons during which the clock does not count. */
  pausedBy: Schema.Array(PauseReason),
  /** `once`: a single cycle per ticket; `repeat`: a new cycle at each start after a stop. */
  cycles: Schema.Literals(["once", "repeat"]),
  /** On reopen: continue the last cycle, start a new cycle, or do nothing. */
  onReopen: Schema.Literals(["resume", "new-cycle", "none"]),
});
export type MetricDefinition = typeof MetricDefinition.Type;

const publicAgentReply: EventCondition = { event: "MessageAdded", kinds: ["reply"], actors: ["agent"], automatic: false };
const customerMessage: EventCondition = { event: "MessageAdded", kinds: ["customer"], automatic: false };
const resolvedOrClosed: EventCondition = { event: "StatusChanged", toCategories: ["resolved", "closed"] };
const merged: EventCondition = { event: "Merged" };
const pending: ReadonlyArray<PauseReason> = ["waiting-for-customer", "waiting-for-third-party"];

/**
 * The built-in metrics, with the defaults of Zendesk, Zammad and Jira Service Management.
 * @example compileSlaConfig({ policies, metrics: [builtinMetrics.firstResponse, builtinMetrics.resolution] })
 */
export const builtinMetrics = {
  /** From creation to the first public agent reply; internal notes and automatic replies never count. */
  firstResponse: {
    id: "first-response",
    name: "First response",
    start: [{ event: "TicketOpened" }],
    stop: [publicAgentReply, resolvedOrClosed, merged],
    pausedBy: [],
    cycles: "once",
    onReopen: "none",
  },
  /** From the oldest unanswered customer message (after the first reply) to the next public agent reply. */
  nextResponse: {
    id: "next-response",
    name: "Next response",
    start: [customerMessage],
    stop: [publicAgentReply, resolvedOrClosed, merged],
    armedBy: [publicAgentReply],
    pausedBy: [],
    cycles: "repeat",
    onReopen: "none",
  },
  /** Between public agent updates, from the first reply until resolution; pauses while pending. */
  periodicUpdate: {
    id: "periodic-update",
    name: "Periodic update",
    start: [publicAgentReply],
    stop: [publicAgentReply, resolvedOrClosed, merged],
    pausedBy: pending,
    cycles: "repeat",
    onReopen: "none",
  },
  /** From creation to resolution; pauses while pending; a reopen resumes the same cycle. */
  resolution: {
    id: "resolution",
    name: "Resolution",
    start: [{ event: "TicketOpened" }],
    stop: [resolvedOrClosed, merged],
    pausedBy: [...pending, "change-window"],
    cycles: "once",
    onReopen: "resume",
  },
} as const satisfies Record<string, MetricDefinition>;

/**
 * The built-in metrics in their display order.
 * @example
 * Sla.defaultMetrics.map((m) => m.id) // the built-ins, first response to resolution
 */
export const defaultMetrics: ReadonlyArray<MetricDefinition> = [
  builtinMetrics.firstResponse,
  builtinMetrics.nextResponse,
  builtinMetrics.periodicUpdate,
  builtinMetrics.resolution,
];

/**
 * A compiled event condition; `typeIndex` (from `watchedEventIndex`) spares a lookup when the caller has it.
 * @example
 * const isReply: Sla.EventPredicate = (event) => event.type === "MessageAdded" && event.kind === "reply"
 */
export type EventPredicate = (event: TicketEvent, typeIndex?: number) => boolean;

const typeIndex: ReadonlyMap<string, number> = new Map(watchedEvents.map((t, i) => [t, i]));

/** The index of a watched event type, or −1 for types no condition can name. @example watchedEventIndex("Merged") // 8 */
export const watchedEventIndex = (type: string): number => typeIndex.get(type) ?? -1;

const never: EventPredicate = () => false;

const compileOne = (c: EventCondition): EventPredicate => {
  const kinds = c.kinds ? new Set<string>(c.kinds) : undefined;
  const actors = c.actors ? new Set<string>(c.actors) : undefined;
  const channels = c.channels ? new Set<string>(c.channels) : undefined;
  const toStatuses = c.toStatuses ? new Set<string>(c.toStatuses) : undefined;
  const toCategories = c.toCategories ? new Set<string>(c.toCategories) : undefined;
  const automatic = c.automatic;
  return (e) => {
    if (e.type !== c.event) return false;
    if (actors && !actors.has(e.by.kind)) return false;
    if (e.type === "MessageAdded") {
      if (kinds && !kinds.has(e.kind)) return false;
      if (automatic !== undefined && e.automatic !== automatic) return false;
      if (channels && !channels.has(e.channel)) return false;
    }
    if (e.type === "StatusChanged") {
      if (toStatuses && !toStatuses.has(e.to)) return false;
      if (toCategories && !toCategories.has(statusCategory(e.to))) return false;
    }
    return true;
  };
};

/**
 * Compiles a list of conditions (any of them) into one predicate over events.
 * @example compileConditions([{ event: "Merged" }])(event)
 */
export const compileConditions = (conditions: ReadonlyArray<EventCondition> | undefined): EventPredicate => {
  if (conditions === undefined || conditions.length === 0) return never;
  // Grouped by event type, so an event only meets the conditions that name its type.
  const byType: Array<EventPredicate[] | undefined> = watchedEvents.map(() => undefined);
  for (const c of conditions) (byType[watchedEventIndex(c.event)] ??= []).push(compileOne(c));
  return (e, ti = watchedEventIndex(e.type)) => {
    const ps = ti < 0 ? undefined : byType[ti];
    if (ps === undefined) return false;
    for (let i = 0; i < ps.length; i++) if ((ps[i] as EventPredicate)(e)) return true;
    return false;
  };
};

/**
 * A metric ready to run: its definition and compiled predicates.
 * @example
 * compiled.metrics.map((m: Sla.CompiledMetric) => m.id) // ["first-response", "next-response", "periodic-update", …]
 */
export interface CompiledMetric {
  readonly definition: MetricDefinition;
  readonly id: string;
  readonly start: EventPredicate;
  readonly stop: EventPredicate;
  /** Undefined when the metric is armed from the start. */
  readonly armedBy: EventPredicate | undefined;
  readonly pausedBy: ReadonlySet<PauseReason>;
  /** Bit `watchedEventIndex(type)` is set for each event type its conditions (or its reopen rule) watch. */
  readonly watchMask: number;
}

/** Compiles a metric definition once. @example compileMetric(builtinMetrics.resolution).stop(event) */
export const compileMetric = (definition: MetricDefinition): CompiledMetric => ({
  definition,
  id: definition.id,
  start: compileConditions(definition.start),
  stop: compileConditions(definition.stop),
  armedBy: definition.armedBy ? compileConditions(definition.armedBy) : undefined,
  pausedBy: new Set(definition.pausedBy),
  watchMask: [...definition.start, ...definition.stop, ...(definition.armedBy ?? [])]
    .map((c) => c.event as string)
    .concat(definition.onReopen === "none" ? [] : ["Reopened"])
    .reduce((mask, t) => mask | (1 << watchedEventIndex(t)), 0),
});
