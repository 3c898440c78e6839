import { memoryStore, type Store } from "@spoc/core";
import { kyselyStore, migrateToLatest, openStore } from "@spoc/store-kysely";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";

/** A store under test with its Kysely database (none for the memory store). */
export interface TestStore {
  readonly name: "memory" | "sqlite" | "postgres" | "mysql";
  readonly store: Store;
  readonly db: Kysely<any> | undefined;
  close(): Promise<void>;
}

/** The PostgreSQL URL of the server tests, or undefined (they are then skipped, with a warning). */
export const pgUrl = process.env.SPOC_PG_URL;
if (pgUrl === undefined) console.warn("[reporting] PostgreSQL tests skipped: set SPOC_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/spoc_test) to run them");

/** The MySQL/MariaDB URL of the server tests, or undefined (they are then skipped, with a warning). */
export const mysqlUrl = process.env.SPOC_MYSQL_URL;
if (mysqlUrl === undefined) console.warn("[reporting] MySQL/MariaDB tests skipped: set SPOC_MYSQL_URL (e.g. mysql://root@127.0.0.1:3306/spoc_test) to run them");

export const memoryTestStore = async (): Promise<TestStore> => ({ name: "memory", store: memoryStore(), db: undefined, close: async () => undefined });

export const sqliteTestStore = async (path = ":memory:"): Promise<TestStore> => {
  const opened = await openStore(`sqlite:${path}`);
  return { name: "sqlite", store: opened.store, db: opened.db, close: () => opened.close() };
};

/** A fresh schema on the PostgreSQL server, dropped on close. */
export const postgresTestStore = async (url: string, existingSchema?: string): Promise<TestStore & { schema: string }> => {
  const schema = existingSchema ?? `spoc_rep_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  if (existingSchema === undefined) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db, { schema });
  return {
    name: "postgres",
    schema,
    store: kyselyStore(db),
    db,
    async close() {
      await db.destroy();
      if (existingSchema !== undefined) return;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
};

/** A fresh database on the MySQL/MariaDB server (binary collation, as the store's tables), dropped on close; or a second store on an existing one. */
export const mysqlTestStore = async (url: string, existingDatabase?: string): Promise<TestStore & { database: string }> => {
  const name = existingDatabase ?? `spoc_rep_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = existingDatabase === undefined ? await openStore(url, { migrate: false, poolSize: 1 }) : undefined;
  if (admin !== undefined) await sql.raw(`create database ${name} character set utf8mb4 collate utf8mb4_bin`).execute(admin.db);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const opened = await openStore(u.toString(), { poolSize: 4 });
  return {
    name: "mysql",
    database: name,
    store: opened.store,
    db: opened.db,
    async close() {
      await opened.close();
      if (admin === undefined) return;
      try {
        await sql.raw(`drop database ${name}`).execute(admin.db);
      } finally {
        await admin.close();
      }
    },
  };
};
