/**
 * SQL reports for admins: read-only, time-limited, capped, bound parameters, scoped views.
 * @example await runSqlReport(principal, { sql: "select count(*) n from tickets", serviceIds: ["svc-it"] }, db)
 */
export { bindNamed, runSqlReport, SqlReportError, type SqlReportOptions, type SqlReportQuery, type SqlReportResult } from "./sql-report";
