import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect/dialect-of";

const ticketColumns = "id, service_id, number, version, status, priority, active, group_id, assignee_id, requester_id, created_at, updated_at, resolved_at, closed_at";

/**
 * PostgreSQL's `json` operators turn escapes into text, and refuse `\u0000` and lone surrogates
 * (`\ud800`) — row by row, failing the whole query. The store kept such text when it was written by
 * an older version or directly. This drops exactly those escapes from the JSON text: an escaped
 * backslash (`\\`) and a well-formed surrogate pair are matched first and kept, so `\\u0000` (a
 * backslash followed by "u0000") survives. Documents without `\u` skip the regex: JSON.stringify
 * escapes only control characters and lone surrogates, so nearly every document takes that path.
 */
const sanitizer = sql.raw(String.raw`create or replace function spoc_report_json(j json) returns json
language sql immutable parallel safe as $f$
  select case when strpos(j::text, '\u') = 0 then j
    else regexp_replace(j::text, '(\\\\|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})|\\u0000|\\u[dD][89a-fA-F][0-9a-fA-F]{2}', '\1', 'g')::json end
$f$`);

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

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/**
 * Creates (if missing) the database's reporting role — NOLOGIN, no privileges of its own — and the
 * function SQL reports run through, in the current schema: `spoc_report_run`, SECURITY DEFINER and
 * owned by the role. Inside it PostgreSQL refuses to change `role` or `session_authorization`
 * (`set_config('role', …)` would otherwise undo `SET LOCAL ROLE`, as the session user is the
 * host's). Migration 0005 calls it; it needs a superuser, or CREATEROLE (PostgreSQL 16+: with
 * ADMIN OPTION on an existing role). Without those rights it does nothing and returns false, and
 * SQL reports on this schema answer `unavailable` until a privileged role calls it.
 * @example await installReportingRole(adminDb) // true
 */
export const installReportingRole = async (db: Kysely<any>): Promise<boolean> => {
  const me = (await sql<{ database: string; schema: string; su: boolean; cr: boolean; version: number }>`select current_database() as database,
    current_schema() as schema, rolsuper as su, rolcreaterole as cr, current_setting('server_version_num')::int as version
    from pg_roles where rolname = current_user`.execute(db)).rows[0]!;
  const role = reportingRoleName(me.database);
  const exists = async () => (await sql`select 1 from pg_roles where rolname = ${role}`.execute(db)).rows.length > 0;
  if (!(await exists())) {
    if (!me.su && !me.cr) return false;
    try {
      await sql`create role ${ident(role)} nologin nosuperuser nocreatedb nocreaterole noinherit`.execute(db);
    } catch (e) {
      // Another database's (or schema's) migration created it at the same moment.
      if (!(await exists())) throw e;
    }
  }
  if (!me.su) {
    // Changing a function's owner needs membership of the new owner; checked first, as a failed
    // statement would abort the migration's transaction.
    const r = (await sql<{ member: boolean; admin: boolean }>`select pg_has_role(current_user, ${role}, 'MEMBER') as member,
      pg_has_role(current_user, ${role}, 'MEMBER WITH ADMIN OPTION') as admin`.execute(db)).rows[0]!;
    if (!r.member) {
      if (!r.admin && !(me.cr && me.version < 160000)) return false;
      await sql`grant ${ident(role)} to current_user`.execute(db);
    }
  }
  await sql`grant usage on schema ${ident(me.schema)} to ${ident(role)}`.execute(db);
  await sql.raw(`create or replace function spoc_report_run(q text) returns setof json
language plpgsql security definer set search_path = pg_catalog, pg_temp as $f$
begin
  return query execute 'select to_json(r) from (' || q || ') as r';
end
$f$`).execute(db);
  await sql`alter function spoc_report_run(text) owner to ${ident(role)}`.execute(db);
  await sql`revoke all on function spoc_report_run(text) from public`.execute(db);
  return true;
};

/**
 * The reporting views `spoc_report_tickets` and `spoc_report_events`: what reports read, and all
 * they read. On PostgreSQL their JSON goes through `spoc_report_json`, so a stored NUL or lone
 * surrogate cannot fail a report, and the database gets its reporting role (see SECURITY.md).
 * @example await reportingViews.up(db)
 */
export const reportingViews = {
  async up(db: Kysely<any>): Promise<void> {
    const d = dialectOf(db);
    const json = (column: string) => (d.name === "postgres" ? `spoc_report_json(${column}) as ${column}` : column);
    if (d.name === "postgres") await sanitizer.execute(db);
    const create = d.name === "sqlite" ? "create view if not exists" : "create or replace view";
    await sql.raw(`${create} spoc_report_tickets as select ${ticketColumns}, ${json("doc")} from spoc_tickets`).execute(db);
    await sql.raw(`${create} spoc_report_events as select ticket_id, version, service_id, type, at, ${json("actor")}, ${json("payload")} from spoc_events`).execute(db);
    if (d.name === "postgres") await installReportingRole(db);
  },
};
