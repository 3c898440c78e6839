/**
 * SQL reports for admins: read-only, time-limited, capped, bound parameters, scoped views, with
 * the boundary enforced by the database (see SECURITY.md).
 * @example await runSqlReport(principal, { sql: "select count(*) n from tickets", serviceIds: ["svc-it"] }, db)
 */
export { bindNamed, inlineNamed, positionalNamed, postgresLiteral, type SqlParam } from "./named-params";
export { runSqlReport, SqlReportError, type SqlReportOptions, type SqlReportQuery, type SqlReportResult } from "./sql-report";
