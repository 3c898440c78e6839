/**
 * Search benchmark: a two-word search's first page (50 tickets, staff audience, newest first)
 * through `@spoc/store-kysely`'s `listTickets({ text })`, on SPOC_BENCH_SEARCH_TICKETS tickets
 * (default 1,000,000) over 10 services, on PostgreSQL (when SPOC_PG_URL is set) and on SQLite.
 * Each ticket has a 5-word subject, 30 words of public text and 10 of notes drawn from a skewed
 * 3,000-word vocabulary; the two words of each query come from a random ticket's subject (so
 * common and rare words both occur, and every query matches). Ends with one JSON line.
 *
 *   SPOC_PG_URL=postgres://… npm run bench:search
 */
import "../source-resolution.ts";

await import("./bench.ts");
