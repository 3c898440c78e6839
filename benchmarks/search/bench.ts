import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServiceId, Store } from "@spoc/core";
import { kyselyStore, migrateToLatest } from "@spoc/store-kysely";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { seedMillion } from "../store/seed-million.ts";
import { mix, pick, vocabulary } from "./vocabulary.ts";

const N = Number(process.env.SPOC_BENCH_SEARCH_TICKETS ?? 1_000_000);
const QUERIES = Number(process.env.SPOC_BENCH_SEARCH_QUERIES ?? 500);
const V = 3000;
const words = vocabulary(V);
const pgUrl = process.env.SPOC_PG_URL;
const require = createRequire(import.meta.resolve("@spoc/store-kysely/package.json"));
const Database = require("better-sqlite3") as typeof import("better-sqlite3");

const ms = async (f: () => Promise<unknown>): Promise<number> => {
  const start = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const log = (s: string) => console.log(s);

const result: Record<string, number | null> = { tickets: N, pg_search_p50_ms: null, pg_search_p99_ms: null, sqlite_search_p50_ms: null, sqlite_search_p99_ms: null };

/** Two distinct words of a ticket's subject, whole, as someone who remembers it would type them. */
const queryOf = (subject: string): string => [...new Set(subject.split(" "))].slice(0, 2).join(" ");

/** Times `QUERIES` searches (after one untimed search per service); returns [p50, p99, mean hits]. */
async function measure(store: Store, subjectOf: (i: number) => Promise<string>): Promise<[number, number, number]> {
  for (let s = 0; s < 10; s++) await store.listTickets(`svc-${s}` as ServiceId, { text: words[s] as string, audience: "staff", limit: 50 });
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < QUERIES; i++) {
    const g = 1 + (mix(i, 7) % N);
    const text = queryOf(await subjectOf(g));
    times.push(await ms(async () => { hits += (await store.listTickets(`svc-${g % 10}` as ServiceId, { text, audience: "staff", limit: 50 })).items.length; }));
  }
  return [round(pct(times, 50)), round(pct(times, 99)), round(hits / QUERIES, 1)];
}

// PostgreSQL: the projection as bench:store seeds it, the search documents in one SQL statement per
// 200,000 tickets with the GIN indexes dropped, then the indexes built once (a bulk load's path).
if (!pgUrl) {
  log("postgres: skipped (set SPOC_PG_URL, e.g. postgres://postgres@127.0.0.1:5432/spoc_test)");
} else {
  // SPOC_BENCH_SEARCH_PG_SCHEMA reuses a schema a run seeded and kept (SPOC_BENCH_KEEP=1).
  const reuse = process.env.SPOC_BENCH_SEARCH_PG_SCHEMA;
  const schema = reuse ?? `spoc_bench_search_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  if (!reuse) await admin.query(`create schema ${schema}`);
  const pool = new pg.Pool({ connectionString: pgUrl, max: 4, options: `-c search_path=${schema}` });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db, { schema });
    const start = Date.now();
    if (!reuse) {
      await seedMillion(db, N);
      await sql`drop index spoc_ticket_search_public`.execute(db);
      await sql`drop index spoc_ticket_search_all`.execute(db);
      const word = sql`vv.v[1 + floor(${V} * power((hashint8(g * 64 + k) + 2147483648)::float8 / 4294967296.0, 2))::int]`;
      const text = (from: number, to: number) => sql`(select string_agg(${word}, ' ') from generate_series(${from}::int, ${to}::int) k)`;
      for (let from = 1; from <= N; from += 200_000) {
        const to = Math.min(N, from + 199_999);
        await sql`insert into spoc_ticket_search (ticket_id, service_id, subject, public_text, staff_text)
          select 'm-' || g, 'svc-' || (g % 10), ${text(1, 5)}, ${text(6, 35)}, ${text(36, 45)}
          from generate_series(${from}::bigint, ${to}::bigint) g, (select ${words}::text[] as v) vv`.execute(db);
      }
      await sql`create index spoc_ticket_search_public on spoc_ticket_search using gin (public_tsv)`.execute(db);
      await sql`create index spoc_ticket_search_all on spoc_ticket_search using gin (all_tsv)`.execute(db);
      await sql`vacuum analyze spoc_ticket_search`.execute(db);
      await sql`vacuum analyze spoc_tickets`.execute(db);
      log(`postgres: seeded ${N} tickets with search documents in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    } else {
      log(`postgres: reusing the seeded schema ${schema}`);
    }
    const store = kyselyStore(db);
    const [p50, p99, hits] = await measure(store, async (g) =>
      (await db.selectFrom("spoc_ticket_search").select("subject").where("ticket_id", "=", `m-${g}`).executeTakeFirstOrThrow()).subject as string);
    Object.assign(result, { pg_search_p50_ms: p50, pg_search_p99_ms: p99 });
    log(`postgres: two-word search, first page of 50: p50 ${p50} ms, p99 ${p99} ms (${hits} tickets per page on average)`);
  } finally {
    await db.destroy();
    if (!process.env.SPOC_BENCH_KEEP && !reuse) await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}

