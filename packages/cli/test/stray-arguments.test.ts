import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/index";

// `spoc migrate postgres://prod` (the URL without --db) used to migrate ./spoc.sqlite and exit 0.
let dir: string;
let cwd: string;
let err: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "spoc-stray-"));
  cwd = process.cwd();
  process.chdir(dir);
  err = [];
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

describe("commands that take no arguments refuse one", () => {
  for (const name of ["migrate", "sweep", "simulate", "demo"]) {
    it(`spoc ${name} URL (without --db) is a usage error naming the argument, and opens no database`, async () => {
      const saved = process.env.SPOC_DB;
      delete process.env.SPOC_DB;
      try {
        expect(await main([name, "postgres://spoc@db/prod"])).toBe(2);
      } finally {
        if (saved !== undefined) process.env.SPOC_DB = saved;
      }
      expect(err).toEqual([`spoc: ${name}: unexpected argument "postgres://spoc@db/prod": ${name} takes no arguments (a database is --db URL); run "spoc ${name} --help"`]);
      expect(existsSync(join(dir, "spoc.sqlite"))).toBe(false);
      expect(existsSync(join(dir, "demo-output"))).toBe(false);
    });
  }
});
