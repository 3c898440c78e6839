import { InvalidInput } from "@spoc/core";
import { parseArgs } from "node:util";
import { CliError } from "../commands/command";
import { integerOption, percentOption } from "../commands/option-values";
import { readJsonFile } from "../commands/json-file";
import { builtinMappings } from "./builtin-mappings";
import { type CsvLimits, defaultCsvLimits } from "./csv-reader";
import type { ImportProgress } from "./import-log";
import { runImportThread } from "./import-thread";
import { decodeMapping, type Mapping } from "./mapping";

/** Where the command writes: results to `out`, progress and problems to `err`. */
export interface ImportCommandIo {
  readonly out: (line: string) => void;
  readonly err: (text: string) => void;
  /** Whether `err` is a terminal (a redrawn progress bar) or not (plain lines). */
  readonly tty: boolean;
  readonly now: () => number;
}

export const importUsage = `Usage: spoc import <mapping-name | mapping.json> <file> --db URL [--json] [--max-rejected P] [--max-bad N]
                   [--max-record-bytes N] [--max-record-lines N]

Replays an event log (CSV, .gz too) through spoc's commands into the store at URL
(sqlite:PATH, postgres://…, mysql://…). Running it again adds nothing.
Built-in mappings: ${Object.keys(builtinMappings).join(", ")}.

Options:
  --db URL     the store (default $SPOC_DB, else sqlite:spoc.sqlite)
  --json       print the data set's reference aggregates, computed from the store, as JSON
  --max-rejected P  fail (exit 1) when more than P % of the rows are rejected (default 1);
                    when every row is rejected nothing is written, not even the service
  --max-bad N  list at most N bad rows (default 50; all are counted)
  --max-record-bytes N  refuse a CSV line longer than N bytes (default 1048576), as a rejected row
  --max-record-lines N  refuse a quoted field spanning more than N lines (default 1000), as a rejected
                        row at its first line; reading resumes at the line after it`;

/** The share of rejected rows above which an import fails, unless --max-rejected says otherwise. */
export const defaultMaxRejected = 0.01;

const defaultIo = (): ImportCommandIo => ({
  out: (l) => process.stdout.write(`${l}\n`),
  err: (t) => process.stderr.write(t),
  tty: process.stderr.isTTY === true,
  now: () => Date.now(),
});

/** The first rejected lines, for the one-line verdict: "3, 17, 95 …". */
const lineList = (skipped: ReadonlyArray<{ readonly line: number }>): string =>
  skipped.slice(0, 5).map((s) => s.line).join(", ") + (skipped.length > 5 ? " …" : "");

/** Loads a built-in mapping by name, or a mapping JSON file (validated). */
export async function loadMapping(nameOrPath: string): Promise<Mapping> {
  const builtin = builtinMappings[nameOrPath];
  if (builtin) return builtin;
  if (!nameOrPath.endsWith(".json")) {
    throw new Error(`unknown mapping "${nameOrPath}" (built-in: ${Object.keys(builtinMappings).join(", ")}; or a mapping .json file)`);
  }
  return readJsonFile(nameOrPath, (value) => {
    const m = decodeMapping(value);
    if (m instanceof InvalidInput) throw m;
    return m;
  });
}