// SQLite: a WAL file as openStore makes it; rows written in transactions of 10,000 with the FTS
// triggers off, then the FTS5 index rebuilt once from its content table.
{
  const dir = mkdtempSync(join(tmpdir(), "spoc-bench-search-"));
  const file = new Database(join(dir, "search.db"));
  file.pragma("page_size = 8192");
  file.pragma("journal_mode = WAL");
  file.pragma("synchronous = NORMAL");
  file.pragma("cache_size = -262144");
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: file }) });
  try {
    await migrateToLatest(db);
    const start = Date.now();
    for (const t of ["ai", "ad", "au"]) file.exec(`drop trigger spoc_ticket_search_${t}`);
    const ticket = file.prepare(`insert into spoc_tickets (id, service_id, number, version, status, priority, active, group_id, assignee_id,
      requester_id, created_at, updated_at, resolved_at, closed_at, next_deadline, doc) values (?, ?, ?, 3, 'open', 'normal', 1, null, null, ?, ?, ?, null, null, null, ?)`);
    const doc = file.prepare("insert into spoc_ticket_search (ticket_id, service_id, subject, public_text, staff_text) values (?, ?, ?, ?, ?)");
    const textOf = (g: number, from: number, to: number) => {
      const out: string[] = [];
      for (let k = from; k <= to; k++) out.push(words[pick(g, k, V)] as string);
      return out.join(" ");
    };
    const T0 = Date.UTC(2024, 0, 1);
    const batch = file.transaction((from: number, to: number) => {
      for (let g = from; g <= to; g++) {
        const id = `m-${g}`;
        const subject = textOf(g, 1, 5);
        ticket.run(id, `svc-${g % 10}`, `M-${g}`, `c-${g % 50000}`, T0 + g * 30000, T0 + g * 30000, JSON.stringify({ id, subject }));
        doc.run(id, `svc-${g % 10}`, subject, textOf(g, 6, 35), textOf(g, 36, 45));
      }
    });
    for (let from = 1; from <= N; from += 10_000) batch(from, Math.min(N, from + 9_999));
    file.exec("insert into spoc_ticket_fts(spoc_ticket_fts) values ('rebuild')");
    file.exec("analyze");
    log(`sqlite: seeded ${N} tickets with search documents in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    const store = kyselyStore(db);
    const subject = file.prepare("select subject from spoc_ticket_search where ticket_id = ?");
    const [p50, p99, hits] = await measure(store, async (g) => (subject.get(`m-${g}`) as { subject: string }).subject);
    Object.assign(result, { sqlite_search_p50_ms: p50, sqlite_search_p99_ms: p99 });
    log(`sqlite: two-word search, first page of 50: p50 ${p50} ms, p99 ${p99} ms (${hits} tickets per page on average)`);
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(JSON.stringify(result));
