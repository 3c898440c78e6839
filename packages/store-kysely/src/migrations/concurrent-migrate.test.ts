import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateToLatest, migrations } from "./migrate";

// SQLite has no migration lock across connections: two `spoc apply` runs started together on a new
// file both ran migration 0001, and the second failed on spoc_migrations' key. The loser now sees
// the winner's work and finishes with nothing to do.
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const connect = (path: string) => {
  const sqlite = new Database(path);
  sqlite.pragma("busy_timeout = 5000");
  return new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
};

describe("migrations started together on one new SQLite file", () => {
  it("all succeed and leave every migration recorded once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spoc-migrate-"));
    dirs.push(dir);
    const path = join(dir, "desk.sqlite");
    const dbs = Array.from({ length: 4 }, () => connect(path));
    try {
      await Promise.all(dbs.map((db) => migrateToLatest(db)));
      const rows = await dbs[0]!.selectFrom("spoc_migrations").select("name").execute();
      expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(migrations).sort());
    } finally {
      await Promise.all(dbs.map((db) => db.destroy()));
    }
  });
});
