import type { CycleStatus, SlaStatus } from "./status";

const MINUTE = 60_000;

/** A duration as `1d 2h 5m`, rounded down to whole minutes. @example formatDuration(5_400_000) // "1h 30m" */
export const formatDuration = (ms: number): string => {
  const sign = ms < 0 ? "-" : "";
  let m = Math.floor(Math.abs(ms) / MINUTE);
  const d = Math.floor(m / 1440);
  m -= d * 1440;
  const h = Math.floor(m / 60);
  m -= h * 60;
  const parts = [...(d > 0 ? [`${d}d`] : []), ...(h > 0 ? [`${h}h`] : []), ...(m > 0 || (d === 0 && h === 0) ? [`${m}m`] : [])];
  return sign + parts.join(" ");
};

const iso = (t: number | null): string => (t === null ? "—" : new Date(t).toISOString());

/**
 * One readable paragraph on a cycle: state and numbers, which policy and why, which calendar,
 * which pauses and re-targetings.
 * @example explainCycle(status.cycles[0]) // "first-response #1 running: 12m of 1h elapsed, due …; policy vip (priority in [urgent]) …"
 */
export const explainCycle = (c: CycleStatus): string => {
  const x = c.explanation;
  const target = c.targetMs === null ? "no target" : `${formatDuration(c.elapsedMs)} of ${formatDuration(c.targetMs)} elapsed`;
  const head = `${c.metric} #${c.cycle} ${c.state}: ${c.targetMs === null ? `${formatDuration(c.elapsedMs)} elapsed, no target` : target}`;
  const when = [
    ...(c.due !== null && c.state === "running" ? [`due ${iso(c.due)}`] : []),
    ...(c.breachedAt !== null ? [`breached at ${iso(c.breachedAt)}`] : []),
    ...(c.stoppedAt !== null ? [`stopped at ${iso(c.stoppedAt)}`] : []),
  ];
  const policy = x.policyId === null ? "no policy matched" : `policy ${x.policyName ?? x.policyId} (${x.why})`;
  const calendar = x.time === "calendar" || x.calendarId === null ? "calendar time (24×7)" : `business time on calendar ${x.calendarId}`;
  const pauses = x.pauses.map((p) => `${p.reason} ${iso(p.from)} → ${iso(p.to)}`);
  const retargets = x.retargets.slice(1).map((r) => `re-targeted at ${iso(r.at)} to ${r.priority} (${r.policyId ?? "no policy"}, ${r.targetMs === null ? "no target" : formatDuration(r.targetMs)})`);
  const crossed = c.thresholds.filter((t) => t.crossed).map((t) => `${t.kind} ${t.id} crossed at ${iso(t.at)}`);
  return [head, ...when, policy, calendar, ...(pauses.length > 0 ? [`paused: ${pauses.join("; ")}`] : []), ...retargets, ...crossed].join("; ");
};

/**
 * One line per cycle explaining a ticket's SLA status.
 * @example explainSla(slaStatus(history, compiled, now)).join("\n")
 */
export const explainSla = (status: SlaStatus): ReadonlyArray<string> => status.cycles.map(explainCycle);
