import { sql, type RawBuilder } from "kysely";
import type { Dimension } from "../definition";
import type { Anchor, Fact } from "../measure-plan";
import { docNumber, docText, eventsFrom, slaElapsed, slaMetricCount, type DataSetDialect } from "./sql-dialect";

/**
 * A dimension's value of the ticket row `t`: projection columns where they exist, else the JSON document.
 * @example dimensionSql("sqlite", "channel") // json_extract(t.doc, '$.channel')
 */
export const dimensionSql = (d: DataSetDialect, dimension: Exclude<Dimension, "period">): RawBuilder<unknown> => {
  switch (dimension) {
    case "service":
      return sql.raw("t.service_id");
    case "group":
      return sql.raw("t.group_id");
    case "agent":
      return sql.raw("t.assignee_id");
    case "priority":
      return sql.raw("t.priority");
    case "status":
      return sql.raw("t.status");
    case "channel":
      return docText(d, ["channel"]);
    case "category":
      return docText(d, ["category"]);
    case "type":
      return docText(d, ["type"]);
    case "organisation":
      return docText(d, ["organizationId"]);
  }
};

/**
 * A per-ticket fact as SQL over `spoc_report_tickets t` (and `spoc_report_events` for one-touch and the handed-off cost), equal to `factOf`.
 * @example factSql("postgres", "first-response-ms")
 */
export const factSql = (d: DataSetDialect, fact: Fact): RawBuilder<unknown> => {
  if (fact.startsWith("sla-met:") || fact.startsWith("sla-done:")) {
    const [kind, metric] = fact.split(":") as [string, string];
    return slaMetricCount(d, (m) => {
      const which = metric === "*" ? sql`1 = 1` : sql`${m.text("metric")} = ${metric}`;
      return kind === "sla-met"
        ? sql`${which} and ${m.text("state")} = 'met' and ${m.text("breachedAt")} is null`
        : sql`${which} and ${m.text("state")} in ('met', 'breached')`;
    });
  }
  const reopens = docNumber(d, ["reopenCount"]);
  switch (fact) {
    case "one":
      return sql`1`;
    case "first-response-ms":
      return sql`(${docNumber(d, ["firstResponseAt"])} - t.created_at)`;
    case "first-response-business-ms":
      return slaElapsed(d, "first-response");
    case "resolution-ms":
      return sql`(t.resolved_at - t.created_at)`;
    case "resolution-business-ms":
      return slaElapsed(d, "resolution");
    case "breaches":
      return slaMetricCount(d, (m) => m.isNumber("breachedAt"));
    case "reopened":
      return sql`(case when ${reopens} > 0 then 1 else 0 end)`;
    case "group-reassignments":
      return docNumber(d, ["groupReassignments"]);
    case "agent-reassignments":
      return docNumber(d, ["agentReassignments"]);
    case "one-touch":
      return sql`(case when ${reopens} = 0 and (select count(*) from ${eventsFrom(d)} where e.ticket_id = t.id
        and e.type = 'MessageAdded' and ${docText(d, ["kind"], "e.payload")} = 'reply') <= 1 then 1 else 0 end)`;
    case "time-minutes":
      return docNumber(d, ["timeMinutes"]);
    case "billable-minutes":
      return docNumber(d, ["billableMinutes"]);
    case "cost-cents":
      return docNumber(d, ["costCents"]);
    case "handed-off-cost-cents":
      return sql`coalesce((select ${docNumber(d, ["totals", "costCents"], "e.payload")} from ${eventsFrom(d)}
        where e.ticket_id = t.id and e.type = 'HandOffReceived' limit 1), 0)`;
    case "rating":
      return docNumber(d, ["rating", "score"]);
  }
  throw new RangeError(`unknown fact "${fact}"`);
};

/** Whether the ticket row `t` counts in bucket `b` (columns `s`, `e`) for an anchor; mirrors `anchored`. */
export const anchorSql = (anchor: Anchor): RawBuilder<unknown> => {
  switch (anchor) {
    case "created":
      return sql`(t.created_at >= b.s and t.created_at < b.e)`;
    case "resolved":
      return sql`(t.resolved_at >= b.s and t.resolved_at < b.e)`;
    case "closed":
      return sql`(t.closed_at >= b.s and t.closed_at < b.e)`;
    case "backlog":
      return sql`(t.created_at < b.e and (t.resolved_at is null or t.resolved_at >= b.e) and (t.closed_at is null or t.closed_at >= b.e))`;
  }
};
