/**
 * TypeORM store benchmark: the store benchmark's ingest (100,000 tickets × 3 events, the same
 * rows) through `@spoc/store-typeorm` and through `@spoc/store-kysely`, on fresh SQLite WAL
 * files, one transaction per ticket on both sides; on PostgreSQL too (8 concurrent appends) when
 * SPOC_PG_URL is set. Prints the TypeORM/Kysely time ratio (target ≤ 2) and ends with one JSON line.
 *
 *   cd benchmarks && SPOC_PG_URL=postgres://… npx node --conditions=source --experimental-transform-types store/typeorm.ts
 */
import "../source-resolution.ts";

const { mkdtempSync, rmSync } = await import("node:fs");
const { createRequire } = await import("node:module");
const { tmpdir } = await import("node:os");
const { join } = await import("node:path");
const { kyselyStore, migrateToLatest, openStore } = await import("@spoc/store-kysely");
const { openTypeormStore } = await import("@spoc/store-typeorm");
const { Kysely, PostgresDialect } = await import("kysely");
const { default: pg } = await import("pg");
const { ingestTickets } = await import("./fixtures.ts");
type Store = import("@spoc/core").Store;
type IngestTicket = import("./fixtures.ts").IngestTicket;

const N = Number(process.env.SPOC_BENCH_TICKETS ?? 100_000);
const pgUrl = process.env.SPOC_PG_URL;
const Database = createRequire(import.meta.resolve("@spoc/store-typeorm/package.json"))("better-sqlite3");

const seconds = async (f: () => Promise<void>): Promise<number> => {
  const start = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - start) / 1e9;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

const appendAll = async (store: Store, tickets: ReadonlyArray<IngestTicket>, concurrency: number) => {
  let next = 0;
  const worker = async () => {
    while (next < tickets.length) {
      const x = tickets[next++] as IngestTicket;
      await store.append({ serviceId: x.serviceId, ticketId: x.ticketId, expectedVersion: 0, events: x.events, ticket: x.ticket });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
};

const result: Record<string, number | null> = {
  typeorm_sqlite_events_per_s: null, kysely_sqlite_events_per_s: null, typeorm_sqlite_ratio_vs_kysely: null,
  typeorm_pg_events_per_s: null, kysely_pg_events_per_s: null, typeorm_pg_ratio_vs_kysely: null,
};

// SQLite: both stores as a host opens them (WAL, synchronous NORMAL), the Kysely side first.
{
  const dir = mkdtempSync(join(tmpdir(), "spoc-bench-typeorm-"));
  try {
    const tickets = ingestTickets(N, "sq");
    const kysely = await openStore(`sqlite:${join(dir, "kysely.db")}`);
    const kyselyS = await seconds(() => appendAll(kysely.store, tickets, 1));
    await kysely.close();
    const typeorm = await openTypeormStore({
      type: "better-sqlite3", database: join(dir, "typeorm.db"), driver: Database, enableWAL: true,
      // The same file settings as openStore gives the Kysely side (8 KiB pages, WAL, NORMAL sync).
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma("page_size = 8192");
        db.pragma("synchronous = NORMAL");
      },
    });
    const typeormS = await seconds(() => appendAll(typeorm.store, tickets, 1));
    await typeorm.close();
    Object.assign(result, {
      typeorm_sqlite_events_per_s: Math.round((3 * N) / typeormS), kysely_sqlite_events_per_s: Math.round((3 * N) / kyselyS),
      typeorm_sqlite_ratio_vs_kysely: round(typeormS / kyselyS),
    });
    console.log(`sqlite: ${N} tickets × 3 events — typeorm ${typeormS.toFixed(2)} s, kysely ${kyselyS.toFixed(2)} s, ratio ${result.typeorm_sqlite_ratio_vs_kysely}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!pgUrl) {
  console.log("postgres: skipped (set SPOC_PG_URL, e.g. postgres://postgres@127.0.0.1:5432/spoc_test)");
} else {
  const schema = `spoc_bench_typeorm_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    const tickets = ingestTickets(N, "pg");
    for (const s of [`${schema}_k`, `${schema}_t`]) await admin.query(`drop schema if exists ${s} cascade; create schema ${s}`);
    const pool = new pg.Pool({ connectionString: pgUrl, max: 8, options: `-c search_path=${schema}_k` });
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    await migrateToLatest(db, { schema: `${schema}_k` });
    const kyselyS = await seconds(() => appendAll(kyselyStore(db), tickets, 8));
    await db.destroy();
    const typeorm = await openTypeormStore({ type: "postgres", url: pgUrl, poolSize: 8, extra: { options: `-c search_path=${schema}_t` } });
    const typeormS = await seconds(() => appendAll(typeorm.store, tickets, 8));
    await typeorm.close();
    Object.assign(result, {
      typeorm_pg_events_per_s: Math.round((3 * N) / typeormS), kysely_pg_events_per_s: Math.round((3 * N) / kyselyS),
      typeorm_pg_ratio_vs_kysely: round(typeormS / kyselyS),
    });
    console.log(`postgres: ${N} tickets × 3 events, 8 concurrent appends — typeorm ${typeormS.toFixed(2)} s, kysely ${kyselyS.toFixed(2)} s, ratio ${result.typeorm_pg_ratio_vs_kysely}`);
  } finally {
    for (const s of [`${schema}_k`, `${schema}_t`]) await admin.query(`drop schema if exists ${s} cascade`);
    await admin.end();
  }
}

console.log(JSON.stringify(result));
