import type { Store } from "@spoc/core";
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect, sql } from "kysely";
import { resolve } from "node:path";
import type { DialectName } from "./dialect/store-dialect";
import { importDriver } from "./dialect/import-driver";
import { openSqliteConnection } from "./dialect/sqlite-connection";
import { cachedStatements } from "./dialect/sqlite-statement-cache";
import { kyselyStore } from "./kysely-store";
import { startWriterThread, type WriterThread } from "./writer-thread/client";
import { migrateToLatest } from "./migrations/migrate";
import type { SpocDatabase } from "./schema/tables";

/**
 * A parsed connection URL.
 * @example
 * const connection: Connection = parseConnectionUrl("mysql://root@127.0.0.1/spoc") // { dialect: "mysql", url }
 */
export type Connection =
  | { readonly dialect: "sqlite"; readonly path: string }
  | { readonly dialect: "postgres" | "mysql"; readonly url: string };

/**
 * Parses the one connection-URL syntax used everywhere (API, CLI `--db`, env): `sqlite:PATH`
 * (relative to `cwd`, or `sqlite::memory:`), `postgres://…`, `mysql://…` (`mariadb://` too).
 * @example parseConnectionUrl("sqlite:data/desk.db") // { dialect: "sqlite", path: "/cwd/data/desk.db" }
 */
