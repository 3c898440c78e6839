import { migrateToLatest } from "@spoc/store-kysely";
import { Kysely, MysqlDialect, PostgresDialect, sql } from "kysely";
import { createPool } from "mysql2";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { mysqlDatabase, postgresDatabase, type TestDatabase, warnSkipped } from "./databases";

const suffix = () => `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
/** Rows with every value as text: the two drivers format numbers differently (TypeORM asks mysql2 for big numbers as strings). */
const text = (rows: unknown[]) => (rows as Array<Record<string, unknown>>).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v === null ? null : String(v)])));
// Full-text search (spoc_ticket_search, migration 0007) is the Kysely store's only, until the
// TypeORM store has it (its capabilities.search is false).
const spocTables = `table_name like 'spoc\\_%' and table_name not like 'spoc\\_migrations%' and table_name not like 'spoc\\_ticket\\_%'`;

/** Columns (type, collation, nullability, default) and indexes of spoc's tables in the current schema. */
const pgSchema = async (run: (q: string) => Promise<unknown[]>) => {
  const query = async (q: string) => text(await run(q));
  return {
  columns: await query(`select table_name, column_name, data_type, character_maximum_length, collation_name, is_nullable, column_default
    from information_schema.columns where table_schema = current_schema() and ${spocTables} order by table_name, ordinal_position`),
  options: await query(`select relname, reloptions::text as options from pg_class
    where relnamespace = current_schema()::regnamespace and relname like 'spoc\\_%' and relname not like 'spoc\\_migrations%' and relname not like 'spoc\\_ticket\\_%' and relkind = 'r' order by relname`),
  indexes: await query(`select tablename, indexname, replace(indexdef, current_schema() || '.', '') as def
    from pg_indexes where schemaname = current_schema() and tablename like 'spoc\\_%' and tablename not like 'spoc\\_migrations%' and tablename not like 'spoc\\_ticket\\_%' order by indexname`),
  views: await query(`select viewname, definition from pg_views where schemaname = current_schema() order by viewname`),
  // The reporting functions: text, SECURITY DEFINER, settings, owner (the database's reporting role) and who may run them.
  functions: await query(`select proname, prosrc, prosecdef, proconfig::text as config, pg_get_userbyid(proowner) as owner, proacl::text as acl
    from pg_proc where pronamespace = current_schema()::regnamespace order by proname`),
  };
};

const mysqlSchema = async (run: (q: string) => Promise<unknown[]>) => {
  const query = async (q: string) => text(await run(q));
  return {
  tables: await query(`select table_name, table_collation from information_schema.tables where table_schema = database() and ${spocTables} order by table_name`),
  columns: await query(`select table_name, column_name, column_type, collation_name, is_nullable, column_default
    from information_schema.columns where table_schema = database() and ${spocTables} order by table_name, ordinal_position`),
  indexes: await query(`select table_name, index_name, seq_in_index, column_name, non_unique
    from information_schema.statistics where table_schema = database() and ${spocTables} order by table_name, index_name, seq_in_index`),
  };
};

const pgUrl = process.env.SPOC_PG_URL;
if (!pgUrl) warnSkipped("PostgreSQL schema comparison", "SPOC_PG_URL");
describe.skipIf(!pgUrl)("PostgreSQL: the TypeORM migrations and the Kysely migrations", () => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => { for (const d of drops) await d(); });
  it("create the same columns, collations, indexes, views and reporting functions", async () => {
    const url = pgUrl as string;
    const typeorm: TestDatabase = await postgresDatabase(url, 2);
    drops.push(() => typeorm.drop());
    const schema = `spoc_kysely_${suffix()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` }) }) });
    drops.push(async () => { await db.destroy(); await admin.query(`drop schema ${schema} cascade`); await admin.end(); });
    await migrateToLatest(db, { schema });
    const kysely = await pgSchema(async (q) => (await sql.raw(q).execute(db)).rows);
    expect(kysely.indexes.length).toBeGreaterThan(16);
    expect(kysely.views.map((v) => v.viewname)).toEqual(["spoc_report_events", "spoc_report_tickets"]);
    expect(kysely.functions.map((f) => [f.proname, f.prosecdef])).toEqual([["spoc_report_json", "false"], ["spoc_report_run", "true"]]);
    expect(await pgSchema((q) => typeorm.dataSource.query(q))).toEqual(kysely);
  });

  it("reverting the TypeORM reporting migration drops its views and functions", async () => {
    const typeorm: TestDatabase = await postgresDatabase(pgUrl as string, 2);
    drops.push(() => typeorm.drop());
    await typeorm.dataSource.undoLastMigration(); // 0006
    await typeorm.dataSource.undoLastMigration(); // 0005
    const after = await pgSchema((q) => typeorm.dataSource.query(q));
    expect([after.views, after.functions]).toEqual([[], []]);
    expect(after.columns.some((c) => c.table_name === "spoc_tickets")).toBe(true);
  });
});

const mysqlUrl = process.env.SPOC_MYSQL_URL;
if (!mysqlUrl) warnSkipped("MySQL schema comparison", "SPOC_MYSQL_URL");
describe.skipIf(!mysqlUrl)("MySQL/MariaDB: the TypeORM migrations and the Kysely migrations", () => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => { for (const d of drops) await d(); });
  it("create the same tables, column types, collations and indexes", async () => {
    const url = mysqlUrl as string;
    const typeorm: TestDatabase = await mysqlDatabase(url, 2);
    drops.push(() => typeorm.drop());
    const name = `spoc_kysely_${suffix()}`;
    const admin = await mysql.createConnection({ uri: url });
    await admin.query(`create database ${name} character set utf8mb4 collate utf8mb4_bin`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = new Kysely<any>({ dialect: new MysqlDialect({ pool: createPool({ uri: u.toString(), connectionLimit: 2 }) }) });
    drops.push(async () => { await db.destroy(); await admin.query(`drop database ${name}`); await admin.end(); });
    await migrateToLatest(db);
    const kysely = await mysqlSchema(async (q) => (await sql.raw(q).execute(db)).rows);
    expect(kysely.indexes.length).toBeGreaterThan(16);
    expect(await mysqlSchema((q) => typeorm.dataSource.query(q))).toEqual(kysely);
  });
});
