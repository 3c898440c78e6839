/**
 * SQL reports for admins: read-only, time-limited, capped, bound parameters, scoped views, with
 * the boundary enforced by the database (see SECURITY.md); rendered like any report, with column
 * types inferred from names, `-- spoc: column` comments and declarations.
 * @example await runSqlReport(principal, { sql: "select count(*) n from tickets", serviceIds: ["svc-it"] }, db)
 */
export { bindNamed, inlineNamed, positionalNamed, postgresLiteral, type SqlParam } from "./named-params";
export { runSqlReport, SqlReportError, type SqlReportOptions, type SqlReportQuery, type SqlReportResult } from "./sql-report";
export { inferSqlColumnKind, planSqlColumns, sqlColumnComments, sqlColumnKinds, sqlColumnLabel, type SqlColumnKind, type SqlColumnOverride, type SqlColumnPlan } from "./sql-columns";
export { decodeSqlReportSpec, SqlParamValue, SqlReportSpec } from "./sql-report-spec";
export { runSqlReportFiles, type SqlReportFilesOptions } from "./sql-report-files";
