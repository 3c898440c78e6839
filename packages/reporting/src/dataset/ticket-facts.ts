import type { StoredEvent, Ticket } from "@spoc/core";
import type { Dimension } from "./definition";
import type { Anchor, Fact } from "./measure-plan";
import type { PeriodBucket } from "./period-buckets";

/**
 * A ticket with its history when a measure needs it (events may be empty otherwise).
 * @example
 * const item: TicketWithHistory = { ticket, events: await store.readEvents(ticket.serviceId, ticket.id) }
 */
export interface TicketWithHistory {
  readonly ticket: Ticket;
  readonly events: ReadonlyArray<StoredEvent>;
}

interface MetricRecord {
  readonly metric?: unknown;
  readonly state?: unknown;
  readonly breachedAt?: unknown;
  readonly elapsedMs?: unknown;
}

const slaMetrics = (t: Ticket): ReadonlyArray<MetricRecord> => {
  const sla = t.sla as { metrics?: unknown } | null;
  return sla !== null && typeof sla === "object" && Array.isArray(sla.metrics) ? (sla.metrics as ReadonlyArray<MetricRecord>) : [];
};

const isDone = (m: MetricRecord) => m.state === "met" || m.state === "breached";

/** Business ms of a stopped metric cycle, read from the SLA summary's `elapsedMs` when it records one. */
const businessMs = (t: Ticket, metric: string): number | null => {
  const m = slaMetrics(t).find((x) => x.metric === metric);
  return m !== undefined && isDone(m) && typeof m.elapsedMs === "number" ? Math.round(m.elapsedMs) : null;
};

/**
 * The value of one per-ticket fact; the SQL evaluator computes the same from the projection and
 * `spoc_events` (see `sql/ticket-facts-sql.ts`).
 * @example factOf({ ticket, events: [] }, "first-response-ms") // 180000 for a reply 3 minutes after opening
 */
export const factOf = ({ ticket: t, events }: TicketWithHistory, fact: Fact): number | null => {
  if (fact.startsWith("sla-met:") || fact.startsWith("sla-done:")) {
    const [kind, metric] = fact.split(":") as [string, string];
    const ms = slaMetrics(t).filter((m) => metric === "*" || m.metric === metric);
    return ms.filter((m) => (kind === "sla-met" ? m.state === "met" && (m.breachedAt ?? null) === null : isDone(m))).length;
  }
  switch (fact) {
    case "one":
      return 1;
    case "first-response-ms":
      return t.firstResponseAt === null ? null : t.firstResponseAt - t.createdAt;
    case "first-response-business-ms":
      return businessMs(t, "first-response");
    case "resolution-ms":
      return t.resolvedAt === null ? null : t.resolvedAt - t.createdAt;
    case "resolution-business-ms":
      return businessMs(t, "resolution");
    case "breaches":
      return slaMetrics(t).filter((m) => typeof m.breachedAt === "number").length;
    case "reopened":
      return t.reopenCount > 0 ? 1 : 0;
    case "group-reassignments":
      return t.groupReassignments;
    case "agent-reassignments":
      return t.agentReassignments;
    case "one-touch": {
      const replies = events.filter((e) => e.event.type === "MessageAdded" && e.event.kind === "reply").length;
      return t.reopenCount === 0 && replies <= 1 ? 1 : 0;
    }
    case "time-minutes":
      return t.timeMinutes;
    case "billable-minutes":
      return t.billableMinutes;
    case "cost-cents":
      return t.costCents;
    case "handed-off-cost-cents": {
      const received = events.find((e) => e.event.type === "HandOffReceived")?.event;
      return received?.type === "HandOffReceived" ? received.totals.costCents : 0;
    }
    case "rating":
      return t.rating?.score ?? null;
  }
  return null;
};

/**
 * A ticket's value of a dimension (ids, not names; `period` is handled by buckets).
 * @example dimensionOf(ticket, "agent") // "ag-1"
 */
export const dimensionOf = (t: Ticket, dimension: Exclude<Dimension, "period">): string | null => {
  switch (dimension) {
    case "service":
      return t.serviceId;
    case "group":
      return t.groupId;
    case "agent":
      return t.assigneeId;
    case "channel":
      return t.channel;
    case "priority":
      return t.priority;
    case "category":
      return t.category;
    case "type":
      return t.type;
    case "organisation":
      return t.organizationId;
    case "status":
      return t.status;
  }
};

const within = (at: number | null, b: PeriodBucket) => at !== null && at >= b.start && at < b.end;

/**
 * Whether a ticket counts in a bucket for an anchor: created/resolved/closed inside it, or (backlog)
 * created before its end and neither resolved nor closed by then.
 * @example anchored(ticket, "created", { start: 0, end: Infinity }) // true
 */
export const anchored = (t: Ticket, anchor: Anchor, b: PeriodBucket): boolean => {
  switch (anchor) {
    case "created":
      return within(t.createdAt, b);
    case "resolved":
      return within(t.resolvedAt, b);
    case "closed":
      return within(t.closedAt, b);
    case "backlog":
      return t.createdAt < b.end && (t.resolvedAt === null || t.resolvedAt >= b.end) && (t.closedAt === null || t.closedAt >= b.end);
  }
};
