import { sql, type Kysely } from "kysely";
import { postgresLiteral } from "./named-params";
import { SqlReportError } from "./sql-report-error";

/** What the PostgreSQL runner needs: the report as text (parameters inlined), the scope, the guards. */
export interface PostgresReport {
  /** The whole query, row cap included. */
  readonly text: string;
  readonly serviceIds: ReadonlyArray<string>;
  readonly timeoutMs: number;
  /** The most bytes of rows (as JSON) returned; the rows past it stay in the database. */
  readonly maxBytes: number;
  /** Opens the report's own one-connection Kysely; destroyed after the report. */
  readonly connect?: () => Promise<Kysely<any>>;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Runs one report on one connection: scoped temporary views, then the read-only transaction under the role. */
const onConnection = async (conn: Kysely<any>, report: PostgresReport): Promise<{ rows: Array<Record<string, unknown>>; cut: boolean }> => {
  const found = await sql<{ role: string; schema: string; member: boolean }>`select pg_get_userbyid(p.proowner) as role, n.nspname as schema,
    pg_has_role(current_user, p.proowner, 'MEMBER') as member
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace where p.oid = to_regprocedure('spoc_report_run(text)')`.execute(conn);
  const fn = found.rows[0];
  if (fn === undefined) {
    throw new SqlReportError({
      message: "this database has no reporting role: run the store's migrations once as a role with CREATEROLE, or installReportingRole (see SECURITY.md)",
      reason: "unavailable",
    });
  }
  if (!fn.member) {
    throw new SqlReportError({ message: `the host's role may not take the reporting role: GRANT ${ident(fn.role)} TO the host's role (see SECURITY.md)`, reason: "unavailable" });
  }
  const schema = ident(fn.schema);
  const role = ident(fn.role);
  // The scope is fixed here, by the host's role, in views the report can read but not change.
  // Temporary views live only in this session; their owner (the host's role) reads the reporting
  // views, so the reporting role needs no right on anything permanent.
  // security_barrier: the scope filter runs before any predicate of the report that is not
  // leakproof. Without it the planner orders quals by cost, and a cheap failing predicate
  // (`1 / (case when number like 'HR%' then 0 else 1 end) = 1`) ran on other services' rows too,
  // its error an oracle over every plain column; naming a service several times raised the
  // filter's cost to make sure of it, so the list is also deduplicated.
  const services = [...new Set(report.serviceIds)].map((s) => postgresLiteral(s)).join(", ");
  await sql.raw(`create or replace temp view tickets with (security_barrier) as select * from ${schema}.spoc_report_tickets where service_id in (${services})`).execute(conn);
  await sql.raw(`create or replace temp view events with (security_barrier) as select * from ${schema}.spoc_report_events where service_id in (${services})`).execute(conn);
  await sql.raw(`revoke all on pg_temp.tickets, pg_temp.events from public`).execute(conn);
  await sql.raw(`grant select on pg_temp.tickets, pg_temp.events to ${role}`).execute(conn);
  await sql`begin transaction read only`.execute(conn);
  try {
    await sql.raw(`set local role ${role}`).execute(conn);
    // Armed when the statement starts: a set_config inside the report does not lift it.
    await sql.raw(`set local statement_timeout = ${Math.max(1, Math.trunc(report.timeoutMs))}`).execute(conn);
    // The running size of the rows as JSON: rows past maxBytes never leave the database (the first
    // one past it only says so), so one report cannot fill the host's memory.
    const max = Math.max(1, Math.trunc(report.maxBytes));
    const r = await sql<{ r: Record<string, unknown> | null; kept: boolean }>`select case when total <= ${sql.raw(String(max))} then r end as r,
      total <= ${sql.raw(String(max))} as kept
      from (select r, sum(octet_length(r::text)) over (order by ord) as total from ${sql.raw(schema)}.spoc_report_run(${report.text}) with ordinality as x(r, ord)) as sized
      where total - octet_length(r::text) <= ${sql.raw(String(max))}`.execute(conn);
    return { rows: r.rows.filter((x) => x.kept).map((x) => x.r!), cut: r.rows.some((x) => !x.kept) };
  } finally {
    // Never committed: a large object the report created, or anything else transactional, is undone.
    await sql`rollback`.execute(conn);
  }
};

/**
 * Runs a SQL report on PostgreSQL under the database's reporting role. On `connect`'s own
 * connection, which is then closed, or else on a pooled one that is reset with `DISCARD ALL` (it
 * drops the temporary views, session settings and session advisory locks) before it goes back.
 */
export const runOnPostgres = async (db: Kysely<any>, report: PostgresReport): Promise<{ rows: Array<Record<string, unknown>>; cut: boolean }> => {
  if (report.connect !== undefined) {
    const own = await report.connect();
    try {
      return await own.connection().execute((conn) => onConnection(conn, report));
    } finally {
      await own.destroy();
    }
  }
  return db.connection().execute(async (conn) => {
    try {
      return await onConnection(conn, report);
    } finally {
      await sql`discard all`.execute(conn);
    }
  });
};
