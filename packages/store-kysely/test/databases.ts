import Database from "better-sqlite3";
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect, sql } from "kysely";
import { createPool } from "mysql2";
import pg from "pg";
import { openSqliteConnection } from "../src/dialect/sqlite-connection";
import { migrateToLatest } from "../src/migrations/migrate";
import type { SpocDatabase } from "../src/schema/tables";

/** A migrated database for one test suite; `reset()` empties its tables, `drop()` removes it. */
export interface TestDatabase {
  readonly db: Kysely<SpocDatabase>;
  reset(): Promise<void>;
  drop(): Promise<void>;
}

const TABLES = [
  "spoc_events", "spoc_tickets", "spoc_messages", "spoc_counters", "spoc_services", "spoc_contact_lists", "spoc_contacts",
  "spoc_contact_emails", "spoc_organizations", "spoc_organization_domains", "spoc_groups", "spoc_agents",
  "spoc_agent_services", "spoc_config", "spoc_cursors", "spoc_outbox", "spoc_sweep_leases", "spoc_commands", "spoc_ticket_search",
];

const suffix = () => `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

/** A fresh in-memory SQLite database. */
export async function sqliteDatabase(): Promise<TestDatabase> {
  const db = new Kysely<SpocDatabase>({ dialect: new SqliteDialect({ database: new Database(":memory:") }) });
  await migrateToLatest(db);
  return {
    db,
    async reset() { for (const t of TABLES) await sql`delete from ${sql.table(t)}`.execute(db); },
    drop: () => db.destroy(),
  };
}

/** A fresh SQLite file (WAL, as `openStore` opens it), for tests where several processes share it. */
export async function sqliteFileDatabase(path: string): Promise<TestDatabase> {
  const database = await openSqliteConnection(path);
  const db = new Kysely<SpocDatabase>({ dialect: new SqliteDialect({ database }) });
  await migrateToLatest(db);
  return {
    db,
    async reset() { for (const t of TABLES) await sql`delete from ${sql.table(t)}`.execute(db); },
    drop: () => db.destroy(),
  };
}

/** A fresh schema in the PostgreSQL database at `url`, dropped afterwards. */
export async function postgresDatabase(url: string, poolSize = 10): Promise<TestDatabase> {
  const schema = `spoc_test_${suffix()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c search_path=${schema}` });
  const db = new Kysely<SpocDatabase>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db, { schema });
  return {
    db,
    async reset() { await sql`truncate ${sql.join(TABLES.map((t) => sql.table(t)))}`.execute(db); },
    async drop() {
      await db.destroy();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/** A fresh database on the MySQL/MariaDB server at `url`, dropped afterwards. */
export async function mysqlDatabase(url: string, poolSize = 10): Promise<TestDatabase> {
  const name = `spoc_test_${suffix()}`;
  const admin = createPool({ uri: url, connectionLimit: 1 }).promise();
  await admin.query(`create database ${name} character set utf8mb4 collate utf8mb4_bin`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = new Kysely<SpocDatabase>({ dialect: new MysqlDialect({ pool: createPool({ uri: u.toString(), connectionLimit: poolSize }) }) });
  await migrateToLatest(db);
  return {
    db,
    async reset() { for (const t of TABLES) await sql`delete from ${sql.table(t)}`.execute(db); },
    async drop() {
      await db.destroy();
      const c = createPool({ uri: url, connectionLimit: 1 }).promise();
      await c.query(`drop database ${name}`);
      await c.end();
    },
  };
}

/** The server databases to test against, from SPOC_PG_URL and SPOC_MYSQL_URL; warns about each one skipped. */
export const servers = (): Array<{ name: string; url: string | undefined; open: (url: string) => Promise<TestDatabase> }> => [
  { name: "postgres", url: process.env.SPOC_PG_URL, open: (u) => postgresDatabase(u) },
  { name: "mysql", url: process.env.SPOC_MYSQL_URL, open: (u) => mysqlDatabase(u) },
];

/** Prints why a server suite is skipped, so a missing database never passes silently. */
export const warnSkipped = (name: string, variable: string) =>
  console.warn(`[store-kysely] ${name} tests skipped: set ${variable} (e.g. ${variable === "SPOC_PG_URL" ? "postgres://postgres@127.0.0.1:5432/spoc_test" : "mysql://root@127.0.0.1:3306/spoc_test"}) to run them`);
