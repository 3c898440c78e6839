import { createDesk, type ServiceId } from "@spoc/core";
import { createPool } from "mysql2";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openStore, type OpenedStore } from "../src/open";
import { mysqlDatabase, postgresDatabase, type TestDatabase, warnSkipped } from "./databases";

const system = { kind: "system", name: "drop-test" } as const;
const serviceId = "svc-drop" as ServiceId;

const seed = async (opened: OpenedStore) => {
  const desk = createDesk({ store: opened.store, storeRetry: { times: 5, baseDelayMs: 20 } });
  await desk.configure.contactList(system, { id: "cl-drop", name: "Drop" });
  await desk.configure.service(system, { id: serviceId, key: "DR", name: "Drop", contactListId: "cl-drop", settings: { reopenWindowDays: 7, numberWidth: 6, defaultPriority: "normal" } });
  await desk.configure.contact(system, { id: "c-drop", contactListId: "cl-drop", name: "Req", emails: ["req@example.org"], phones: [] });
  return desk;
};

/** Opens, fills the pool with idle connections, terminates them, waits, and runs the next command. */
const survivesIdleDrop = async (opened: OpenedStore, terminate: () => Promise<number>) => {
  const desk = await seed(opened);
  // Several connections at once, so the pool holds more than one idle client when they are killed.
  const tickets = await Promise.all(Array.from({ length: 4 }, (_, i) =>
    desk.openTicket(system, { serviceId, subject: `before ${i}`, channel: "api", requesterId: "c-drop" })));
  const killed = await terminate();
  expect(killed).toBeGreaterThan(0);
  // The pool sees the idle connections close; an unhandled 'error' here would end the process (and fail the run).
  await new Promise((r) => setTimeout(r, 300));
  const t = tickets[0];
  const after = await desk.addMessage(system, { serviceId, ticketId: t?.id ?? "", kind: "note", body: "after the drop" });
  expect(after.version).toBe((t?.version ?? 0) + 1);
  const notes = (await opened.store.readEvents(serviceId, after.id)).filter((e) => e.event.type === "MessageAdded");
  expect(notes).toHaveLength(1);
};

const pgUrl = process.env.SPOC_PG_URL;
if (pgUrl === undefined) warnSkipped("dropped PostgreSQL connections", "SPOC_PG_URL");
describe.skipIf(pgUrl === undefined)("PostgreSQL connections that drop", () => {
  let database: TestDatabase | undefined;
  afterAll(async () => { await database?.drop(); });

  it("every idle pooled backend terminated: the process survives and the next command works on a new connection", async () => {
    database = await postgresDatabase(pgUrl as string, 1);
    const schema = (await database.db.selectNoFrom((eb) => eb.fn<string>("current_schema", []).as("s")).executeTakeFirstOrThrow()).s;
    // Tagged with an application name, so only this store's backends are terminated (other tests share the database).
    const app = `spoc-drop-${schema}`;
    const url = `${pgUrl}${(pgUrl as string).includes("?") ? "&" : "?"}application_name=${app}&options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const opened = await openStore(url, { poolSize: 4 });
    try {
      await survivesIdleDrop(opened, async () => {
        const admin = new pg.Client({ connectionString: pgUrl });
        await admin.connect();
        try {
          const r = await admin.query(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and application_name = $1",
            [app],
          );
          return r.rowCount ?? 0;
        } finally {
          await admin.end();
        }
      });
    } finally {
      await opened.close();
    }
  });
});

const myUrl = process.env.SPOC_MYSQL_URL;
if (myUrl === undefined) warnSkipped("dropped MySQL connections", "SPOC_MYSQL_URL");
describe.skipIf(myUrl === undefined)("MySQL/MariaDB connections that drop", () => {
  let database: TestDatabase | undefined;
  afterAll(async () => { await database?.drop(); });

  it("every idle pooled connection killed: the process survives and the next command works", async () => {
    database = await mysqlDatabase(myUrl as string, 1);
    const name = (await database.db.selectNoFrom((eb) => eb.fn<string>("database", []).as("d")).executeTakeFirstOrThrow()).d;
    const u = new URL(myUrl as string);
    u.pathname = `/${name}`;
    const opened = await openStore(u.toString(), { poolSize: 4 });
    try {
      await survivesIdleDrop(opened, async () => {
        const admin = createPool({ uri: myUrl as string, connectionLimit: 1 }).promise();
        try {
          const [rows] = await admin.query("select id from information_schema.processlist where db = ? and id <> connection_id()", [name]);
          const ids = (rows as Array<{ id: number }>).map((r) => r.id);
          for (const id of ids) await admin.query(`kill ${Number(id)}`);
          return ids.length;
        } finally {
          await admin.end();
        }
      });
    } finally {
      await opened.close();
    }
  });
});
