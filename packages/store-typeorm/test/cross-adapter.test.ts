import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Store, type Ticket } from "@spoc/core";
import { conformanceFixture as fx, seedConformanceFixture as seed } from "@spoc/store-conformance";
import { kyselyStore, migrateToLatest } from "@spoc/store-kysely";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { DataSource } from "typeorm";
import { afterEach, describe, expect, it } from "vitest";
import { spocEntities } from "../src/entities/spoc-entities";
import { spocMigrations } from "../src/migrations/spoc-migrations";
import { typeormStore } from "../src/typeorm-store";
import { migrated, sqliteOptions } from "./databases";

let dir: string | undefined;
const file = (name: string) => join((dir ??= mkdtempSync(join(tmpdir(), "spoc-typeorm-"))), name);
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A Kysely store on a SQLite file, migrated by the Kysely store's own migrator unless told not to. */
const kyselyOn = async (path: string, migrate = true) => {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(path) }) });
  closers.push(() => db.destroy());
  if (migrate) await migrateToLatest(db);
  return kyselyStore(db);
};

/** A TypeORM store on a SQLite file, migrated by spoc's TypeORM migrations unless told not to. */
const typeormOn = async (path: string, migrate = true) => {
  const dataSource = migrate ? await migrated(sqliteOptions(path)) : await new DataSource({ ...sqliteOptions(path), entities: [...spocEntities] }).initialize();
  closers.push(() => dataSource.destroy());
  return { store: typeormStore(dataSource), dataSource };
};

/** Every spoc table and index as SQLite stored its DDL (the migrators' own bookkeeping tables left out). */
const schemaOf = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare("select type, name, tbl_name, sql from sqlite_master where name like 'spoc\\_%' escape '\\' and name not like 'spoc\\_migrations%' escape '\\' and name not like 'spoc\\_ticket\\_%' escape '\\' order by name").all();
  } finally {
    db.close();
  }
};

/** A ticket with history: opened by email, a reply, assigned, a note, resolved. */
const history = async (store: Store): Promise<Ticket> => {
  const desk = await seed(store);
  const t = await desk.openTicket(fx.system, { serviceId: fx.a, subject: "Printer", channel: "email", requesterId: fx.requester, description: "jammed", externalId: "<x1@example.org>" });
  await desk.addMessage(fx.system, { serviceId: fx.a, ticketId: t.id, kind: "reply", body: "On it" });
  await desk.assign(fx.system, { serviceId: fx.a, ticketId: t.id, agentId: fx.agentA });
  await desk.addMessage(fx.system, { serviceId: fx.a, ticketId: t.id, kind: "note", body: "Ζωή called" });
  return desk.changeStatus(fx.system, { serviceId: fx.a, ticketId: t.id, status: "resolved" });
};

/** What one store sees of the ticket another wrote. */
const readBack = async (store: Store, t: Ticket) => ({
  ticket: await store.getTicket(fx.a, t.id),
  byNumber: (await store.getTicketByNumber(fx.a, t.number))?.id,
  versions: (await store.readEvents(fx.a, t.id)).map((e) => e.version),
  list: (await store.listTickets(fx.a, { status: ["resolved"] })).items.map((x) => x.id),
  byMessage: await store.findTicketByExternalId(fx.a, "<x1@example.org>"),
  contact: (await store.findContactByEmail(fx.list, "ZOE@example.org"))?.name,
  agents: (await store.listAgents(fx.a)).map((a) => a.id),
});

describe("one SQLite database, either adapter", () => {
  it("the TypeORM migrations create exactly the Kysely store's tables and indexes", async () => {
    await kyselyOn(file("kysely.db"));
    await typeormOn(file("typeorm.db"));
    for (const close of closers.splice(0)) await close();
    const kysely = schemaOf(file("kysely.db"));
    expect(kysely.length).toBeGreaterThan(16);
    expect(schemaOf(file("typeorm.db"))).toEqual(kysely);
  });

  it("what the Kysely store writes, the TypeORM store reads", async () => {
    const t = await history(await kyselyOn(file("shared.db")));
    const { store } = await typeormOn(file("shared.db"), false);
    const seen = await readBack(store, t);
    expect(seen).toEqual({ ticket: t, byNumber: t.id, versions: seen.versions.map((_, i) => i + 1), list: [t.id], byMessage: t.id, contact: "Ζωή Παπαδοπούλου", agents: [fx.agentA] });
    expect(seen.versions.length).toBe(t.version);
  });

  it("what the TypeORM store writes, the Kysely store reads", async () => {
    const t = await history((await typeormOn(file("shared.db"))).store);
    const seen = await readBack(await kyselyOn(file("shared.db"), false), t);
    expect(seen).toEqual({ ticket: t, byNumber: t.id, versions: seen.versions.map((_, i) => i + 1), list: [t.id], byMessage: t.id, contact: "Ζωή Παπαδοπούλου", agents: [fx.agentA] });
    expect(seen.versions.length).toBe(t.version);
  });

  it("the two adapters continue one ticket's stream and share its ticket numbers", async () => {
    const kysely = await kyselyOn(file("shared.db"));
    const t = await history(kysely);
    const { store } = await typeormOn(file("shared.db"), false);
    const desk = await seed(store);
    const noted = await desk.addMessage(fx.system, { serviceId: fx.a, ticketId: t.id, kind: "note", body: "written through TypeORM" });
    expect(noted.version).toBeGreaterThan(t.version);
    expect(await kysely.getTicket(fx.a, t.id)).toEqual(noted);
    const next = await desk.openTicket(fx.system, { serviceId: fx.a, subject: "second", channel: "api", requesterId: fx.requester });
    expect(next.number).not.toBe(t.number);
    expect(await kysely.allocateTicketNumber(fx.a)).toBe(3);
  });

  it("the TypeORM migrations adopt a database the Kysely store migrated", async () => {
    const t = await history(await kyselyOn(file("shared.db")));
    const { store, dataSource } = await typeormOn(file("shared.db"));
    expect((await dataSource.query(`select count(*) as n from migrations`))[0].n).toBe(spocMigrations.length);
    expect(await store.getTicket(fx.a, t.id)).toEqual(t);
  });
});
