/**
 * Import benchmark: the full public ServiceNow log (94,138 events) into SQLite and, when
 * SPOC_PG_URL is set, PostgreSQL. Ends with one JSON line:
 * {"sqlite_events_per_s": …, "pg_events_per_s": …, "peak_rss_mb": …}
 *
 *   npm run bench:import
 *   cd benchmarks && npx node --conditions=source --experimental-transform-types --no-warnings import/run.ts [file] [--source] [--child-flags="…"]
 *
 * Each database's import runs in its own child process (import/child.mjs) as users run it:
 * `spoc import servicenow-incident FILE --db URL` through the CLI's `main`, loaded from the
 * built `spoc` bundle (packages/cli/dist/standalone/; `npm run build` first, a stale dist is refused). `peak_rss_mb` is the
 * larger of the two children's peak RSS (getrusage), so one run's garbage never counts against the
 * other. Events per second: source rows imported / seconds of the command (store opening and
 * migrations included, process start-up not).
 * --source: the children load the TypeScript sources through Node's type transform instead
 * (~100 MB more RSS before the first row; for trying changes without a build).
 * --child-flags="…": extra Node flags for the children, e.g. "--max-semi-space-size=16".
 */
import "../source-resolution.ts";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const fromSource = args.includes("--source");
const childFlags = (args.find((a) => a.startsWith("--child-flags="))?.slice("--child-flags=".length) ?? "").split(" ").filter((f) => f !== "");
const positional = args.filter((a) => !a.startsWith("--"));

const root = process.env.SPOC_SHARED_DIR ?? fileURLToPath(new URL("../../../shared", import.meta.url));
const dataDir = existsSync(join(root, "data")) ? join(root, "data") : root;
const file = positional[0] ?? join(dataDir, "uci-incident-event-log", "incident_event_log.public.csv.gz");
if (!existsSync(file)) {
  console.error(`bench:import: ${file} is absent (set SPOC_SHARED_DIR); nothing measured`);
  console.log(JSON.stringify({ sqlite_events_per_s: null, pg_events_per_s: null, peak_rss_mb: null, skipped: "data absent" }));
  process.exit(0);
}

const packagesDir = fileURLToPath(new URL("../../packages", import.meta.url));
/** Newest modification time of the non-test sources under a directory. */
const newestSource = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".test.ts"))
    .reduce((t, e) => Math.max(t, statSync(join(e.parentPath, e.name)).mtimeMs), 0);
if (!fromSource) {
  // A measurement of yesterday's dist/ would be silently wrong: refuse it.
  for (const pkg of ["core", "store-kysely", "cli"]) {
    const dist = join(packagesDir, pkg, "dist", pkg === "cli" ? "standalone/main.js" : "index.js");
    if (!existsSync(dist) || statSync(dist).mtimeMs < newestSource(join(packagesDir, pkg, "src"))) {
      console.error(`bench:import: packages/${pkg}/dist is missing or older than its sources; run \`npm run build\` (or pass --source)`);
      process.exit(1);
    }
  }
}

interface ChildResult {
  readonly code: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly loadRssMb: number;
  readonly peakRssMb: number;
}

/** Imports the log in a child process into a fresh database; returns source events per second and the child's figures. */
function run(url: string, label: string): ChildResult & { readonly rate: number } {
  // The parent runs with `--conditions=source` and the type transform; built children run with
  // neither, as the `spoc` bin does (the transform flag alone added ~20 MB to the loaded RSS).
  const inherited = fromSource ? process.execArgv : process.execArgv.filter((f) => f === "--no-warnings");
  const child = spawnSync(process.execPath, [...inherited, ...childFlags, fileURLToPath(new URL("./child.mjs", import.meta.url)), fromSource ? "source" : "built", url, file], {
    encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 16 << 20,
  });
  const summary = /import: (\d+) rows imported, (\d+) already there, (\d+) skipped; (\d+) tickets opened, (\d+) updated, (\d+) events/.exec(child.stderr);
  if (child.status !== 0 || summary === null) {
    process.stderr.write(child.stderr);
    throw new Error(`${label}: the import failed with status ${child.status}`);
  }
  const result = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "") as ChildResult;
  const [, imported, already, skipped, opened, , events] = summary.map(Number);
  const rate = Math.round((imported as number) / result.seconds);
  console.error(
    `${label}: ${imported} events (${events} spoc events, ${opened} tickets, ${already} already there, ${skipped} skipped) in ` +
    `${result.seconds.toFixed(2)} s = ${rate} events/s; CPU ${result.cpuSeconds.toFixed(2)} s; ` +
    `RSS loaded ${result.loadRssMb.toFixed(0)} MB, peak ${result.peakRssMb.toFixed(0)} MB`,
  );
  return { ...result, rate };
}

console.error(`bench:import: ${fromSource ? "TypeScript sources" : "built dist/"}${childFlags.length ? `, child flags ${childFlags.join(" ")}` : ""}`);
const dir = mkdtempSync(join(tmpdir(), "spoc-bench-import-"));
let sqlite;
try {
  sqlite = run(`sqlite:${join(dir, "bench.db")}`, "sqlite");
} finally {
  rmSync(dir, { recursive: true, force: true });
}

let pg: ReturnType<typeof run> | undefined;
const pgUrl = process.env.SPOC_PG_URL;
if (pgUrl) {
  // A fresh service each run: the benchmark measures a first import, not a no-op re-import.
  const { openStore } = await import("../../packages/store-kysely/src/index.ts");
  const { servicenowIncident } = await import("../../packages/cli/src/import/index.ts");
  const opened = await openStore(pgUrl);
  try {
    const k = opened.db as import("kysely").Kysely<any>;
    for (const table of ["spoc_events", "spoc_messages", "spoc_tickets"]) {
      await k.deleteFrom(table).where("service_id", "=", servicenowIncident.service.id).execute();
    }
  } finally {
    await opened.close();
  }
  pg = run(pgUrl, "postgres");
} else {
  console.error("postgres: skipped (set SPOC_PG_URL to measure it)");
}
console.log(JSON.stringify({
  sqlite_events_per_s: sqlite.rate,
  pg_events_per_s: pg?.rate ?? null,
  peak_rss_mb: Math.round(Math.max(sqlite.peakRssMb, pg?.peakRssMb ?? 0)),
}));