/** Draws progress: a bar redrawn in place on a terminal, a plain line every 10% otherwise. */
export function progressPrinter(io: ImportCommandIo): (p: ImportProgress, done?: boolean) => void {
  const started = io.now();
  let lastTenth = -1;
  let lastDraw = 0;
  return (p, done = false) => {
    const share = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
    const secs = Math.max(0.001, (io.now() - started) / 1000);
    const stats = `${p.rows.toLocaleString("en")} rows, ${p.tickets.toLocaleString("en")} tickets, ${Math.round(p.rows / secs).toLocaleString("en")} rows/s`;
    if (io.tty) {
      if (!done && io.now() - lastDraw < 100) return;
      lastDraw = io.now();
      const width = 30;
      const filled = Math.round(share * width);
      io.err(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${stats}${done ? "\n" : ""}`);
      return;
    }
    const tenth = Math.floor(share * 10);
    if (done || tenth > lastTenth) {
      lastTenth = tenth;
      io.err(`import: ${Math.round(share * 100)}% ${stats}\n`);
    }
  };
}

/**
 * Runs `spoc import`; returns the exit code (0 ok, 1 failed, 2 bad usage). Bad rows are counted
 * and listed with their line and reason; more of them than `--max-rejected` (default 1 %) fail the
 * import, and a log whose every row is rejected writes nothing.
 * @example process.exitCode = await runImportCommand(["servicenow-incident", "log.csv.gz", "--db", "sqlite:desk.db", "--json"])
 */
export async function runImportCommand(argv: ReadonlyArray<string>, io: ImportCommandIo = defaultIo()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: {
        db: { type: "string" }, json: { type: "boolean" }, "max-bad": { type: "string" }, "max-rejected": { type: "string" },
        "max-record-bytes": { type: "string" }, "max-record-lines": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    io.err(`spoc import: ${(e as Error).message}\n${importUsage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(importUsage);
    return 0;
  }
  const [mappingArg, file] = positionals;
  if (mappingArg === undefined || file === undefined || positionals.length > 2) {
    io.err(`${importUsage}\n`);
    return 2;
  }
  let maxBad: number;
  let maxRejected: number;
  let limits: CsvLimits;
  try {
    maxBad = integerOption(values, "max-bad", { min: 0, fallback: 50 });
    maxRejected = percentOption(values, "max-rejected", defaultMaxRejected);
    limits = {
      maxRecordBytes: integerOption(values, "max-record-bytes", { min: 64, fallback: defaultCsvLimits.maxRecordBytes }),
      maxRecordLines: integerOption(values, "max-record-lines", { min: 1, fallback: defaultCsvLimits.maxRecordLines }),
    };
  } catch (e) {
    io.err(`spoc import: ${(e as CliError).message}\n`);
    return 2;
  }
  let mapping: Mapping;
  try {
    mapping = await loadMapping(mappingArg);
  } catch (e) {
    io.err(`spoc import: ${(e as Error).message}\n`);
    return e instanceof CliError ? e.exitCode : 2;
  }
  const url = values.db ?? process.env.SPOC_DB ?? "sqlite:spoc.sqlite";
  const draw = progressPrinter(io);
  let last: ImportProgress | undefined;
  try {
    const { report, json } = await runImportThread({ url, mapping, file, json: values.json === true, limits }, (p) => {
      last = p;
      draw(p);
    });
    if (last) draw(last, true);
    io.err(`import: ${report.imported} rows imported, ${report.alreadyImported} already there, ${report.skipped.length} skipped; ` +
      `${report.tickets.opened} tickets opened, ${report.tickets.updated} updated, ${report.events} events\n`);
    for (const s of report.skipped.slice(0, maxBad)) io.err(`  line ${s.line}: ${s.reason}\n`);
    if (report.skipped.length > maxBad) io.err(`  … and ${report.skipped.length - maxBad} more bad rows\n`);
    if (values.json) io.out(JSON.stringify(json, null, 2));
    const rejected = report.skipped.length;
    if (report.rows > 0 && rejected / report.rows > maxRejected) {
      const share = `${Math.round((rejected / report.rows) * 1000) / 10} %`;
      io.err(rejected === report.rows
        ? `spoc import: every row of ${file} was rejected (is "${mappingArg}" the mapping for this file?); nothing was written\n`
        : `spoc import: ${rejected} of ${report.rows} rows (${share}) were rejected (lines ${lineList(report.skipped)}), more than --max-rejected ${maxRejected * 100} % allows\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    io.err(`spoc import: ${(e as Error).message}\n`);
    return 1;
  }
}
