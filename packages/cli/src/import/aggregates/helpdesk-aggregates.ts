import type { ImportedCase } from "./imported-cases";
import { text } from "./imported-cases";
import { counts, hours, r6, summary, top } from "./statistics";

/**
 * The Helpdesk-log aggregates (same keys and definitions as its `aggregates.py`), computed from
 * the imported tickets: a row's activity is its recorded source state, its resource the agent who
 * made it, "last row" values are the final ticket's fields.
 * @example helpdeskAggregates(cases).cases
 */
export function helpdeskAggregates(cases: ReadonlyArray<ImportedCase>) {
  const n = cases.length;
  const rows = cases.flatMap((c) => c.rows);
  const acts = [...new Set(rows.map((r) => r.state))].sort();
  const dur: number[] = [];
  const toRes: number[] = [];
  const resToClose: number[] = [];
  for (const c of cases) {
    const first = c.rows[0];
    const last = c.rows[c.rows.length - 1];
    if (!first || !last) continue;
    dur.push(hours(first.at, last.at));
    const iRes = c.rows.findIndex((r) => r.state === "Resolve ticket");
    if (iRes === -1) continue;
    const res = c.rows[iRes] as (typeof c.rows)[number];
    toRes.push(hours(first.at, res.at));
    const close = c.rows.slice(iRes + 1).find((r) => r.state === "Closed");
    if (close) resToClose.push(hours(res.at, close.at));
  }
  const last = cases.map((c) => c.final);
  const f = (k: string) => last.map((t) => text(t, k));
  return {
    dataset: "helpdesk-italian-software-company",
    events: rows.length,
    cases: n,
    activity_event_counts: counts(rows.map((r) => r.state)),
    cases_with_activity: Object.fromEntries(acts.map((a) => [a, cases.filter((c) => c.rows.some((r) => r.state === a)).length])),
    last_activity_counts: counts(cases.map((c) => c.rows[c.rows.length - 1]?.state ?? "")),
    cases_closed: cases.filter((c) => c.rows.some((r) => r.state === "Closed")).length,
    final: {
      ...Object.fromEntries(["service_level", "service_type", "seriousness_2", "workgroup", "responsible_section", "support_section"]
        .map((k) => [`${k}_counts`, counts(f(k))])),
      product_top10: top(f("product")),
    },
    resource_top10_by_events: top(rows.map((r) => r.actor ?? "")),
    mean_events_per_case: r6(rows.length / n),
    mean_distinct_resources_per_case: r6(cases.reduce((a, c) => a + new Set(c.rows.map((r) => r.actor ?? "")).size, 0) / n),
    case_duration_hours: summary(dur),
    hours_to_first_resolve: summary(toRes),
    hours_resolve_to_close: summary(resToClose),
  };
}
