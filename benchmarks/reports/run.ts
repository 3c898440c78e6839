/**
 * Reports benchmark: a 1,000,000-row XLSX and a 10,000-row PDF through spoc's renderers against
 * raw exceljs / pdfkit writing the same rows. Every case runs in its own child process, so peak
 * RSS is that case's alone. Ends with one JSON line.
 *
 *   cd benchmarks && npx node --conditions=source --experimental-strip-types reports/run.ts
 *
 * Options: --xlsx-rows=N --pdf-rows=N (defaults 1,000,000 and 10,000), --repeat=N (best of N),
 * --fair-rows=N (default 200,000; 0 skips): raw exceljs has no way to see the zip's backlog, so
 * at a million rows it buffers and slows down more than linearly; the XLSX ratio is therefore
 * also measured at N rows, where raw exceljs is still at its best.
 * --child-flags="…": extra Node flags for every case's process, e.g. "--max-semi-space-size=16"
 * (V8 sizes its young generation from host memory and allocation rate; that sets most of the
 * XLSX case's peak RSS).
 * --built: the cases load the built packages (dist/, as a host does; `npm run build` first)
 * instead of their TypeScript sources through type stripping.
 */
import { spawnSync } from "node:child_process";
import { rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CaseName } from "./bench-cases.ts";

interface CaseResult {
  readonly name: CaseName;
  readonly seconds: number;
  readonly peakRssMb: number;
  /** RSS once the case's code is loaded, before the first row: what the peak is built on. */
  readonly loadRssMb: number;
  readonly bytes: number;
}

const arg = (name: string, fallback: number): number => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found === undefined ? fallback : Number(found.split("=")[1]);
};

// Children inherit this process's flags; --built drops the `source` condition so they load dist/.
const built = process.argv.includes("--built");
const inherited = process.execArgv.filter((f) => !(built && f === "--conditions=source"));

const childFlags = (process.argv.find((a) => a.startsWith("--child-flags="))?.slice("--child-flags=".length) ?? "")
  .split(" ")
  .filter((f) => f !== "");

const child = async (name: CaseName, count: number): Promise<void> => {
  await import("../source-resolution.ts");
  const { loadCase } = await import("./bench-cases.ts");
  const render = await loadCase(name);
  const loadRssMb = process.memoryUsage().rss / 2 ** 20;
  const file = join(tmpdir(), `spoc-bench-${process.pid}.${name.split("-")[0]}`);
  const t0 = performance.now();
  await render(count, file);
  const seconds = (performance.now() - t0) / 1000;
  const bytes = statSync(file).size;
  rmSync(file, { force: true });
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ name, seconds, peakRssMb, loadRssMb, bytes } satisfies CaseResult));
};

const measure = (name: CaseName, count: number, repeat: number): CaseResult => {
  let best: CaseResult | undefined;
  for (let r = 0; r < repeat; r++) {
    const run = spawnSync(process.execPath, [...inherited, ...childFlags, fileURLToPath(import.meta.url), "--case", name, String(count)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 1 << 20,
    });
    if (run.status !== 0) throw new Error(`${name} failed with status ${run.status}`);
    const line = run.stdout.trim().split("\n").at(-1) ?? "";
    const result = JSON.parse(line) as CaseResult;
    console.error(`${name.padEnd(9)} ${count} rows  ${result.seconds.toFixed(2)} s  peak RSS ${result.peakRssMb.toFixed(0)} MB (loaded ${result.loadRssMb.toFixed(0)})  ${(result.bytes / 2 ** 20).toFixed(1)} MiB`);
    if (best === undefined || result.seconds < best.seconds) best = result;
  }
  return best as CaseResult;
};

const caseAt = process.argv.indexOf("--case");
if (caseAt >= 0) {
  await child(process.argv[caseAt + 1] as CaseName, Number(process.argv[caseAt + 2]));
} else {
  const xlsxRows = arg("xlsx-rows", 1_000_000);
  const pdfRows = arg("pdf-rows", 10_000);
  const repeat = arg("repeat", 1);
  const fairRows = arg("fair-rows", 200_000);
  const xlsxRaw = measure("xlsx-raw", xlsxRows, repeat);
  const xlsxSpoc = measure("xlsx-spoc", xlsxRows, repeat);
  const fair =
    fairRows > 0 ? measure("xlsx-spoc", fairRows, repeat).seconds / measure("xlsx-raw", fairRows, repeat).seconds : undefined;
  const pdfRaw = measure("pdf-raw", pdfRows, Math.max(repeat, 2));
  const pdfSpoc = measure("pdf-spoc", pdfRows, Math.max(repeat, 2));
  const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;
  console.log(
    JSON.stringify({
      xlsx_1m_s: round(xlsxSpoc.seconds),
      xlsx_ratio_vs_raw: round(xlsxSpoc.seconds / xlsxRaw.seconds),
      xlsx_peak_rss_mb: round(xlsxSpoc.peakRssMb, 0),
      xlsx_load_rss_mb: round(xlsxSpoc.loadRssMb, 0),
      xlsx_raw_load_rss_mb: round(xlsxRaw.loadRssMb, 0),
      pdf_10k_s: round(pdfSpoc.seconds),
      pdf_ratio_vs_raw: round(pdfSpoc.seconds / pdfRaw.seconds),
      ...(fair === undefined ? {} : { [`xlsx_ratio_vs_raw_${fairRows / 1000}k`]: round(fair) }),
    }),
  );
}
