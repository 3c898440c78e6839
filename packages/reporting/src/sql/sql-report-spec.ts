import { decodeInput, InvalidInput } from "@spoc/core";
import { Schema } from "effect";
import { sqlColumnKinds } from "./sql-columns";

/** A value of a SQL report's `:name` parameter, as stored in a schedule. @example Schema.decodeUnknownSync(SqlParamValue)("high") // "high" */
export const SqlParamValue = Schema.Union([Schema.String, Schema.Finite, Schema.Boolean, Schema.Null]);

/**
 * A SQL report as a document (a schedule holds one): its title, the query over the reporting views
 * `tickets` and `events`, `:name` parameter values, and column declarations over the inferred ones
 * (see docs/reporting.md, "SQL reports as files"). `:from` and `:to` are bound to the period's
 * instants in epoch ms unless `params` names them. `totals` adds a totals line (sums; means for
 * percentages), off by default since a sum of any number column is not always a figure.
 * @example
 * const r: SqlReportSpec = { title: "Open by priority", sql: "select priority, count(*) as n from tickets where active = 1 group by priority", columns: { n: { label: "Open" } } }
 */
export const SqlReportSpec = Schema.Struct({
  title: Schema.NonEmptyString,
  sql: Schema.NonEmptyString,
  params: Schema.optionalKey(Schema.Record(Schema.String, SqlParamValue)),
  columns: Schema.optionalKey(Schema.Record(Schema.String, Schema.Struct({ kind: Schema.optionalKey(Schema.Literals(sqlColumnKinds)), label: Schema.optionalKey(Schema.String) }))),
  totals: Schema.optionalKey(Schema.Boolean),
});
/** A SQL report as a document: title, query, parameters and column declarations. */
export type SqlReportSpec = typeof SqlReportSpec.Type;

/** Decodes a SQL report document; a bad one throws `InvalidInput` naming each bad path. @example decodeSqlReportSpec({ title: "Open", sql: "select count(*) as n from tickets" }) */
export const decodeSqlReportSpec = (input: unknown): SqlReportSpec => {
  const r = decodeInput(SqlReportSpec, input, "SQL report");
  if (r instanceof InvalidInput) throw r;
  return r;
};
