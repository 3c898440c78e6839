import type { ImportedCase } from "./imported-cases";
import { text } from "./imported-cases";
import { counts, hours, r6, summary, top } from "./statistics";

/**
 * The BPIC 2013 aggregates (same keys and definitions as its `aggregates.py`), computed from the
 * imported tickets: a row's activity is its recorded "status/sub-status", its team the
 * `org:group` recorded with it; times are true instants (the log's UTC offsets applied).
 * @example bpic2013Aggregates(cases).cases_with_group_change
 */
export function bpic2013Aggregates(cases: ReadonlyArray<ImportedCase>) {
  const n = cases.length;
  const rows = cases.flatMap((c) => c.rows);
  const acts = [...new Set(rows.map((r) => r.state))].sort();
  const group = (r: ImportedCase["rows"][number]) => text(r.ticket, "org:group");
  const dur: number[] = [];
  const toDone: number[] = [];
  const changes: number[] = [];
  for (const c of cases) {
    const first = c.rows[0];
    const last = c.rows[c.rows.length - 1];
    if (!first || !last) continue;
    dur.push(hours(first.at, last.at));
    const done = c.rows.find((r) => r.state.startsWith("Completed/"));
    if (done) toDone.push(hours(first.at, done.at));
    let k = 0;
    for (let i = 1; i < c.rows.length; i++) if (group(c.rows[i - 1] as (typeof c.rows)[number]) !== group(c.rows[i] as (typeof c.rows)[number])) k++;
    changes.push(k);
  }
  const last = cases.map((c) => c.final);
  return {
    dataset: "bpic2013-volvo-incidents",
    events: rows.length,
    cases: n,
    activity_event_counts: counts(rows.map((r) => r.state)),
    cases_with_activity: Object.fromEntries(acts.map((a) => [a, cases.filter((c) => c.rows.some((r) => r.state === a)).length])),
    last_activity_counts: counts(cases.map((c) => c.rows[c.rows.length - 1]?.state ?? "")),
    final: {
      impact_counts: counts(last.map((t) => text(t, "impact"))),
      org_group_top10: top(last.map((t) => text(t, "org:group"))),
      product_top10: top(last.map((t) => text(t, "product"))),
    },
    org_group_top10_by_events: top(rows.map(group)),
    mean_distinct_groups_per_case: r6(cases.reduce((a, c) => a + new Set(c.rows.map(group)).size, 0) / n),
    mean_group_changes_per_case: r6(changes.reduce((a, b) => a + b, 0) / n),
    cases_with_group_change: changes.filter((k) => k > 0).length,
    wait_events: rows.filter((r) => (r.state.split("/")[1] ?? "").startsWith("Wait")).length,
    case_duration_hours: summary(dur),
    hours_to_first_completed: summary(toDone),
  };
}
