import type { Store } from "@spoc/core";
import { kyselyStore, migrateToLatest, openStore, parseConnectionUrl, type SpocDatabase } from "@spoc/store-kysely";
import { CompiledQuery, type DatabaseConnection, type Dialect, type Driver, Kysely, PostgresDialect, SqliteDialect } from "kysely";

/** Groups many ticket writes into one database transaction (begin … commit), when the store can. */
export interface WriteBatch {
  begin(): Promise<void>;
  commit(): Promise<void>;
}

/** A store opened for an import: the store, its Kysely instance, and batching when available. */
export interface ImportStore {
  readonly store: Store;
  readonly db: Kysely<SpocDatabase>;
  readonly dialect: "sqlite" | "postgres" | "mysql";
  readonly batch: WriteBatch | undefined;
  close(): Promise<void>;
}

/**
 * Runs each Kysely transaction as a SAVEPOINT while the importer's outer transaction is open, so
 * the store's per-append transactions nest inside it; otherwise as a plain transaction.
 */
const savepointDriver = (d: Driver, outerOpen: () => boolean): Driver => {
  const raw = (c: DatabaseConnection, sql: string) => c.executeQuery(CompiledQuery.raw(sql)).then(() => undefined);
  return {
    init: () => d.init(),
    acquireConnection: () => d.acquireConnection(),
    releaseConnection: (c) => d.releaseConnection(c),
    destroy: () => d.destroy(),
    beginTransaction: (c) => raw(c, outerOpen() ? "savepoint spoc_append" : "begin"),
    commitTransaction: (c) => raw(c, outerOpen() ? "release savepoint spoc_append" : "commit"),
    rollbackTransaction: async (c) => {
      if (!outerOpen()) return raw(c, "rollback");
      await raw(c, "rollback to savepoint spoc_append");
      await raw(c, "release savepoint spoc_append");
    },
  };
};

type Sqlite = import("better-sqlite3").Database;
type Statement = ReturnType<Sqlite["prepare"]>;

/**
 * Reuses prepared statements by SQL text (Kysely prepares every query anew, which costs as much
 * as running it); a statement still busy iterating is never handed out twice.
 */
const cachingStatements = (database: Sqlite) => {
  const cache = new Map<string, Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string): Statement {
      const hit = cache.get(sql);
      if (hit !== undefined && !hit.busy) return hit;
      const stmt = database.prepare(sql);
      if (cache.size >= 500) cache.delete(cache.keys().next().value as string);
      cache.set(sql, stmt);
      return stmt;
    },
  };
};

/** A dialect whose transactions are savepoints (see `savepointDriver`). */
const withSavepoints = (base: Dialect, outerOpen: () => boolean): Dialect => ({
  createAdapter: () => base.createAdapter(),
  createDriver: () => savepointDriver(base.createDriver(), outerOpen),
  createIntrospector: (k) => base.createIntrospector(k),
  createQueryCompiler: () => base.createQueryCompiler(),
});

/**
 * Opens the store an import writes to, with write batching: on one connection, the importer
 * commits every few hundred tickets instead of once per ticket (a commit costs more than the
 * ticket's writes), and each ticket's append stays atomic as a savepoint. SQLite and PostgreSQL
 * get it; MySQL is opened as usual.
 * @example const { store, batch, close } = await openImportStore("sqlite:desk.db")
 */
export async function openImportStore(url: string): Promise<ImportStore> {
  const c = parseConnectionUrl(url);
  if (c.dialect === "mysql") {
    const o = await openStore(url);
    return { store: o.store, db: o.db, dialect: o.dialect, batch: undefined, close: () => o.close() };
  }
  let base: Dialect;
  if (c.dialect === "sqlite") {
    const { default: Database } = await import("better-sqlite3");
    const database = new Database(c.path);
    if (c.path !== ":memory:") database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.pragma("busy_timeout = 5000");
    base = new SqliteDialect({ database: cachingStatements(database) });
  } else {
    const { default: pg } = await import("pg");
    // One connection, so the outer transaction and every savepoint share a session.
    base = new PostgresDialect({ pool: new pg.Pool({ connectionString: c.url, max: 1 }) });
  }
  let open = false;
  const db = new Kysely<SpocDatabase>({ dialect: withSavepoints(base, () => open) });
  try {
    await migrateToLatest(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  const run = (sql: string) => db.executeQuery(CompiledQuery.raw(sql)).then(() => undefined);
  return {
    store: kyselyStore(db),
    db,
    dialect: c.dialect,
    batch: {
      async begin() {
        if (open) return;
        await run("begin");
        open = true;
      },
      async commit() {
        if (!open) return;
        open = false;
        await run("commit");
      },
    },
    close: async () => {
      if (open) {
        open = false;
        await run("commit");
      }
      await db.destroy();
    },
  };
}
