import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * The path of an external program: `$env` if set (CI sets SPOC_CHROMIUM / SPOC_PDFTOPPM), else
 * the first of `names` on the PATH. Undefined (with the reason printed) when it is not there, so
 * the test that needs it is skipped visibly, never passed silently.
 * @example
 * const chromium = findTool("SPOC_CHROMIUM", ["chromium", "chromium-browser"], "apt-get install chromium")
 */
export const findTool = (env: string, names: ReadonlyArray<string>, install: string): string | undefined => {
  const candidates = [process.env[env], ...names.flatMap((n) => (process.env.PATH ?? "").split(delimiter).map((d) => join(d, n)))];
  for (const c of candidates) {
    if (c === undefined || c === "") continue;
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not this one
    }
  }
  console.warn(`${names[0]} not found ($${env} unset, not on PATH; ${install}): the tests that need it are skipped`);
  return undefined;
};

/** What a headless Chromium run printed. */
export interface ChromiumRun {
  readonly stdout: string;
  readonly stderr: string;
  /** Every console message of the page (uncaught errors included): a report has no scripts, so any is wrong. */
  readonly pageErrors: ReadonlyArray<string>;
}

// Chromium's own flags for a throwaway headless run: no sandbox (root in CI), no GPU, no network
// chatter, a fresh profile; console output of the page goes to stderr.
const baseFlags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--enable-logging=stderr", "--v=0"];

/**
 * Runs headless Chromium on a page and collects the page's console messages from its log, e.g.
 * `INFO:CONSOLE:1] "Uncaught Error: boom", source: file:///…` (Chromium logs every level as INFO).
 * @example
 * const { stdout, pageErrors } = runChromium(chromium, profileDir, ["--dump-dom", "file:///tmp/r.html"])
 */
export const runChromium = (chromium: string, profile: string, args: ReadonlyArray<string>): ChromiumRun => {
  const run = spawnSync(chromium, [...baseFlags, `--user-data-dir=${profile}`, ...args], {
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 32 << 20,
  });
  if (run.error !== undefined) throw run.error;
  const pageErrors = run.stderr.split("\n").filter((l) => /:CONSOLE[:(]\d+\)?\]/.test(l));
  return { stdout: run.stdout, stderr: run.stderr, pageErrors };
};
