import { authorize, Forbidden, type Principal } from "@spoc/core";
import type { Kysely } from "kysely";
import type { SqlDialect } from "../dataset/sql/sql-dialect";
import { dialectOfDb } from "../dataset/sql/sql-dialect";
import { inlineNamed, positionalNamed, type SqlParam } from "./named-params";
import { runOnPostgres } from "./postgres-report";
import { SqlReportError } from "./sql-report-error";
import { runOnSqlite } from "./sqlite-report";

export { SqlReportError } from "./sql-report-error";

/**
 * A SQL report: a query over the scoped views `tickets` and `events`, with `:name` bound parameters.
 * @example
 * await runSqlReport(principal, { sql: "select status, count(*) as n from tickets where priority = :p group by status", params: { p: "urgent" }, serviceIds: ["svc-it"] }, db)
 */
export interface SqlReportQuery {
  readonly sql: string;
  readonly params?: Readonly<Record<string, SqlParam>>;
  /** The services the query may read; the principal must be allowed `report.sql` on each. */
  readonly serviceIds: ReadonlyArray<string>;
}

/**
 * Guards of a SQL report run.
 * @example
 * await runSqlReport(principal, query, db, { rowCap: 1000, timeoutMs: 5000 })
 */
export interface SqlReportOptions {
  readonly dialect?: SqlDialect;
  /** The most rows returned (default 10 000); `truncated` says when there were more. */
  readonly rowCap?: number;
  /**
   * The most bytes of rows, as JSON, returned (default 32 MiB); rows past it are cut and
   * `truncated` says so. They never reach the host: the database (PostgreSQL) or the report's
   * process (SQLite) stops there.
   */
  readonly maxBytes?: number;
  /**
   * The time budget in ms (default 30 000): PostgreSQL's `statement_timeout`; on SQLite the
   * report's process is killed when it runs past it.
   */
  readonly timeoutMs?: number;
  /**
   * PostgreSQL: opens a one-connection Kysely (same database and `search_path` as `db`) for this
   * report alone; it is destroyed afterwards, so nothing of the session survives. Without it the
   * report borrows a connection of `db`'s pool and resets it with `DISCARD ALL` before returning it.
   */
  readonly connect?: () => Promise<Kysely<any>>;
}

/**
 * The rows of a SQL report and whether the row cap or the byte cap cut them.
 * @example
 * const { columns, rows, truncated }: SqlReportResult = await runSqlReport(principal, query, db)
 */
export interface SqlReportResult {
  readonly columns: ReadonlyArray<string>;
  readonly rows: ReadonlyArray<Record<string, unknown>>;
  readonly truncated: boolean;
}

export { bindNamed } from "./named-params";

const tableReference = /(^|[^\w$])"?spoc_\w+"?/i;

const dialectOrUnavailable = (db: Kysely<any>): SqlDialect => {
  try {
    return dialectOfDb(db);
  } catch (e) {
    // MySQL/MariaDB: no reporting user nor per-report scoping yet, so no SQL reports (SECURITY.md).
    throw new SqlReportError({ message: `SQL reports run on PostgreSQL and SQLite files only: ${(e as Error).message}`, reason: "unavailable" });
  }
};

const classify = (e: unknown): SqlReportError => {
  if (e instanceof SqlReportError) return e;
  const err = e as { code?: string; message?: string };
  const message = err.message ?? String(e);
  if (err.code === "25006" || /readonly|read-only|query_only|attempt to write/i.test(message)) {
    return new SqlReportError({ message: `writes are not allowed in SQL reports: ${message}`, reason: "write-rejected" });
  }
  if (err.code === "57014") return new SqlReportError({ message: `the query ran past its timeout: ${message}`, reason: "timeout" });
  // insufficient_privilege, undefined_table, undefined_function: something outside the views and
  // what the reporting role may use (the reporting function's search_path holds pg_catalog only).
  if (err.code === "42501" || err.code === "42P01" || err.code === "42883") return new SqlReportError({ message: `${message} (SQL reports read the scoped views tickets and events)`, reason: "table-not-allowed" });
  return new SqlReportError({ message, reason: "database" });
};

/**
 * Runs an admin's SQL report: `report.sql` must be allowed on every service (else `Forbidden`);
 * the query reads the views `tickets` and `events`, holding only those services' rows, with
 * `:name` parameters and a row cap. The database enforces the boundary (see SECURITY.md):
 * PostgreSQL runs it under the reporting role in a read-only transaction with a
 * `statement_timeout`; SQLite runs it in a child process over copies of the scoped rows, killed
 * past the budget. A query naming `spoc_*` tables is refused early, as a courtesy, not a guard.
 * @example
 * await runSqlReport(principal, { sql: "select status, count(*) n from tickets where priority = :p group by status", params: { p: "high" }, serviceIds: ["svc-it"] }, db)
 */
export const runSqlReport = async (principal: Principal, query: SqlReportQuery, db: Kysely<any>, options: SqlReportOptions = {}): Promise<SqlReportResult> => {
  if (query.serviceIds.length === 0) throw new SqlReportError({ message: "a SQL report needs at least one service", reason: "invalid" });
  for (const serviceId of query.serviceIds) {
    const decision = authorize(principal, "report.sql", { serviceId: serviceId as never });
    if (!decision.allowed) throw new Forbidden({ message: `SQL reports are for admins: ${decision.reason}`, action: "report.sql" });
  }
  const text = query.sql.trim().replace(/;\s*$/, "");
  if (tableReference.test(text.replace(/'(?:[^']|'')*'/g, "''"))) {
    throw new SqlReportError({ message: "SQL reports read the scoped views tickets and events, not spoc_* tables", reason: "table-not-allowed" });
  }
  const d = options.dialect ?? dialectOrUnavailable(db);
  const cap = Math.max(1, Math.trunc(options.rowCap ?? 10_000));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = Math.max(1, Math.trunc(options.maxBytes ?? 32 * 1024 * 1024));
  const params = query.params ?? {};
  try {
    let columns: ReadonlyArray<string> | undefined;
    let rows: ReadonlyArray<Record<string, unknown>>;
    let cut: boolean;
    if (d === "postgres") {
      const report = `select * from (${inlineNamed(text, params)}\n) as report limit ${cap + 1}`;
      ({ rows, cut } = await runOnPostgres(db, { text: report, serviceIds: query.serviceIds, timeoutMs, maxBytes, ...(options.connect ? { connect: options.connect } : {}) }));
    } else {
      const named = positionalNamed(text, params);
      const r = await runOnSqlite(db, { text: `select * from (${named.text}\n) as report limit ${cap + 1}`, values: named.values, serviceIds: query.serviceIds, timeoutMs, maxBytes });
      ({ columns, rows, cut } = r);
    }
    const truncated = cut || rows.length > cap;
    const kept = truncated ? rows.slice(0, cap) : rows;
    return { columns: columns ?? Object.keys(kept[0] ?? {}), rows: kept, truncated };
  } catch (e) {
    throw classify(e);
  }
};
