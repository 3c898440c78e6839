import type { TicketEvent } from "../ticket/events";
import { InvalidInput } from "../validation/invalid-input";
import { addBusinessTime, elapsedBusinessTime, type CompiledCalendar } from "./calendar";
import { runClocks, type ClockPause, type RawCycle, type Retarget, type SlaContext } from "./clock";
import { compileSlaConfig, type CalendarSource, type CompiledSlaConfig, type SlaConfig } from "./config";
import type { SlaPolicy } from "./policy";
import type { Threshold } from "./threshold";

/**
 * Where a cycle stands: counting, paused, stopped within target, or past its target.
 * @example
 * Sla.slaStatus(history, compiled, now).cycles.filter((c) => c.state === ("breached" satisfies Sla.CycleState))
 */
export type CycleState = "running" | "paused" | "met" | "breached";

/**
 * A threshold of a cycle: the instant it is (or was) crossed, and whether it has been.
 * @example
 * Sla.slaStatus(history, compiled, now).cycles[0]?.thresholds.filter((t: Sla.ThresholdStatus) => t.crossed).map((t) => t.id)
 */
export interface ThresholdStatus {
  readonly id: string;
  readonly kind: Threshold["kind"];
  readonly level: number | null;
  /** When it was crossed, or (while the clock runs) when it will be; null while paused or stopped. */
  readonly at: number | null;
  readonly crossed: boolean;
}

/**
 * Why a cycle is measured the way it is: policy, calendar, pauses and re-targetings.
 * @example
 * const { policyName, why, calendarId }: Sla.CycleExplanation = Sla.slaStatus(history, compiled, now).cycles[0]!.explanation
 */
export interface CycleExplanation {
  readonly policyId: string | null;
  readonly policyName: string | null;
  /** Why the policy matched (first match wins), e.g. `priority in [urgent]`. */
  readonly why: string;
  readonly calendarId: string | null;
  readonly time: "business" | "calendar";
  readonly pauses: ReadonlyArray<Readonly<ClockPause>>;
  readonly retargets: ReadonlyArray<Retarget>;
}

/**
 * One cycle of one metric at `now`. Durations are ms of the metric's own time (business or calendar).
 * @example
 * for (const c of Sla.slaStatus(history, compiled, now).cycles) console.log(c.metric, c.cycle, c.state, c.elapsedMs, c.targetMs)
 */
export interface CycleStatus {
  readonly metric: string;
  /** 1 for the first cycle of the metric. */
  readonly cycle: number;
  readonly state: CycleState;
  readonly startedAt: number;
  readonly stoppedAt: number | null;
  readonly elapsedMs: number;
  readonly targetMs: number | null;
  /** Target − elapsed (negative once breached); null without a target. */
  readonly remainingMs: number | null;
  /** The instant the target is (or was) reached while running; null while paused, met, or without a target. */
  readonly due: number | null;
  /** The exact instant the target was passed. */
  readonly breachedAt: number | null;
  readonly thresholds: ReadonlyArray<ThresholdStatus>;
  readonly explanation: CycleExplanation;
}

/**
 * The SLA state of a ticket at an instant.
 * @example
 * const { policyId, cycles, nextDeadline }: Sla.SlaStatus = Sla.slaStatus(history, compiled, Date.now())
 */
