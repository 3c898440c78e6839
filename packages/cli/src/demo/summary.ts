import type { PromiseDesk, ServiceId, Ticket } from "@spoc/core";

/** Every ticket of a service, page by page. */
export async function allTickets(desk: PromiseDesk, serviceId: string): Promise<Ticket[]> {
  const out: Ticket[] = [];
  let after: string | undefined;
  do {
    const page = await desk.store.listTickets(serviceId as ServiceId, { limit: 500, ...(after ? { after } : {}) });
    out.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after);
  return out;
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

interface MetricRecord { metric: string; state: string }
const metricsOf = (t: Ticket): ReadonlyArray<MetricRecord> =>
  (t.sla as { metrics?: MetricRecord[] } | null)?.metrics ?? [];

/** A short performance table per group: volume, resolution, first response and SLA compliance. */
export function performanceSummary(tickets: ReadonlyArray<Ticket>, groupName: (id: string | null) => string): string[] {
  const byGroup = new Map<string, Ticket[]>();
  for (const t of tickets) byGroup.set(groupName(t.groupId), [...(byGroup.get(groupName(t.groupId)) ?? []), t]);
  const rows = [...byGroup.entries()].sort((a, b) => b[1].length - a[1].length).map(([group, ts]) => {
    const resolved = ts.filter((t) => t.resolvedAt !== null || t.status === "closed").length;
    const fr = median(ts.filter((t) => t.firstResponseAt !== null).map((t) => ((t.firstResponseAt as number) - t.createdAt) / 60_000));
    const withSla = ts.flatMap((t) => metricsOf(t).filter((m) => m.metric === "first-response" && (m.state === "met" || m.state === "breached")));
    const met = withSla.filter((m) => m.state === "met").length;
    const ratings = ts.filter((t) => t.rating !== null).map((t) => t.rating?.score as number);
    return [group, String(ts.length), String(resolved), fr === null ? "—" : `${Math.round(fr)} min`,
      withSla.length ? `${Math.round((100 * met) / withSla.length)} %` : "—",
      ratings.length ? (ratings.reduce((a, b) => a + b, 0) / ratings.length).toFixed(1) : "—"];
  });
  const head = ["group", "tickets", "resolved", "median 1st resp.", "1st resp. SLA met", "rating"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(head), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)];
}
