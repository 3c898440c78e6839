/**
 * Store benchmark: ingest 100,000 tickets × 3 events through `@spoc/store-kysely` against raw
 * better-sqlite3 prepared statements and raw pg multi-row inserts of the same rows; then the
 * sweep claim and the open-ticket list on 1,000,000 tickets in PostgreSQL (p50, p99).
 * PostgreSQL parts run when SPOC_PG_URL is set. Ends with one JSON line.
 *
 *   cd benchmarks && SPOC_PG_URL=postgres://… npx node --conditions=source --experimental-strip-types store/run.ts
 */
import "../source-resolution.ts";

await import("./bench.ts");
