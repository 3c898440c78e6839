import { storeConformance } from "@spoc/store-conformance";
import { afterAll, describe, it } from "vitest";
import { typeormStore } from "../src/typeorm-store";
import { mysqlDatabase, postgresDatabase, sqliteDatabase, type TestDatabase, warnSkipped } from "./databases";

// SQLite always runs, in process: a fresh in-memory database per test.
storeConformance({
  name: "typeorm/sqlite",
  makeStore: async () => {
    const t = await sqliteDatabase();
    return { store: typeormStore(t.dataSource), cleanup: () => t.drop() };
  },
});

// Server databases: one fresh schema/database per suite, emptied before each test, dropped at the end.
const server = (name: string, variable: string, open: (url: string) => Promise<TestDatabase>) => {
  const url = process.env[variable];
  if (!url) {
    warnSkipped(name, variable);
    describe.skip(`Store conformance: typeorm/${name} (${variable} unset)`, () => it("skipped", () => {}));
    return;
  }
  let database: Promise<TestDatabase> | undefined;
  afterAll(async () => { await (await database)?.drop(); });
  storeConformance({
    name: `typeorm/${name}`,
    makeStore: async () => {
      database ??= open(url);
      const t = await database;
      await t.reset();
      return { store: typeormStore(t.dataSource) };
    },
  });
};
server("postgres", "SPOC_PG_URL", postgresDatabase);
server("mysql", "SPOC_MYSQL_URL", mysqlDatabase);
