import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The `spoc` bin is a bundle (tsup.config.ts): spoc's packages, effect and kysely inlined, the
// drivers and renderers left to node_modules. These run the built bin as users do.
const bin = fileURLToPath(new URL("../dist/standalone/bin.js", import.meta.url));
const sample = join(process.env.SPOC_SHARED_DIR ?? fileURLToPath(new URL("../../../../shared", import.meta.url)), "data", "uci-incident-event-log", "incident_event_log.sample.csv");
const built = existsSync(bin);
if (!built) console.log(`standalone bin: ${bin} is not built (npm run build); skipped`);

const spoc = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });

// What `npx spoc` runs in this repository: npm links the package's bin into the root's node_modules.
const linked = fileURLToPath(new URL("../../../node_modules/.bin/spoc", import.meta.url));
const installed = existsSync(fileURLToPath(new URL("../../../node_modules/.package-lock.json", import.meta.url)));
if (!installed) console.log("spoc bin link: the repository's node_modules is not installed; skipped");

describe.skipIf(!installed || !built)("the installed spoc command", () => {
  it("is linked by npm install and runs the bundle", () => {
    expect(existsSync(linked)).toBe(true);
    const help = spawnSync(process.execPath, [linked, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("  import");
  });
});

describe.skipIf(!built)("the built spoc bin", () => {
  it("lists every command and migrates a SQLite file", () => {
    const help = spoc("--help");
    expect(help.status).toBe(0);
    for (const name of ["demo", "migrate", "import", "sweep", "ticket", "email", "report"]) expect(help.stdout).toContain(`  ${name}`);
    const dir = mkdtempSync(join(tmpdir(), "spoc-bin-"));
    try {
      const migrated = spoc("migrate", "--db", `sqlite:${join(dir, "m.db")}`);
      expect(migrated.stdout).toBe("");
      expect(migrated.stderr).toContain("is at the latest schema");
      expect(migrated.status).toBe(0);
      expect(spoc("sweep", "--db", `sqlite:${join(dir, "m.db")}`, "--json").stdout).toContain('"claimed":0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it.skipIf(!existsSync(sample))("imports the ServiceNow sample", () => {
    const dir = mkdtempSync(join(tmpdir(), "spoc-bin-"));
    try {
      const run = spoc("import", "servicenow-incident", sample, "--db", `sqlite:${join(dir, "i.db")}`);
      expect(run.status).toBe(0);
      expect(run.stderr).toContain("1339 rows imported, 0 already there, 0 skipped; 200 tickets opened");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
