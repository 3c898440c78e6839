import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServiceId, Store } from "@spoc/core";
import { kyselyStore, migrateToLatest, openStore } from "@spoc/store-kysely";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { ingestTickets, type IngestTicket } from "./fixtures.ts";
import { rawPgIngest, rawSqliteIngest } from "./raw-ingest.ts";
import { seedMillion } from "./seed-million.ts";

const N = Number(process.env.SPOC_BENCH_TICKETS ?? 100_000);
const MILLION = Number(process.env.SPOC_BENCH_QUERY_TICKETS ?? 1_000_000);
const pgUrl = process.env.SPOC_PG_URL;
const require = createRequire(import.meta.resolve("@spoc/store-kysely/package.json"));
const Database = require("better-sqlite3") as typeof import("better-sqlite3");

const seconds = async (f: () => Promise<void> | void): Promise<number> => {
  const start = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - start) / 1e9;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const log = (s: string) => console.log(s);

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
  sqlite_events_per_s: null, sqlite_ratio_vs_raw: null, pg_events_per_s: null, pg_ratio_vs_raw: null,
  pg_single_append_events_per_s: null, pg_single_append_ratio_vs_raw: null, pg_sweep_p50_ms: null, pg_sweep_p99_ms: null, pg_open_list_p50_ms: null, pg_open_list_p99_ms: null,
};

