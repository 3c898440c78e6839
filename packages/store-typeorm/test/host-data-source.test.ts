import { createRequire } from "node:module";
import { isStoreError, type Ticket } from "@spoc/core";
import { conformanceFixture as fx, seedConformanceFixture as seed } from "@spoc/store-conformance";
import Database from "better-sqlite3";
import type { Logger } from "typeorm";
import { afterEach, describe, expect, it } from "vitest";
import { openTypeormStore } from "../src/data-source/spoc-data-source";
import { typeormStore } from "../src/typeorm-store";
import { mysqlDatabase, postgresDatabase, sqliteDatabase, type TestDatabase, warnSkipped } from "./databases";

const opened: TestDatabase[] = [];
const open = async (make: () => Promise<TestDatabase>) => {
  const t = await make();
  opened.push(t);
  return t;
};
afterEach(async () => { for (const t of opened.splice(0)) await t.drop(); });

describe("a store on the host's DataSource", () => {
  it("TypeORM drives better-sqlite3 13 (the override of its ^12 peer range)", async () => {
    const version = createRequire(import.meta.url)("better-sqlite3/package.json").version as string;
    expect(version.split(".")[0]).toBe("13");
    const t = await open(sqliteDatabase);
    expect((t.dataSource.driver as unknown as { databaseConnection: unknown }).databaseConnection).toBeInstanceOf(Database);
    expect(await typeormStore(t.dataSource).allocateTicketNumber(fx.a)).toBe(1);
  });

  it("an append inside the host's transaction rolls back with it", async () => {
    const t = await open(sqliteDatabase);
    const desk = await seed(typeormStore(t.dataSource));
    await expect(t.dataSource.transaction(async (manager) => {
      const inside = await seed(typeormStore(manager));
      await inside.openTicket(fx.system, { serviceId: fx.a, subject: "never", channel: "api", requesterId: fx.requester });
      throw new Error("host rolls back");
    })).rejects.toThrow("host rolls back");
    expect((await desk.listTickets(fx.system, fx.a, {})).items).toEqual([]);
  });

  it("an append inside the host's transaction commits with the host's own writes", async () => {
    const t = await open(sqliteDatabase);
    await t.dataSource.query("create table host_orders (id text primary key, ticket_id text not null)");
    const store = typeormStore(t.dataSource);
    await seed(store);
    const ticket = await t.dataSource.transaction(async (manager) => {
      const opened: Ticket = await (await seed(typeormStore(manager))).openTicket(fx.system, { serviceId: fx.a, subject: "order 7", channel: "api", requesterId: fx.requester });
      await manager.query("insert into host_orders (id, ticket_id) values (?, ?)", ["o-7", opened.id]);
      return opened;
    });
    expect(await store.getTicket(fx.a, ticket.id)).toEqual(ticket);
    expect(await t.dataSource.query("select ticket_id from host_orders")).toEqual([{ ticket_id: ticket.id }]);
  });

  it("a conflicting append inside the host's transaction rolls back only its own savepoint", async () => {
    const t = await open(sqliteDatabase);
    const store = typeormStore(t.dataSource);
    const desk = await seed(store);
    const ticket = await desk.openTicket(fx.system, { serviceId: fx.a, subject: "x", channel: "api", requesterId: fx.requester });
    await t.dataSource.query("create table host_log (line text)");
    await t.dataSource.transaction(async (manager) => {
      await manager.query("insert into host_log values ('kept')");
      const stale = typeormStore(manager).append({ serviceId: fx.a, ticketId: ticket.id, expectedVersion: 0, events: [], ticket });
      await expect(stale).rejects.toSatisfy((e: unknown) => isStoreError(e, "VersionConflict"));
    });
    expect(await t.dataSource.query("select line from host_log")).toEqual([{ line: "kept" }]);
  });

  it("openTypeormStore makes a dedicated, migrated DataSource", async () => {
    const { store, dataSource, close } = await openTypeormStore({ type: "better-sqlite3", database: ":memory:", driver: Database });
    try {
      await seed(store);
      expect((await store.getService(fx.a))?.key).toBe("AA");
      expect(dataSource.entityMetadatas.map((m) => m.tableName)).toContain("spoc_tickets");
    } finally {
      await close();
    }
  });
});

/** A logger that keeps every statement, to see what SQL reached the database. */
const recording = (queries: string[]): Logger => ({
  logQuery: (q) => void queries.push(q), logQueryError: () => {}, logQuerySlow: () => {}, logSchemaBuild: () => {}, logMigration: () => {}, log: () => {},
});

for (const [name, variable, make] of [
  ["postgres", "SPOC_PG_URL", postgresDatabase],
  ["mysql", "SPOC_MYSQL_URL", mysqlDatabase],
] as const) {
  const url = process.env[variable];
  if (!url) warnSkipped(`sweep locking on ${name}`, variable);
  describe.skipIf(!url)(`sweeps on ${name}`, () => {
    it("claim due tickets and outbox items with FOR UPDATE SKIP LOCKED", async () => {
      const queries: string[] = [];
      const t = await open(() => make(url as string, 4, { logger: recording(queries) }));
      const store = typeormStore(t.dataSource);
      await store.claimDue(1000, { limit: 5, leaseMs: 1000, workerId: "w" });
      await store.claimOutbox(1000, { limit: 5, leaseMs: 1000, workerId: "w" });
      const locking = queries.filter((q) => /FOR UPDATE SKIP LOCKED$/.test(q.trim()));
      expect(locking.map((q) => /spoc_(tickets|outbox)/.exec(q)?.[0])).toEqual(["spoc_tickets", "spoc_outbox"]);
    });
  });
}
