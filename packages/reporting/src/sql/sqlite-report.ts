import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import { SqlReportError } from "./sql-report-error";

/** What the SQLite runner needs: the report with `?` placeholders and their values, the scope, the budget. */
export interface SqliteReport {
  /** The whole query, row cap included. */
  readonly text: string;
  readonly values: ReadonlyArray<unknown>;
  readonly serviceIds: ReadonlyArray<string>;
  readonly timeoutMs: number;
  /** The most bytes of rows (as JSON) returned; the child stops reading rows past it. */
  readonly maxBytes: number;
}

/** The views a report may read, under the names it reads them by. */
const views = [
  ["tickets", "spoc_report_tickets"],
  ["events", "spoc_report_events"],
] as const;

// Runs in a child process (CommonJS, given as `node -e`). better-sqlite3 has no authorizer and no
// interrupt, so the boundary is the database itself: a new in-memory database receives copies of
// the scoped rows of the reporting views (through ATTACH, which is then detached), and the report
// runs there with query_only on — the file, its other tables (directory, cursors and their
// secrets) and other services' rows are not in the database the report runs in. The time budget is
// the parent killing this process.
const child = String.raw`
const send = (x) => process.stdout.write(JSON.stringify(x));
let input = "";
process.stdin.setEncoding("utf8").on("data", (c) => (input += c)).on("end", () => {
  try {
    const job = JSON.parse(input);
    const Database = require(job.driver);
    const db = new Database(":memory:");
    db.prepare("attach database ? as src").run(job.file);
    const marks = job.services.map(() => "?").join(", ");
    for (const [name, source] of job.views) db.prepare("create table main." + name + " as select * from src." + source + " where service_id in (" + marks + ")").run(...job.services);
    db.exec("detach database src");
    db.pragma("query_only = 1");
    const statement = db.prepare(job.text);
    if (!statement.reader) throw Object.assign(new Error("a SQL report is one query that returns rows"), { code: "SPOC_NOT_READER" });
    // Rows are read one by one and counted as JSON: past maxBytes the rest is never read.
    // Raw rows made into objects with defineProperty semantics (fromEntries): better-sqlite3's own
    // objects assign by name, so a column named __proto__ set the prototype and lost its value.
    const names = statement.columns().map((c) => c.name);
    statement.raw(true);
    const rows = [];
    let bytes = 2, cut = false;
    for (const values of statement.iterate(...job.values)) {
      const row = Object.fromEntries(names.map((n, i) => [n, values[i]]));
      bytes += JSON.stringify(row).length + 1;
      if (bytes > job.maxBytes) { cut = true; break; }
      rows.push(row);
    }
    send({ columns: names, rows, cut });
  } catch (e) {
    send({ error: { message: String(e && e.message || e), code: e && e.code } });
  }
});`;

const resolveDriver = (): string => {
  for (const from of [import.meta.url, join(process.cwd(), "package.json")]) {
    try {
      return createRequire(from).resolve("better-sqlite3");
    } catch {
      // next
    }
  }
  throw new SqlReportError({ message: "SQL reports on SQLite need the better-sqlite3 package", reason: "unavailable" });
};

/** The file of the SQLite database behind `db`, or undefined for an in-memory one. */
const fileOf = async (db: Kysely<any>): Promise<string | undefined> => {
  const list = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  const file = list.rows.find((r) => r.name === "main")?.file;
  return file === undefined || file === "" ? undefined : file;
};

/** Known SQLite refusals, as the report's reason. */
const childError = (e: { message: string; code?: string }): SqlReportError => {
  if (/no such table/i.test(e.message)) {
    return new SqlReportError({ message: `${e.message} (SQL reports read the scoped views tickets and events)`, reason: "table-not-allowed" });
  }
  if (/readonly|read-only|query_only|attempt to write/i.test(e.message) || e.code === "SPOC_NOT_READER") {
    return new SqlReportError({ message: `writes are not allowed in SQL reports: ${e.message}`, reason: "write-rejected" });
  }
  return new SqlReportError({ message: e.message, reason: "database" });
};

/**
 * Runs a SQL report on SQLite in a child process over copies of the scoped views' rows (see the
 * comment on the child's code), killed when it runs past `timeoutMs`.
 */
export const runOnSqlite = async (db: Kysely<any>, report: SqliteReport): Promise<{ columns: Array<string>; rows: Array<Record<string, unknown>>; cut: boolean }> => {
  const file = await fileOf(db);
  if (file === undefined) {
    throw new SqlReportError({ message: "SQL reports on SQLite need a database file (an in-memory database cannot be opened by the report's own process)", reason: "unavailable" });
  }
  // Copying a view the report never names only costs time; one it names in a way this misses is
  // simply absent ("no such table"), never wider.
  const wanted = views.filter(([name]) => new RegExp(`\\b${name}\\b`, "i").test(report.text));
  const job = JSON.stringify({ driver: resolveDriver(), file, views: wanted, services: report.serviceIds, text: report.text, values: report.values, maxBytes: report.maxBytes });
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["-e", child], { stdio: ["pipe", "pipe", "pipe"], env: {} });
    let out = "";
    let err = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill("SIGKILL");
    }, Math.max(1, Math.trunc(report.timeoutMs)));
    p.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
    p.stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
    p.on("error", (e) => {
      clearTimeout(timer);
      reject(new SqlReportError({ message: `the report process did not start: ${e.message}`, reason: "unavailable" }));
    });
    p.on("close", () => {
      clearTimeout(timer);
      if (timedOut) return reject(new SqlReportError({ message: `the query ran past its ${report.timeoutMs} ms budget and was stopped`, reason: "timeout" }));
      let answer: { columns?: Array<string>; rows?: Array<Record<string, unknown>>; cut?: boolean; error?: { message: string; code?: string } };
      try {
        answer = JSON.parse(out);
      } catch {
        return reject(new SqlReportError({ message: `the report process failed: ${err.trim().split("\n").slice(-3).join(" ") || "no output"}`, reason: "database" }));
      }
      if (answer.error !== undefined) return reject(childError(answer.error));
      resolve({ columns: answer.columns ?? [], rows: answer.rows ?? [], cut: answer.cut === true });
    });
    p.stdin.end(job);
  });
};
