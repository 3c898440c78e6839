import { Schema } from "effect";

/**
 * A SQL report failed its guards or the database refused it: `write-rejected`, `table-not-allowed`
 * (a table or function outside the reporting views, refused by the database or the early text
 * check), `timeout`, `invalid` (a parameter, an empty service list), `unavailable` (this database
 * cannot run SQL reports safely, and why), `database` (any other error of the query).
 * @example
 * if (e instanceof SqlReportError && e.reason === "timeout") console.error("the report took too long")
 */
export class SqlReportError extends Schema.TaggedError<SqlReportError>()("SqlReportError", {
  message: Schema.String,
  reason: Schema.Literals(["write-rejected", "table-not-allowed", "timeout", "invalid", "unavailable", "database"]),
}) {}
