import type { TicketEvent } from "../ticket/events";
import type { Priority } from "../ticket/schema";
import type { CompiledPolicy, CompiledSlaConfig, Targeting } from "./config";
import { openingFacts, updateFacts } from "./facts";
import { watchedEventIndex, type CompiledMetric, type PauseReason } from "./metric";
import type { TicketFacts } from "./policy";
import { selectPolicy } from "./policy";

/**
 * A stretch during which a cycle's clock counted; `to` is NaN while it still runs.
 * @example
 * Sla.runClocks(history, compiled, now, {}).cycles[0]?.[0]?.spans.map((s: Sla.Span) => [s.from, s.to]) // `to` is NaN while running
 */
export interface Span {
  readonly from: number;
  to: number;
  /** What the stretch was measured against (keep-elapsed mode). */
  readonly targeting: Targeting;
}

/**
 * A stretch during which a cycle did not count: a pause reason, or `resolved` between a stop and a resume.
 * @example
 * Sla.slaStatus(history, compiled, now).cycles[0]?.explanation.pauses.map((p: Sla.ClockPause) => `${p.reason} from ${p.from}`)
 */
export interface ClockPause {
  readonly reason: PauseReason | "resolved";
  readonly from: number;
  to: number | null;
}

/**
 * A (re)targeting of a cycle: at its start, and at each priority or policy change.
 * @example
 * Sla.slaStatus(history, compiled, now).cycles[0]?.explanation.retargets.map((r: Sla.Retarget) => `${r.priority}: ${r.targetMs} ms`)
 */
export interface Retarget {
  readonly at: number;
  readonly priority: Priority;
  readonly policyId: string | null;
  readonly targetMs: number | null;
}

/**
 * One cycle of one metric as the clock pass leaves it.
 * @example
 * Sla.runClocks(history, compiled, now, {}).cycles[0]?.map((c: Sla.RawCycle) => c.startedAt) // first metric's cycle starts
 */
export interface RawCycle {
  readonly metric: string;
  readonly cycle: number;
  readonly startedAt: number;
  stoppedAt: number | null;
  readonly spans: Span[];
  readonly pauses: ClockPause[];
  readonly retargets: Retarget[];
  /** The targeting in force now (or at the stop). */
  targeting: Targeting;
  paused: PauseReason | null;
}

/**
 * The result of one pass over a history.
 * @example
 * const { cycles, policy }: Sla.ClockRun = Sla.runClocks(history, compiled, now, {})
 */
export interface ClockRun {
  /** Per metric (in configuration order), its cycles in order. */
  readonly cycles: ReadonlyArray<ReadonlyArray<RawCycle>>;
  readonly policy: CompiledPolicy | undefined;
  readonly facts: TicketFacts | undefined;
}

/**
 * Facts the history does not carry, supplied by the host at evaluation time.
 * @example
 * Sla.slaStatus(history, compiled, now, { tier: "gold" } satisfies Sla.SlaContext)
 */
export interface SlaContext {
  /** The requester's (or organisation's) tier, which policies may read. */
  readonly tier?: string | null;
}

interface MetricState {
  armed: boolean;
  held: boolean;
  current: RawCycle | null;
  readonly cycles: RawCycle[];
}

const isInactive = (f: TicketFacts): boolean => f.status === "resolved" || f.status === "closed";

const openSpan = (c: RawCycle, t: number): void => {
  c.spans.push({ from: t, to: Number.NaN, targeting: c.targeting });
};

const closeSpan = (c: RawCycle, t: number): void => {
  const s = c.spans[c.spans.length - 1];
  if (s !== undefined && Number.isNaN(s.to)) s.to = t;
};

const endPause = (c: RawCycle, t: number): void => {
  const p = c.pauses[c.pauses.length - 1];
  if (p !== undefined && p.to === null) p.to = t;
};

/** Runs (or pauses) a cycle according to the pause reason in force at `t`. */
const settle = (c: RawCycle, m: CompiledMetric, reason: PauseReason | undefined, t: number): void => {
  const next = reason !== undefined && m.pausedBy.has(reason) ? reason : null;
  if (next === c.paused) return;
  if (c.paused === null) closeSpan(c, t);
  else endPause(c, t);
  c.paused = next;
  if (next === null) openSpan(c, t);
  else c.pauses.push({ reason: next, from: t, to: null });
};

/** Starts counting (or a pause) for a cycle that has neither an open span nor an open pause. */
const enter = (c: RawCycle, m: CompiledMetric, reason: PauseReason | undefined, t: number): void => {
  if (reason !== undefined && m.pausedBy.has(reason)) {
    c.paused = reason;
    c.pauses.push({ reason, from: t, to: null });
  } else openSpan(c, t);
};

const stop = (c: RawCycle, t: number): void => {
  if (c.paused === null) closeSpan(c, t);
  else endPause(c, t);
  c.paused = null;
  c.stoppedAt = t;
};