export function parseConnectionUrl(url: string, cwd: string = process.cwd()): Connection {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (path === "") throw new Error("spoc: sqlite: needs a path, e.g. sqlite:desk.db or sqlite::memory:");
    return { dialect: "sqlite", path: path === ":memory:" ? path : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: "postgres", url };
  if (/^mysql:\/\//.test(url)) return { dialect: "mysql", url };
  if (/^mariadb:\/\//.test(url)) return { dialect: "mysql", url: url.replace(/^mariadb:/, "mysql:") };
  throw new Error(`spoc: unsupported database URL "${url.replace(/\/\/[^@/]*@/, "//…@")}" (use sqlite:PATH, postgres://… or mysql://…)`);
}

/**
 * Options of `openStore`.
 * @example
 * const { store } = await openStore("sqlite:import.db", { sqliteWriterThread: true, sqliteCacheKib: 2000 })
 */
export interface OpenStoreOptions {
  /** Migrate to the latest schema on open (default true; an empty database gets every table). */
  readonly migrate?: boolean;
  /** Directory that relative `sqlite:` paths start from (default `process.cwd()`). */
  readonly cwd?: string;
  /** Connections in the pool of a server database (default 10). */
  readonly poolSize?: number;
  /**
   * Page cache of a SQLite connection, in KiB (default 16,000: better-sqlite3's build default).
   * Lower it for a process that mostly appends, such as an import: its RSS drops by about the difference.
   */
  readonly sqliteCacheKib?: number;
  /**
   * Run appends, directory batches and ticket numbering on a thread of their own with its own
   * connection to the SQLite file (default false). better-sqlite3 blocks the thread it runs on;
   * with the writer a caller that does not wait for each write before preparing the next (an
   * import) keeps both cores busy. Other writes and all reads stay on the calling thread, whose
   * writes wait (busy timeout) while the writer commits. SQLite files only: server databases are
   * asynchronous already and ignore it; `sqlite::memory:` is refused (a second connection would
   * open another, empty database).
   */
  readonly sqliteWriterThread?: boolean;
}

/**
 * An opened store with the Kysely instance it runs on; `close()` ends the connections.
 * @example
 * const opened: OpenedStore = await openStore("sqlite::memory:")
 * await opened.db.selectFrom("spoc_tickets").select("number").execute()
 * await opened.close()
 */
export interface OpenedStore {
  readonly store: Store;
  readonly db: Kysely<SpocDatabase>;
  readonly dialect: DialectName;
  /** Stops the SQLite writer thread, if any, and destroys the Kysely instance (its connections). */
  close(): Promise<void>;
}

/**
 * A pooled connection that the server closed (a restart, failover, idle timeout,
 * `pg_terminate_backend`) is reported as an `'error'` event, on the pool when it was idle and on
 * the client when it was checked out between two statements; either ends the process when nobody
 * listens. The pool drops the connection (at once, or when it is released unqueryable) and opens a
 * new one on the next checkout; the statement that meets the closed connection fails on its own,
 * as a retryable `StoreError{Unavailable}`.
 */
const ignoreIdleError = (): void => undefined;

async function kyselyFor(c: Connection, poolSize: number, sqliteCacheKib: number | undefined): Promise<Kysely<SpocDatabase>> {
  if (c.dialect === "sqlite") {
    const database = await openSqliteConnection(c.path, sqliteCacheKib);
    return new Kysely<SpocDatabase>({ dialect: new SqliteDialect({ database: cachedStatements(database) }) });
  }
  if (c.dialect === "postgres") {
    const { default: pg } = await importDriver("pg", "PostgreSQL", () => import("pg"));
    const pool = new pg.Pool({ connectionString: c.url, max: poolSize });
    pool.on("error", ignoreIdleError);
    // A checked-out client (inside a transaction, between statements) reports the close on itself.
    pool.on("connect", (client) => { client.on("error", ignoreIdleError); });
    return new Kysely<SpocDatabase>({ dialect: new PostgresDialect({ pool }) });
  }
  const mysql = await importDriver("mysql2", "MySQL/MariaDB", () => import("mysql2"));
  const pool = mysql.createPool({ uri: c.url, connectionLimit: poolSize });
  pool.on("connection", (connection) => { connection.on("error", ignoreIdleError); });
  return new Kysely<SpocDatabase>({ dialect: new MysqlDialect({ pool }) });
}

/**
 * Opens a store from a connection URL: creates the Kysely instance with the right driver, puts a
 * SQLite file in WAL mode, and migrates the database (an empty one gets the whole schema).
 * @example
 * const { store, close } = await openStore("sqlite:desk.db")
 * const desk = createDesk({ store })
 * await close()
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<OpenedStore> {
  const c = parseConnectionUrl(url, options.cwd);
  const cache = options.sqliteCacheKib;
  if (cache !== undefined && !(Number.isSafeInteger(cache) && cache > 0)) {
    throw new Error(`spoc: sqliteCacheKib must be a positive whole number of KiB, got ${String(cache)}`);
  }
  if (options.sqliteWriterThread === true && c.dialect === "sqlite" && c.path === ":memory:") {
    throw new Error("spoc: sqliteWriterThread needs a SQLite file: a second connection to sqlite::memory: opens another, empty database");
  }
  const db = await kyselyFor(c, options.poolSize ?? 10, cache);
  // The writer thread starts (loads its code, opens its connection) while this connection migrates.
  const starting = options.sqliteWriterThread === true && c.dialect === "sqlite" ? startWriterThread(c.path, cache) : undefined;
  starting?.catch(() => undefined); // waited for below
  try {
    if (options.migrate !== false) {
      // Kysely looks for its migration tables in every schema; pin them to this connection's own.
      const schema = c.dialect === "postgres" ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
      await migrateToLatest(db, schema === undefined ? {} : { schema });
    }
  } catch (e) {
    await (await starting?.catch(() => undefined))?.close();
    await db.destroy();
    throw e;
  }
  if (starting !== undefined) {
    let writer: WriterThread;
    try {
      writer = await starting;
    } catch (e) {
      await db.destroy();
      throw e;
    }
    const store = kyselyStore(db, { writer });
    return {
      store, db, dialect: c.dialect,
      async close() {
        try {
          await writer.close();
        } finally {
          await db.destroy();
        }
      },
    };
  }
  return { store: kyselyStore(db), db, dialect: c.dialect, close: () => db.destroy() };
}