export interface SlaStatus {
  readonly at: number;
  /** The policy in force now (first match), or null. */
  readonly policyId: string | null;
  /** Every cycle of every metric, metrics in configuration order, cycles in order. */
  readonly cycles: ReadonlyArray<CycleStatus>;
  /** The earliest due instant or threshold at or after `at` of a running clock; what a sweep waits for. */
  readonly nextDeadline: number | null;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The instant `mark` ms of clock time is reached inside a span that starts at `from` with `cum` already counted. */
const crossing = (cal: CompiledCalendar, from: number, cum: number, mark: number): number =>
  mark <= cum ? from : addBusinessTime(cal, from, mark - cum);

interface Crossed {
  readonly threshold: Threshold;
  at: number;
}

const evaluate = (c: RawCycle, retro: boolean, now: number): CycleStatus => {
  const final = c.targeting;
  let cum = 0;
  let breachedAt: number | null = null;
  let due: number | null = null;
  let crossed: Crossed[] | undefined;
  const projected: number[] = [];
  const open = c.spans.length > 0 && Number.isNaN((c.spans[c.spans.length - 1] as { to: number }).to);
  for (let k = 0; k < c.spans.length; k++) {
    const s = c.spans[k] as RawCycle["spans"][number];
    const tg = retro ? final : s.targeting;
    const isOpen = Number.isNaN(s.to);
    const to = isOpen ? now : s.to;
    const w0 = elapsedBusinessTime(tg.calendar, s.from, to);
    const w = w0 > 0 ? w0 : 0;
    const target = tg.targetMs;
    if (target !== null) {
      if (breachedAt === null && (isOpen || target - cum <= w)) {
        const x = crossing(tg.calendar, s.from, cum, target);
        if (x < to) breachedAt = x;
        else if (isOpen) due = finite(x);
      }
      for (const th of tg.thresholds) {
        if (crossed?.some((x) => x.threshold.id === th.threshold.id)) continue;
        if (!isOpen && th.markMs - cum > w) continue;
        const x = crossing(tg.calendar, s.from, cum, th.markMs);
        if (x < to) (crossed ??= []).push({ threshold: th.threshold, at: x });
        else if (isOpen) projected[tg.thresholds.indexOf(th)] = x;
      }
    }
    cum += w;
  }
  const thresholds: ThresholdStatus[] = final.thresholds.map((th, j) => {
    const hit = crossed?.find((x) => x.threshold.id === th.threshold.id);
    const at = hit ? hit.at : finite(projected[j] ?? Number.NaN);
    return { id: th.threshold.id, kind: th.threshold.kind, level: th.threshold.level ?? null, at, crossed: hit !== undefined };
  });
  for (const x of crossed ?? []) {
    if (!final.thresholds.some((th) => th.threshold.id === x.threshold.id)) {
      thresholds.push({ id: x.threshold.id, kind: x.threshold.kind, level: x.threshold.level ?? null, at: x.at, crossed: true });
    }
  }
  const state: CycleState = breachedAt !== null ? "breached" : c.stoppedAt !== null ? "met" : open ? "running" : "paused";
  return {
    metric: c.metric,
    cycle: c.cycle,
    state,
    startedAt: c.startedAt,
    stoppedAt: c.stoppedAt,
    elapsedMs: cum,
    targetMs: final.targetMs,
    remainingMs: final.targetMs === null ? null : final.targetMs - cum,
    due: breachedAt ?? due,
    breachedAt,
    thresholds,
    explanation: {
      policyId: final.policyId,
      policyName: final.policyName,
      why: final.why,
      calendarId: final.calendarId,
      time: final.time,
      pauses: c.pauses,
      retargets: c.retargets,
    },
  };
};

/**
 * The SLA status of a ticket at `now` from a compiled configuration: one linear pass over the
 * history. Pure and deterministic; never modifies its inputs.
 * @example
 * const compiled = compileSlaConfigOrThrow({ policies, calendars })
 * slaStatusOf(history, compiled, now).cycles.find((c) => c.metric === "first-response")?.due
 */
export const slaStatusOf = (
  history: ReadonlyArray<TicketEvent>,
  config: CompiledSlaConfig,
  now: number,
  context: SlaContext = {},
): SlaStatus => {
  const run = runClocks(history, config, now, context);
  const retro = config.retarget === "retroactive";
  const cycles: CycleStatus[] = [];
  let next = Number.POSITIVE_INFINITY;
  for (const list of run.cycles) {
    for (const raw of list) {
      const s = evaluate(raw, retro, now);
      cycles.push(s);
      if (s.state === "running" || (s.state === "breached" && s.stoppedAt === null && raw.paused === null)) {
        if (s.state === "running" && s.due !== null && s.due >= now && s.due < next) next = s.due;
        for (const th of s.thresholds) if (!th.crossed && th.at !== null && th.at >= now && th.at < next) next = th.at;
      }
    }
  }
  return { at: now, policyId: run.policy?.id ?? null, cycles, nextDeadline: Number.isFinite(next) ? next : null };
};

/**
 * Options of the uncompiled `slaStatus` form: what `SlaConfig` holds besides policies and calendars, and the context.
 * @example
 * Sla.slaStatus(history, [standardPolicy], { madrid: cal }, now, { retarget: "retroactive", tier: "gold" })
 */
export type SlaStatusOptions = Omit<SlaConfig, "policies" | "calendars"> & SlaContext;

/**
 * The SLA status of a ticket at `now`: per metric and cycle, elapsed, remaining, target, due,
 * state, breachedAt, thresholds and an explanation. Pass a compiled configuration for speed
 * (`slaStatus(history, compiled, now)`), or policies and calendars (compiled on each call).
 * @example
 * slaStatus(history, [standardPolicy], { madrid: cal }, Date.parse("2025-01-10T12:00:00Z")).nextDeadline
 * @example
 * slaStatus(history, compileSlaConfigOrThrow({ policies, calendars }), now)
 */
export function slaStatus(history: ReadonlyArray<TicketEvent>, config: CompiledSlaConfig, now: number, context?: SlaContext): SlaStatus;
export function slaStatus(
  history: ReadonlyArray<TicketEvent>,
  policies: ReadonlyArray<SlaPolicy>,
  calendars: CalendarSource,
  now: number,
  options?: SlaStatusOptions,
): SlaStatus;
export function slaStatus(
  history: ReadonlyArray<TicketEvent>,
  config: CompiledSlaConfig | ReadonlyArray<SlaPolicy>,
  a: number | CalendarSource,
  b?: number | SlaContext,
  options?: SlaStatusOptions,
): SlaStatus {
  if (!Array.isArray(config)) return slaStatusOf(history, config as CompiledSlaConfig, a as number, (b as SlaContext | undefined) ?? {});
  const { tier, ...rest } = options ?? {};
  const compiled = compileSlaConfig({ ...rest, policies: config as ReadonlyArray<SlaPolicy>, calendars: a as CalendarSource });
  if (compiled instanceof InvalidInput) throw compiled;
  return slaStatusOf(history, compiled, b as number, tier === undefined ? {} : { tier });
}
