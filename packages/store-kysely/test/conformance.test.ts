import { storeConformance } from "@spoc/store-conformance";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { kyselyStore } from "../src/kysely-store";
import { openStore } from "../src/open";
import { mysqlDatabase, postgresDatabase, sqliteDatabase, type TestDatabase, warnSkipped } from "./databases";

// SQLite always runs, in process: a fresh in-memory database per test.
storeConformance({
  name: "kysely/sqlite",
  makeStore: async () => {
    const t = await sqliteDatabase();
    return { store: kyselyStore(t.db), cleanup: () => t.drop() };
  },
});

// A SQLite file whose appends, directory batches and ticket numbers run on the writer thread:
// the same contract, with reads on this thread's connection and writes on the writer's.
storeConformance({
  name: "kysely/sqlite with writer thread",
  makeStore: async () => {
    const dir = mkdtempSync(join(tmpdir(), "spoc-writer-"));
    const opened = await openStore(`sqlite:${join(dir, "desk.db")}`, { sqliteWriterThread: true });
    return {
      store: opened.store,
      cleanup: async () => {
        await opened.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});

// Server databases: one fresh schema/database per suite, emptied before each test, dropped at the end.
const server = (name: string, variable: string, open: (url: string) => Promise<TestDatabase>) => {
  const url = process.env[variable];
  if (!url) {
    warnSkipped(name, variable);
    describe.skip(`Store conformance: kysely/${name} (${variable} unset)`, () => it("skipped", () => {}));
    return;
  }
  let database: Promise<TestDatabase> | undefined;
  afterAll(async () => { await (await database)?.drop(); });
  storeConformance({
    name: `kysely/${name}`,
    makeStore: async () => {
      database ??= open(url);
      const t = await database;
      await t.reset();
      return { store: kyselyStore(t.db) };
    },
  });
};
server("postgres", "SPOC_PG_URL", postgresDatabase);
server("mysql", "SPOC_MYSQL_URL", mysqlDatabase);
