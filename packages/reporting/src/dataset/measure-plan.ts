import type { Measure } from "./definition";

/**
 * Which instant puts a ticket into a bucket for a figure.
 * @example
 * const raw: RawAggregate = { kind: "count", anchor: "resolved" satisfies Anchor, fact: "one" } // tickets resolved in a bucket
 */
export type Anchor = "created" | "resolved" | "closed" | "backlog";

/**
 * Per-ticket facts the measures read, integers or null. `sla-met:<m>`/`sla-done:<m>` count the
 * ticket's SLA cycles met / finished (met or breached) of metric `m` (`*` for every metric).
 * @example
 * const raw: RawAggregate = { kind: "percentile", anchor: "resolved", fact: "resolution-ms" satisfies Fact, p: 90 }
 */
export type Fact =
  | "one"
  | "first-response-ms"
  | "first-response-business-ms"
  | "resolution-ms"
  | "resolution-business-ms"
  | "breaches"
  | "reopened"
  | "group-reassignments"
  | "agent-reassignments"
  | "one-touch"
  | "time-minutes"
  | "billable-minutes"
  | "cost-cents"
  | "handed-off-cost-cents"
  | "rating"
  | `sla-met:${string}`
  | `sla-done:${string}`;

/**
 * An aggregate both evaluators compute exactly (integer sums, counts, nearest-rank percentiles).
 * @example
 * const median: RawAggregate = { kind: "percentile", anchor: "created", fact: "first-response-ms", p: 50 }
 */
export interface RawAggregate {
  readonly kind: "sum" | "count" | "percentile";
  readonly anchor: Anchor;
  readonly fact: Fact;
  /** Percent rank of a percentile (50, 90). */
  readonly p?: number;
}

/**
 * A measure as raw aggregates plus the pure function that finishes it into the row's figure.
 * @example
 * const { measures } = planAll(["reopen-rate"])
 * const figure = measures[0]!.plan.finish([3, 40]) // from the raw aggregates' values, in `raws` order
 */
export interface MeasurePlan {
  readonly raws: ReadonlyArray<RawAggregate>;
  /** Turns the raw aggregates' values, in `raws` order, into the figure (null when undefined, e.g. no tickets). */
  readonly finish: (values: ReadonlyArray<number | null>) => number | null;
}

const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round((ms / 60_000) * 100) / 100);
const ratio = (num: number | null, den: number | null): number | null =>
  den === null || den === 0 ? null : Math.round(((num ?? 0) / den) * 1e6) / 1e6;
const value = (v: number | null): number => v ?? 0;

const sum = (anchor: Anchor, fact: Fact): RawAggregate => ({ kind: "sum", anchor, fact });
const count = (anchor: Anchor, fact: Fact): RawAggregate => ({ kind: "count", anchor, fact });
const percentile = (anchor: Anchor, fact: Fact, p: number): RawAggregate => ({ kind: "percentile", anchor, fact, p });

const timing = (anchor: Anchor, fact: Fact, stat: string): MeasurePlan => {
  if (stat === "mean") return { raws: [sum(anchor, fact), count(anchor, fact)], finish: ([s, n]) => (n ? minutes((s ?? 0) / n) : null) };
  return { raws: [percentile(anchor, fact, stat === "median" ? 50 : 90)], finish: ([v]) => minutes(v ?? null) };
};

/**
 * How a measure is computed. Anchors: `created` (first response, SLA, breaches, reassignments,
 * time, cost, satisfaction are counted in the bucket the ticket was created in), `resolved`
 * (resolved, resolution times, reopen and one-touch rates), `closed`, `backlog` (open at bucket end).
 * @example planOf("resolution-median").raws[0] // { kind: "percentile", anchor: "resolved", fact: "resolution-ms", p: 50 }
 */
export const planOf = (measure: Measure): MeasurePlan => {
  const timingMatch = /^(first-response|resolution)(-business)?-(mean|median|p90)$/.exec(measure);
  if (timingMatch) {
    const [, what, business, stat] = timingMatch;
    const anchor: Anchor = what === "resolution" ? "resolved" : "created";
    return timing(anchor, `${what}${business ?? ""}-ms` as Fact, stat ?? "mean");
  }
  if (measure === "sla-compliance" || measure.startsWith("sla-compliance:")) {
    const metric = measure === "sla-compliance" ? "*" : measure.slice("sla-compliance:".length);
    return { raws: [sum("created", `sla-met:${metric}`), sum("created", `sla-done:${metric}`)], finish: ([m, d]) => ratio(m ?? 0, d ?? 0) };
  }
  switch (measure) {
    case "created":
    case "resolved":
    case "closed":
    case "backlog":
      return { raws: [sum(measure, "one")], finish: ([n]) => value(n ?? null) };
    case "breaches":
    case "group-reassignments":
    case "agent-reassignments":
    case "billable-minutes":
      return { raws: [sum("created", measure)], finish: ([n]) => value(n ?? null) };
    case "time-logged":
      return { raws: [sum("created", "time-minutes")], finish: ([n]) => value(n ?? null) };
    case "cost":
      return { raws: [sum("created", "cost-cents")], finish: ([n]) => value(n ?? null) / 100 };
    // The cost a ticket arrived with by hand-off (its excerpt's total), apart from its own `cost`.
    case "handed-off-cost":
      return { raws: [sum("created", "handed-off-cost-cents")], finish: ([n]) => value(n ?? null) / 100 };
    case "reopen-rate":
      return { raws: [sum("resolved", "reopened"), sum("resolved", "one")], finish: ([r, n]) => ratio(r ?? 0, n ?? 0) };
    case "one-touch-rate":
      return { raws: [sum("resolved", "one-touch"), sum("resolved", "one")], finish: ([r, n]) => ratio(r ?? 0, n ?? 0) };
    case "satisfaction":
      return { raws: [sum("created", "rating"), count("created", "rating")], finish: ([s, n]) => (n ? Math.round(((s ?? 0) / n) * 100) / 100 : null) };
    case "rated":
      return { raws: [count("created", "rating")], finish: ([n]) => value(n ?? null) };
    default:
      throw new RangeError(`unknown measure "${measure}"`);
  }
};

/**
 * The distinct raw aggregates of some measures, and for each measure the indexes of its own.
 * @example
 * planAll(["created", "backlog"]).raws // the distinct aggregates both measures need, computed once
 */
export const planAll = (
  measures: ReadonlyArray<Measure>,
): { readonly raws: ReadonlyArray<RawAggregate>; readonly measures: ReadonlyArray<{ measure: Measure; plan: MeasurePlan; at: ReadonlyArray<number> }> } => {
  const raws: Array<RawAggregate> = [];
  const keyOf = (r: RawAggregate) => `${r.kind}|${r.anchor}|${r.fact}|${r.p ?? ""}`;
  const index = new Map<string, number>();
  const planned = measures.map((measure) => {
    const plan = planOf(measure);
    const at = plan.raws.map((r) => {
      const k = keyOf(r);
      let i = index.get(k);
      if (i === undefined) {
        i = raws.length;
        raws.push(r);
        index.set(k, i);
      }
      return i;
    });
    return { measure, plan, at };
  });
  return { raws, measures: planned };
};

/** Whether a plan reads the ticket's history (so the memory evaluator must load events). */
export const needsHistory = (raws: ReadonlyArray<RawAggregate>): boolean => raws.some((r) => r.fact === "one-touch" || r.fact === "handed-off-cost-cents");