// SQLite: the same rows into two fresh WAL files, one transaction per ticket on both sides.
{
  const dir = mkdtempSync(join(tmpdir(), "spoc-bench-"));
  try {
    const tickets = ingestTickets(N, "sq");
    const raw = new Database(join(dir, "raw.db"));
    // The same file settings as openStore gives the store's side (8 KiB pages, WAL, NORMAL sync).
    raw.pragma("page_size = 8192");
    raw.pragma("journal_mode = WAL");
    raw.pragma("synchronous = NORMAL");
    await migrateToLatest(new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) }));
    const rawS = await seconds(() => rawSqliteIngest(raw, tickets));
    raw.close();
    const opened = await openStore(`sqlite:${join(dir, "spoc.db")}`);
    const spocS = await seconds(() => appendAll(opened.store, tickets, 1));
    await opened.close();
    result.sqlite_events_per_s = Math.round((3 * N) / spocS);
    result.sqlite_ratio_vs_raw = round(spocS / rawS);
    log(`sqlite: ${N} tickets × 3 events — spoc ${spocS.toFixed(2)} s, raw prepared statements ${rawS.toFixed(2)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!pgUrl) {
  log("postgres: skipped (set SPOC_PG_URL, e.g. postgres://postgres@127.0.0.1:5432/spoc_test)");
} else {
  const schema = `spoc_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  const fresh = async (name: string) => {
    await admin.query(`drop schema if exists ${name} cascade`);
    await admin.query(`create schema ${name}`);
    // SPOC_BENCH_PG_OPTIONS adds server settings to both sides, e.g. "-c synchronous_commit=off".
    const pool = new pg.Pool({ connectionString: pgUrl, max: 8, options: `-c search_path=${name} ${process.env.SPOC_BENCH_PG_OPTIONS ?? ""}` });
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    await migrateToLatest(db, { schema: name });
    return { pool, db };
  };
  try {
    let tickets: ReadonlyArray<IngestTicket> = ingestTickets(N, "pg");
    const raw = await fresh(`${schema}_raw`);
    const client = await raw.pool.connect();
    const rawS = await seconds(() => rawPgIngest(client, tickets));
    client.release();
    await raw.db.destroy();
    // Like for like: the store's batch append (appendMany, 500 tickets per transaction) against the
    // raw multi-row inserts of 500 tickets per transaction.
    const batched = await fresh(`${schema}_batch`);
    const batchStore = kyselyStore(batched.db);
    const batchS = await seconds(async () => {
      for (let i = 0; i < tickets.length; i += 500) {
        await batchStore.appendMany?.(tickets.slice(i, i + 500).map((x) => ({ serviceId: x.serviceId, ticketId: x.ticketId, expectedVersion: 0, events: x.events, ticket: x.ticket })));
      }
    });
    await batched.db.destroy();
    result.pg_events_per_s = Math.round((3 * N) / batchS);
    result.pg_ratio_vs_raw = round(batchS / rawS);
    // What the Desk does: one durable append per ticket (8 at a time).
    const spoc = await fresh(schema);
    const store = kyselyStore(spoc.db);
    const spocS = await seconds(() => appendAll(store, tickets, 8));
    result.pg_single_append_events_per_s = Math.round((3 * N) / spocS);
    result.pg_single_append_ratio_vs_raw = round(spocS / rawS);
    log(`postgres: ${N} tickets × 3 events — spoc appendMany ${batchS.toFixed(2)} s, spoc append per ticket ${spocS.toFixed(2)} s (8 concurrent), raw multi-row inserts ${rawS.toFixed(2)} s`);

    // Queries on a million tickets: the projection is filled in SQL (events are not read by these queries).
    if (MILLION === 0) throw new Error("SPOC_BENCH_QUERY_TICKETS=0: queries skipped");
    // The ingest fixtures (hundreds of MB) are garbage now: collect them before the clock runs, so
    // a full collection of the harness's own data does not land inside a timed query.
    tickets = [];
    (globalThis as { gc?: () => void }).gc?.();
    await spoc.db.deleteFrom("spoc_tickets").execute();
    const seedS = await seconds(() => seedMillion(spoc.db, MILLION));
    // Steady state, as autovacuum would leave it after a bulk load: statistics and visibility map.
    await sql`vacuum analyze spoc_tickets`.execute(spoc.db);
    await sql`checkpoint`.execute(spoc.db);
    log(`postgres: seeded ${MILLION} tickets in ${seedS.toFixed(1)} s`);
    const now = Date.UTC(2025, 0, 10); // about 30,000 of the 100,000 open tickets are due
    const sweep: number[] = [];
    for (let i = 0; i < 300; i++) {
      let claimed: ReadonlyArray<{ ticketId: string }> = [];
      sweep.push(1000 * (await seconds(async () => { claimed = await store.claimDue(now, { limit: 100, leaseMs: 60_000, workerId: "bench" }); })));
      // What a sweeper does next (not timed): move each handled ticket's deadline and release it.
      if (claimed.length > 0) {
        const ids = claimed.map((c) => c.ticketId);
        await spoc.db.updateTable("spoc_tickets").set((eb) => ({ next_deadline: eb("next_deadline", "+", 30 * 86_400_000) })).where("id", "in", ids).execute();
        await spoc.db.deleteFrom("spoc_sweep_leases").where("ticket_id", "in", ids).execute();
      }
    }
    // The list is what agents look at all day, so its pages are in memory: one untimed call per
    // service first, so the first reads after the bulk load and checkpoint are not counted.
    for (let i = 0; i < 10; i++) await store.listTickets(`svc-${i}` as ServiceId, { active: true, limit: 50 });
    const list: number[] = [];
    for (let i = 0; i < 500; i++) {
      const serviceId = `svc-${i % 10}` as ServiceId;
      list.push(1000 * (await seconds(async () => { await store.listTickets(serviceId, { active: true, limit: 50 }); })));
    }
    Object.assign(result, {
      pg_sweep_p50_ms: round(pct(sweep, 50)), pg_sweep_p99_ms: round(pct(sweep, 99)),
      pg_open_list_p50_ms: round(pct(list, 50)), pg_open_list_p99_ms: round(pct(list, 99)),
    });
    log(`postgres: claimDue(limit 100) p50 ${result.pg_sweep_p50_ms} ms p99 ${result.pg_sweep_p99_ms} ms; open list (50) p50 ${result.pg_open_list_p50_ms} ms p99 ${result.pg_open_list_p99_ms} ms`);
    await spoc.db.destroy();
  } finally {
    if (!process.env.SPOC_BENCH_KEEP) {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.query(`drop schema if exists ${schema}_raw cascade`);
      await admin.query(`drop schema if exists ${schema}_batch cascade`);
    }
    await admin.end();
  }
}

console.log(JSON.stringify(result));
