import type { ImportedCase } from "./imported-cases";
import { text } from "./imported-cases";
import { counts, hours, r6, summary, top } from "./statistics";

const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

/**
 * The UCI incident-log aggregates (same keys and definitions as its `aggregates.py`), computed
 * from the imported tickets: rows are the recorded source rows, "final" is the last row's ticket,
 * `opened_at` is the ticket's creation time, event times are the rows' event times.
 * @example servicenowAggregates(await collect(importedCases(source, serviceId)))
 */
export function servicenowAggregates(cases: ReadonlyArray<ImportedCase>) {
  const final = cases.map((c) => ({ c, t: c.final }));
  const n = cases.length;
  const states = [...new Set(cases.flatMap((c) => c.rows.map((r) => r.state)))].sort();
  const firstResolved: number[] = [];
  for (const c of cases) {
    const r = c.rows.find((x) => x.state === "Resolved");
    if (r) firstResolved.push(hours(c.openedAt, r.at));
  }
  const f = (k: string) => final.map(({ t }) => text(t, k));
  const resolvedHours = ({ c, t }: { c: ImportedCase; t: ImportedCase["final"] }): number | null => {
    const at = num(t.customFields.resolved_at);
    return at === null ? null : hours(c.openedAt, at);
  };
  const mean = (xs: ReadonlyArray<number>) => (xs.length === 0 ? null : r6(xs.reduce((a, b) => a + b, 0) / xs.length));
  const rate = (xs: ReadonlyArray<string>, v: string) => r6(xs.filter((x) => x === v).length / xs.length);
  const perPriority: Record<string, unknown> = {};
  for (const p of [...new Set(f("priority"))].sort()) {
    const fr = final.filter(({ t }) => text(t, "priority") === p);
    const res = fr.map(resolvedHours).filter((x): x is number => x !== null);
    perPriority[p] = {
      incidents: fr.length,
      made_sla_rate: rate(fr.map(({ t }) => text(t, "made_sla")), "true"),
      mean_open_to_resolved_hours: mean(res),
    };
  }
  return {
    dataset: "uci-incident-event-log",
    events: cases.reduce((a, c) => a + c.rows.length, 0),
    incidents: n,
    event_state_counts: counts(cases.flatMap((c) => c.rows.map((r) => r.state))),
    incidents_ever_in_state: Object.fromEntries(states.map((s) => [s, cases.filter((c) => c.rows.some((r) => r.state === s)).length])),
    final: {
      priority_counts: counts(f("priority")),
      impact_counts: counts(f("impact")),
      urgency_counts: counts(f("urgency")),
      contact_type_counts: counts(f("contact_type")),
      closed_code_counts: counts(f("closed_code")),
      made_sla_true: f("made_sla").filter((x) => x === "true").length,
      made_sla_rate: rate(f("made_sla"), "true"),
      knowledge_rate: rate(f("knowledge"), "true"),
      mean_reassignment_count: r6(f("reassignment_count").reduce((a, x) => a + Number.parseInt(x, 10), 0) / n),
      mean_reopen_count: r6(f("reopen_count").reduce((a, x) => a + Number.parseInt(x, 10), 0) / n),
      mean_sys_mod_count: r6(f("sys_mod_count").reduce((a, x) => a + Number.parseInt(x, 10), 0) / n),
      reopened_incidents: f("reopen_count").filter((x) => Number.parseInt(x, 10) > 0).length,
      assignment_group_missing: f("assignment_group").filter((x) => x === "?").length,
      assignment_group_top10: top(f("assignment_group"), 10, ["?"]),
      category_top10: top(f("category"), 10, ["?"]),
    },
    open_to_resolved_hours: summary(final.map(resolvedHours).filter((x): x is number => x !== null)),
    open_to_closed_hours: summary(final.flatMap(({ c, t }) => {
      const at = num(t.customFields.closed_at);
      return at === null ? [] : [hours(c.openedAt, at)];
    })),
    open_to_first_resolved_event_hours: summary(firstResolved),
    per_priority: perPriority,
  };
}
