import { createHash } from "node:crypto";

/** The databases spoc's SQL adapters speak. */
/** The databases the shared SQL is written for. @example await createReportingSchema("postgres" satisfies SqlDialectName, run) */
export type SqlDialectName = "sqlite" | "postgres" | "mysql";

/**
 * Runs one statement on the adapter's connection (inside its migration's transaction, when there
 * is one) and resolves to the rows it returns (none for DDL). Parameters use the dialect's own
 * placeholders (`$1` on PostgreSQL).
 * @example const run: SqlRunner = async (sql, params) => queryRunner.query(sql, params as unknown[])
 */
export type SqlRunner = (sql: string, params?: ReadonlyArray<unknown>) => Promise<ReadonlyArray<Record<string, unknown>>>;

const ticketColumns = "id, service_id, number, version, status, priority, active, group_id, assignee_id, requester_id, created_at, updated_at, resolved_at, closed_at";

/**
 * PostgreSQL's `json` operators turn escapes into text, and refuse `\u0000` and lone surrogates
 * (`\ud800`) — row by row, failing the whole query. The store kept such text when it was written by
 * an older version or directly. This drops exactly those escapes from the JSON text: an escaped
 * backslash (`\\`) and a well-formed surrogate pair are matched first and kept, so `\\u0000` (a
 * backslash followed by "u0000") survives. Documents without `\u` skip the regex: JSON.stringify
 * escapes only control characters and lone surrogates, so nearly every document takes that path.
 */
const sanitizer = String.raw`create or replace function spoc_report_json(j json) returns json
language sql immutable parallel safe as $f$
  select case when strpos(j::text, '\u') = 0 then j
    else regexp_replace(j::text, '(\\\\|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})|\\u0000|\\u[dD][89a-fA-F][0-9a-fA-F]{2}', '\1', 'g')::json end
$f$`;

/**
 * The name of the PostgreSQL reporting role of a database: one per database (roles are shared by
 * every database of a server, so the name carries the database's), hashed when it would pass
 * PostgreSQL's 63-byte limit.
 * @example reportingRoleName("desk") // "spoc_report_desk"
 */
export const reportingRoleName = (database: string): string => {
  const name = `spoc_report_${database}`;
  return Buffer.byteLength(name) <= 63 ? name : `spoc_report_${createHash("sha256").update(database).digest("hex").slice(0, 40)}`;
};

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates (if missing) the database's reporting role — NOLOGIN, no privileges of its own — and the
 * function SQL reports run through, in the current schema: `spoc_report_run`, SECURITY DEFINER and
 * owned by the role. Inside it PostgreSQL refuses to change `role` or `session_authorization`
 * (`set_config('role', …)` would otherwise undo `SET LOCAL ROLE`, as the session user is the
 * host's). Migration 0005 calls it; it needs a superuser, or CREATEROLE (PostgreSQL 16+: with
 * ADMIN OPTION on an existing role). Without those rights it does nothing and resolves to false,
 * and SQL reports on this schema answer `unavailable` until a privileged role calls it.
 * PostgreSQL only.
 * @example await installReportingRole((sql, params) => client.query(sql, params).then((r) => r.rows)) // true
 */
export const installReportingRole = async (run: SqlRunner): Promise<boolean> => {
  const me = (await run(`select current_database() as database,
    current_schema() as schema, rolsuper as su, rolcreaterole as cr, current_setting('server_version_num')::int as version
    from pg_roles where rolname = current_user`))[0] as { database: string; schema: string; su: boolean; cr: boolean; version: number };
  const role = reportingRoleName(me.database);
  const exists = async () => (await run(`select 1 from pg_roles where rolname = $1`, [role])).length > 0;
  if (!(await exists())) {
    if (!me.su && !me.cr) return false;
    try {
      await run(`create role ${ident(role)} nologin nosuperuser nocreatedb nocreaterole noinherit`);
    } catch (e) {
      // Another database's (or schema's) migration created it at the same moment.
      if (!(await exists())) throw e;
    }
  }
  if (!me.su) {
    // Changing a function's owner needs membership of the new owner; checked first, as a failed
    // statement would abort the migration's transaction.
    const r = (await run(`select pg_has_role(current_user, $1, 'MEMBER') as member,
      pg_has_role(current_user, $1, 'MEMBER WITH ADMIN OPTION') as admin`, [role]))[0] as { member: boolean; admin: boolean };
    if (!r.member) {
      if (!r.admin && !(me.cr && me.version < 160000)) return false;
      await run(`grant ${ident(role)} to current_user`);
    }
  }
  await run(`grant usage on schema ${ident(me.schema)} to ${ident(role)}`);
  await run(`create or replace function spoc_report_run(q text) returns setof json
language plpgsql security definer set search_path = pg_catalog, pg_temp as $f$
begin
  return query execute 'select to_json(r) from (' || q || ') as r';
end
$f$`);
  await run(`alter function spoc_report_run(text) owner to ${ident(role)}`);
  await run(`revoke all on function spoc_report_run(text) from public`);
  return true;
};

/**
 * Migration 0005 of every SQL adapter: the reporting views `spoc_report_tickets` and
 * `spoc_report_events`, what reports read and all they read. On PostgreSQL their JSON goes through
 * `spoc_report_json`, so a stored NUL or lone surrogate cannot fail a report, and the database gets
 * its reporting role (see SECURITY.md). The one text of this step: `@spoc/store-kysely` runs it
 * through Kysely, `@spoc/store-typeorm` through a QueryRunner.
 * @example await createReportingSchema("sqlite", run)
 */
export const createReportingSchema = async (dialect: SqlDialectName, run: SqlRunner): Promise<void> => {
  const json = (column: string) => (dialect === "postgres" ? `spoc_report_json(${column}) as ${column}` : column);
  if (dialect === "postgres") await run(sanitizer);
  const create = dialect === "sqlite" ? "create view if not exists" : "create or replace view";
  await run(`${create} spoc_report_tickets as select ${ticketColumns}, ${json("doc")} from spoc_tickets`);
  await run(`${create} spoc_report_events as select ticket_id, version, service_id, type, at, ${json("actor")}, ${json("payload")} from spoc_events`);
  if (dialect === "postgres") await installReportingRole(run);
};

/**
 * Undoes `createReportingSchema`: the views, and on PostgreSQL the two functions. The reporting
 * role stays: it is shared by every schema of the database.
 * @example await dropReportingSchema("postgres", run)
 */
export const dropReportingSchema = async (dialect: SqlDialectName, run: SqlRunner): Promise<void> => {
  await run("drop view if exists spoc_report_events");
  await run("drop view if exists spoc_report_tickets");
  if (dialect === "postgres") {
    await run("drop function if exists spoc_report_run(text)");
    await run("drop function if exists spoc_report_json(json)");
  }
};
