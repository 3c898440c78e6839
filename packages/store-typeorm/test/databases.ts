import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import pg from "pg";
import { DataSource, type DataSourceOptions } from "typeorm";
import { spocEntities } from "../src/entities/spoc-entities";
import { spocMigrations } from "../src/migrations/spoc-migrations";

/** A migrated DataSource for one test suite; `reset()` empties spoc's tables, `drop()` removes it. */
export interface TestDatabase {
  readonly dataSource: DataSource;
  reset(): Promise<void>;
  drop(): Promise<void>;
}

/** Every spoc table, for emptying between tests. */
export const TABLES = spocEntities.map((e) => e.options.tableName as string);

const suffix = () => `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

/** Opens a DataSource with spoc's entities and migrations, and runs them. */
export async function migrated(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource({ ...options, entities: [...spocEntities], migrations: [...spocMigrations] } as DataSourceOptions);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  return dataSource;
}

/** TypeORM's options for a better-sqlite3 file (or `:memory:`); the driver is passed in, TypeORM can't see this package's copy. */
export const sqliteOptions = (database: string): DataSourceOptions => ({ type: "better-sqlite3", database, driver: Database });

/** A fresh in-memory SQLite database. */
export async function sqliteDatabase(): Promise<TestDatabase> {
  const dataSource = await migrated(sqliteOptions(":memory:"));
  return {
    dataSource,
    async reset() { for (const t of TABLES) await dataSource.query(`delete from "${t}"`); },
    drop: () => dataSource.destroy(),
  };
}

/** A fresh schema in the PostgreSQL database at `url`, dropped afterwards. */
export async function postgresDatabase(url: string, poolSize = 10, more: Partial<DataSourceOptions> = {}): Promise<TestDatabase> {
  const schema = `spoc_typeorm_${suffix()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const dataSource = await migrated({ type: "postgres", url, poolSize, extra: { options: `-c search_path=${schema}` }, ...more } as DataSourceOptions);
  return {
    dataSource,
    async reset() { await dataSource.query(`truncate ${TABLES.join(", ")}`); },
    async drop() {
      await dataSource.destroy();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/** A fresh database on the MySQL/MariaDB server at `url`, dropped afterwards. */
export async function mysqlDatabase(url: string, poolSize = 10, more: Partial<DataSourceOptions> = {}): Promise<TestDatabase> {
  const name = `spoc_typeorm_${suffix()}`;
  const admin = await mysql.createConnection({ uri: url });
  await admin.query(`create database ${name} character set utf8mb4 collate utf8mb4_bin`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const dataSource = await migrated({ type: "mysql", url: u.toString(), charset: "utf8mb4_bin", poolSize, ...more } as DataSourceOptions);
  return {
    dataSource,
    async reset() { for (const t of TABLES) await dataSource.query(`delete from \`${t}\``); },
    async drop() {
      await dataSource.destroy();
      const c = await mysql.createConnection({ uri: url });
      await c.query(`drop database ${name}`);
      await c.end();
    },
  };
}

/** Prints why a server suite is skipped, so a missing database never passes silently. */
export const warnSkipped = (name: string, variable: string) =>
  console.warn(`[store-typeorm] ${name} tests skipped: set ${variable} (e.g. ${variable === "SPOC_PG_URL" ? "postgres://postgres@127.0.0.1:5432/spoc_test" : "mysql://root@127.0.0.1:3306/spoc_test"}) to run them`);
