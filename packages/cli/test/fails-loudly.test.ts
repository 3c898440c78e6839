import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openStore } from "@spoc/store-kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { minimumNode, supportsNode } from "../bin/node-version.js";

// The CLI run as an adopter runs it: the built bin, on its own, in a scratch folder.
const bin = fileURLToPath(new URL("../bin/spoc.js", import.meta.url));
const built = existsSync(fileURLToPath(new URL("../dist/standalone/bin.js", import.meta.url)));
if (!built) console.log("fails loudly: @spoc/cli is not built (npm run build); skipped");
const sample = join(process.env.SPOC_SHARED_DIR ?? fileURLToPath(new URL("../../../../shared", import.meta.url)), "data", "uci-incident-event-log", "incident_event_log.sample.csv");
if (!existsSync(sample)) console.log(`fails loudly: no ServiceNow sample at ${sample}; the import tests are skipped`);
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

// A Node older than spoc supports: $SPOC_OLD_NODE, else the system's node when it is one.
const oldNode = [process.env.SPOC_OLD_NODE, "/usr/bin/node", "/usr/local/bin/node"].find((p) => {
  if (!p || !existsSync(p)) return false;
  const v = spawnSync(p, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim();
  return v !== "" && !supportsNode(v);
});
if (!oldNode) console.log(`fails loudly: no Node older than ${minimumNode} on this machine (set SPOC_OLD_NODE); the refusal test is skipped`);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "spoc-loud-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const spoc = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: dir });

describe.skipIf(!oldNode)("the bin on an old Node", () => {
  it("refuses with one line naming the Node it needs, before loading anything native", () => {
    const run = spawnSync(oldNode as string, [bin, "migrate", "--db", `sqlite:${join(dir, "x.db")}`], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^spoc: Node \d+\.\d+\.\d+ is too old: spoc needs Node 22\.13\.0 or later\n$/);
    expect(existsSync(join(dir, "x.db"))).toBe(false);
  });
});

describe.skipIf(!built)("the built spoc bin fails loudly", () => {
  it("--version prints the package's version", () => {
    const run = spoc("--version");
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it("a number option that is not a number is a usage error (exit 2) naming the option, and opens no database", () => {
    const run = spoc("sweep", "--limit", "abc", "--db", "sqlite:s.db");
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('spoc: --limit: "abc" is not a whole number ≥ 1\n');
    expect(existsSync(join(dir, "s.db"))).toBe(false);
  });

  it("an impossible date is a usage error (exit 2) naming the option", () => {
    const run = spoc("report", "run", "sla", "--from", "2016-13-45", "--db", "sqlite:r.db");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('spoc: --from: "2016-13-45" is not a date');
    expect(existsSync(join(dir, "r.db"))).toBe(false);
  });

  it("a value outside an option's choices is a usage error (exit 2) naming the option and the choices", () => {
    const run = spoc("report", "run", "sla", "--granularity", "year", "--db", "sqlite:r.db");
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('spoc: --granularity: "year" is not one of day, week, month\n');
  });

  it("a definition file that is not JSON is named with its line and column (exit 1)", () => {
    writeFileSync(join(dir, "def.json"), '{\n  "title": "x",\n  "dataSet": }\n');
    const run = spoc("report", "run", "def.json", "--db", "sqlite:r.db");
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("spoc: def.json:3:14: not valid JSON (ValueExpected)\n");
  });

  it("a definition whose field is wrong is named with its file, line and the field's path (exit 1)", () => {
    writeFileSync(join(dir, "def.json"), JSON.stringify({
      title: "x", dataSet: { dimensions: ["colour"], measures: ["created"], period: { from: "2025-01-01", to: "2025-01-31", timeZone: "UTC" } }, layout: {},
    }, null, 2));
    const run = spoc("report", "run", "def.json", "--db", "sqlite:r.db");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^spoc: def\.json:5: dataSet\.dimensions\.0: /);
  });

  it("migrate reports on stderr and leaves stdout empty", () => {
    const run = spoc("migrate", "--db", "sqlite:m.db");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("is at the latest schema");
  });
});

/** The sample log with the state of the rows at the given data-row indexes (0-based) replaced by one no mapping knows. */
const withBadStates = (rows: (index: number, count: number) => boolean): string => {
  const [header, ...lines] = readFileSync(sample, "utf8").trimEnd().split("\n");
  const data = lines.filter((l) => l !== "");
  return [header, ...data.map((l, i) => (rows(i, data.length) ? l.replace(/^([^,]+),[^,]+,/, "$1,Bogus state,") : l))].join("\n") + "\n";
};

describe.skipIf(!built || !existsSync(sample))("spoc import's rejected rows", () => {
  it("an import whose every row is rejected exits 1 and creates nothing, not even the service", async () => {
    writeFileSync(join(dir, "log.csv"), withBadStates(() => true));
    const run = spoc("import", "servicenow-incident", "log.csv", "--db", "sqlite:i.db");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("every row of log.csv was rejected");
    const opened = await openStore(`sqlite:${join(dir, "i.db")}`);
    try {
      expect(await opened.store.listServices()).toEqual([]);
    } finally {
      await opened.close();
    }
  }, 60_000);

  it("rejected rows above --max-rejected fail the import (exit 1); at or below it, it succeeds", () => {
    writeFileSync(join(dir, "log.csv"), withBadStates((i, n) => i >= n - 2));
    const strict = spoc("import", "servicenow-incident", "log.csv", "--db", "sqlite:a.db", "--max-rejected", "0");
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/spoc import: \d+ of 1339 rows \([\d.]+ %\) were rejected \(lines 1339, 1340\), more than --max-rejected 0 % allows/);
    const lenient = spoc("import", "servicenow-incident", "log.csv", "--db", "sqlite:b.db");
    expect(lenient.stderr).toContain("2 skipped");
    expect(lenient.status).toBe(0);
  }, 60_000);

  it("a --max-rejected that is not a percentage is a usage error (exit 2)", () => {
    const run = spoc("import", "servicenow-incident", sample, "--db", "sqlite:c.db", "--max-rejected", "lots");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--max-rejected: "lots" is not a percentage from 0 to 100');
  });
});
