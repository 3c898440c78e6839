import { createDesk, type ServiceId } from "@spoc/core";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { typeormStore } from "../src/typeorm-store";
import { postgresDatabase, type TestDatabase } from "./databases";

const system = { kind: "system", name: "drop-test" } as const;
const serviceId = "svc-drop" as ServiceId;
const url = process.env.SPOC_PG_URL;
if (url === undefined) console.warn("[skip] dropped PostgreSQL connections (TypeORM): SPOC_PG_URL is not set");

describe.skipIf(url === undefined)("TypeORM on PostgreSQL: connections that drop", () => {
  let database: TestDatabase | undefined;
  afterAll(async () => { await database?.drop(); });

  it("every idle pooled backend terminated: the process survives, the next command works, and a retried command applies once", async () => {
    const app = `spoc-typeorm-drop-${process.pid}`;
    database = await postgresDatabase(url as string, 4, { applicationName: app } as never);
    const store = typeormStore(database.dataSource);
    const desk = createDesk({ store, storeRetry: { times: 5, baseDelayMs: 20 } });
    await desk.configure.contactList(system, { id: "cl-drop", name: "Drop" });
    await desk.configure.service(system, { id: serviceId, key: "DR", name: "Drop", contactListId: "cl-drop", settings: { reopenWindowDays: 7, numberWidth: 6, defaultPriority: "normal" } });
    await desk.configure.contact(system, { id: "c-drop", contactListId: "cl-drop", name: "Req", emails: ["req@example.org"], phones: [] });
    const tickets = await Promise.all(Array.from({ length: 4 }, (_, i) =>
      desk.openTicket(system, { serviceId, subject: `before ${i}`, channel: "api", requesterId: "c-drop" })));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const r = await admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and application_name = $1", [app]);
    await admin.end();
    expect(r.rowCount).toBeGreaterThan(0);
    await new Promise((done) => setTimeout(done, 300));
    const t = tickets[0];
    const input = { serviceId, ticketId: t?.id ?? "", kind: "note" as const, body: "after the drop" };
    const after = await desk.addMessage(system, input, { commandId: "after-drop" });
    expect(after.version).toBe((t?.version ?? 0) + 1);
    // The host retries with its key: nothing is applied twice.
    await desk.addMessage(system, input, { commandId: "after-drop" });
    expect((await store.readEvents(serviceId, after.id)).filter((e) => e.event.type === "MessageAdded")).toHaveLength(1);
  });
});