const retarget = (c: RawCycle, tg: Targeting, f: TicketFacts, t: number, keep: boolean): void => {
  c.retargets.push({ at: t, priority: f.priority, policyId: tg.policyId, targetMs: tg.targetMs });
  const running = c.paused === null;
  if (keep && running) closeSpan(c, t);
  c.targeting = tg;
  if (keep && running) openSpan(c, t);
};

/**
 * One linear pass over a history up to `now`: tracks the facts policies read, selects the policy
 * (first match, re-evaluated on every change) and runs every metric's cycles with their spans
 * and pauses. Events after `now` are ignored. Inputs are never modified.
 * @example runClocks(history, compiled, now, {}).cycles[0]
 */
export const runClocks = (
  history: ReadonlyArray<TicketEvent>,
  config: CompiledSlaConfig,
  now: number,
  context: SlaContext,
): ClockRun => {
  const metrics = config.metrics;
  const n = metrics.length;
  const keep = config.retarget === "keep-elapsed";
  const states: MetricState[] = [];
  for (let i = 0; i < n; i++) states.push({ armed: metrics[i]?.armedBy === undefined, held: false, current: null, cycles: [] });
  const targets: Targeting[] = new Array<Targeting>(n).fill(config.untargeted);
  let facts: TicketFacts | undefined;
  let policy: CompiledPolicy | undefined;
  let last = Number.NEGATIVE_INFINITY;

  const select = (f: TicketFacts): void => {
    policy = selectPolicy(config.policies, f);
    for (let i = 0; i < n; i++) targets[i] = policy ? (policy.targetings[i]?.[f.priority] ?? config.untargeted) : config.untargeted;
  };

  const begin = (i: number, m: CompiledMetric, st: MetricState, f: TicketFacts, t: number): void => {
    const tg = targets[i] as Targeting;
    const c: RawCycle = {
      metric: m.id,
      cycle: st.cycles.length + 1,
      startedAt: t,
      stoppedAt: null,
      spans: [],
      pauses: [],
      retargets: [{ at: t, priority: f.priority, policyId: tg.policyId, targetMs: tg.targetMs }],
      targeting: tg,
      paused: null,
    };
    enter(c, m, config.pauseReasonOf(f.status), t);
    st.cycles.push(c);
    st.current = c;
    st.held = false;
  };

  for (let k = 0; k < history.length; k++) {
    const e = history[k] as TicketEvent;
    if (e.at > now) continue;
    const t = e.at > last ? e.at : last;
    last = t;
    let change: "none" | "fields" | "status" = "none";
    if (e.type === "TicketOpened") {
      facts = openingFacts(e, context.tier ?? null);
      change = "fields";
    } else if (facts === undefined) continue;
    else change = updateFacts(facts, e);
    const f = facts;
    const reselect = change === "fields" || (change === "status" && config.readsStatus);
    if (reselect) select(f);
    const reason = change === "status" ? config.pauseReasonOf(f.status) : undefined;
    const reopened = e.type === "Reopened";
    const ti = watchedEventIndex(e.type);
    if (ti < 0 && change === "none") continue;
    const bit = ti < 0 ? 0 : 1 << ti;
    for (let i = 0; i < n; i++) {
      const m = metrics[i] as CompiledMetric;
      const st = states[i] as MetricState;
      let c = st.current;
      if (change === "none" && (m.watchMask & bit) === 0) continue;
      if (c !== null) {
        const tg = targets[i] as Targeting;
        if (reselect && c.targeting !== tg) retarget(c, tg, f, t, keep);
        if (change === "status") settle(c, m, reason, t);
        if (m.stop(e, ti)) {
          stop(c, t);
          st.current = c = null;
        }
      } else if (st.held && m.stop(e, ti)) st.held = false;
      if (reopened && c === null) {
        const prev = st.cycles[st.cycles.length - 1];
        const mode = m.definition.onReopen;
        if (mode === "resume" && prev !== undefined && prev.stoppedAt !== null) {
          prev.pauses.push({ reason: "resolved", from: prev.stoppedAt, to: t });
          prev.stoppedAt = null;
          st.current = c = prev;
          const tg = targets[i] as Targeting;
          if (prev.targeting !== tg) retarget(prev, tg, f, t, false);
          enter(prev, m, config.pauseReasonOf(f.status), t);
        } else if (mode === "new-cycle" && prev !== undefined) {
          begin(i, m, st, f, t);
          c = st.current;
        }
        if (c === null && st.held) {
          begin(i, m, st, f, t);
          c = st.current;
        }
        st.held = false;
      }
      if (c === null && st.armed && m.start(e, ti) && (m.definition.cycles === "repeat" || st.cycles.length === 0)) {
        if (isInactive(f)) st.held = true;
        else begin(i, m, st, f, t);
      }
      if (!st.armed && m.armedBy !== undefined && m.armedBy(e, ti)) st.armed = true;
    }
  }
  return { cycles: states.map((s) => s.cycles), policy, facts };
};
