import { authorize, Forbidden, type Principal } from "@spoc/core";
import { Schema } from "effect";
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { SqlDialect } from "../dataset/sql/sql-dialect";
import { dialectOfDb } from "../dataset/sql/sql-dialect";

/** A SQL report query failed its guards (a write, a direct table read, the timeout) or the database refused it. */
export class SqlReportError extends Schema.TaggedError<SqlReportError>()("SqlReportError", {
  message: Schema.String,
  reason: Schema.Literals(["write-rejected", "table-not-allowed", "timeout", "invalid", "database"]),
}) {}

/** A SQL report: a query over the scoped views `tickets` and `events`, with `:name` bound parameters. */
export interface SqlReportQuery {
  readonly sql: string;
  readonly params?: Readonly<Record<string, string | number | boolean | null>>;
  /** The services the query may read; the principal must be allowed `report.sql` on each. */
  readonly serviceIds: ReadonlyArray<string>;
}

/** Guards of a SQL report run. */
export interface SqlReportOptions {
  readonly dialect?: SqlDialect;
  /** The most rows returned (default 10 000); `truncated` says when there were more. */
  readonly rowCap?: number;
  /** PostgreSQL `statement_timeout` in ms (default 30 000). SQLite has no statement timeout. */
  readonly timeoutMs?: number;
}

/** The rows of a SQL report and whether the row cap cut them. */
export interface SqlReportResult {
  readonly columns: ReadonlyArray<string>;
  readonly rows: ReadonlyArray<Record<string, unknown>>;
  readonly truncated: boolean;
}

const tableReference = /(^|[^\w$])"?spoc_\w+"?/i;

/** Splits `:name` placeholders (not `::casts`, not inside quotes) into bound parameters. */
export const bindNamed = (text: string, params: Readonly<Record<string, unknown>>): RawBuilder<unknown> => {
  const parts: Array<RawBuilder<unknown>> = [];
  const token = /'(?:[^']|'')*'|"(?:[^"]|"")*"|::|:([A-Za-z_]\w*)/g;
  let last = 0;
  for (let m = token.exec(text); m !== null; m = token.exec(text)) {
    const name = m[1];
    if (name === undefined) continue;
    if (!(name in params)) throw new SqlReportError({ message: `parameter :${name} has no value`, reason: "invalid" });
    parts.push(sql.raw(text.slice(last, m.index)), sql`${params[name]}`);
    last = m.index + m[0].length;
  }
  parts.push(sql.raw(text.slice(last)));
  return sql.join(parts, sql``);
};

const classify = (e: unknown): SqlReportError => {
  if (e instanceof SqlReportError) return e;
  const err = e as { code?: string; message?: string };
  const message = err.message ?? String(e);
  if (err.code === "25006" || /readonly|read-only|query_only|attempt to write/i.test(message)) {
    return new SqlReportError({ message: `writes are not allowed in SQL reports: ${message}`, reason: "write-rejected" });
  }
  if (err.code === "57014") return new SqlReportError({ message: `the query ran past its timeout: ${message}`, reason: "timeout" });
  return new SqlReportError({ message, reason: "database" });
};

/**
 * Runs an admin's SQL report: `report.sql` must be allowed on every service (else `Forbidden`);
 * the query reads the views `tickets` and `events`, scoped to those services, and may not name
 * `spoc_*` tables; it runs read-only (PostgreSQL: `SET TRANSACTION READ ONLY` and a
 * `statement_timeout`; SQLite: `PRAGMA query_only`), with `:name` parameters bound and a row cap.
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
  const d = options.dialect ?? dialectOfDb(db);
  const cap = Math.max(1, Math.trunc(options.rowCap ?? 10_000));
  const services = sql.join(query.serviceIds.map((s) => sql`${s}`));
  const statement = sql<Record<string, unknown>>`with tickets as (select * from spoc_tickets where service_id in (${services})),
events as (select * from spoc_events where service_id in (${services}))
select * from (${bindNamed(text, query.params ?? {})}) as report limit ${cap + 1}`;
  try {
    const rows =
      d === "postgres"
        ? await db.transaction().execute(async (tx) => {
            await sql`set transaction read only`.execute(tx);
            await sql.raw(`set local statement_timeout = ${Math.max(1, Math.trunc(options.timeoutMs ?? 30_000))}`).execute(tx);
            return (await statement.execute(tx)).rows;
          })
        : await db.connection().execute(async (conn) => {
            await sql`pragma query_only = 1`.execute(conn);
            try {
              return (await statement.execute(conn)).rows;
            } finally {
              await sql`pragma query_only = 0`.execute(conn);
            }
          });
    const truncated = rows.length > cap;
    const kept = truncated ? rows.slice(0, cap) : rows;
    return { columns: Object.keys(kept[0] ?? {}), rows: kept, truncated };
  } catch (e) {
    throw classify(e);
  }
};
