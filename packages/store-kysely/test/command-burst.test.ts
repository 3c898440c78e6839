import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createDesk, fold, type ServiceId, type TicketId } from "@spoc/core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kyselyStore } from "../src/kysely-store";
import { postgresDatabase, type TestDatabase, warnSkipped } from "./databases";

const PROCESSES = 4;
const COMMANDS = 120;
const TICKETS = 8;
const serviceId = "svc-burst" as ServiceId;
const system = { kind: "system", name: "burst" } as const;

interface Outcome { answered: string[]; unsure: string[]; hostRetries: number; errors: string[] }

const runWorker = (url: string, workerId: string, ids: ReadonlyArray<string>): Promise<{ outcome?: Outcome; code: number | null; signal: string | null }> =>
  new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL("./multi-process/burst-worker.ts", import.meta.url)), [url, workerId, JSON.stringify(ids), String(COMMANDS)], {
      execPath: process.execPath,
      execArgv: ["--conditions=source", "--experimental-transform-types", "--no-warnings", "--import", fileURLToPath(new URL("./multi-process/ts-resolve.mjs", import.meta.url))],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let outcome: Outcome | undefined;
    child.on("message", (m) => { outcome = m as Outcome; });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ ...(outcome ? { outcome } : {}), code, signal }));
  });

const url = process.env.SPOC_PG_URL;
if (url === undefined) warnSkipped("command burst with terminated backends", "SPOC_PG_URL");

describe.skipIf(url === undefined)("a burst of commands from several processes while every backend is terminated", () => {
  let database: TestDatabase;
  let ids: TicketId[] = [];
  let results: Array<{ outcome?: Outcome; code: number | null; signal: string | null }> = [];
  let killed = 0;

  beforeAll(async () => {
    database = await postgresDatabase(url as string, 2);
    const schema = (await database.db.selectNoFrom((eb) => eb.fn<string>("current_schema", []).as("s")).executeTakeFirstOrThrow()).s;
    const desk = createDesk({ store: kyselyStore(database.db) });
    await desk.configure.contactList(system, { id: "cl-burst", name: "Burst" });
    await desk.configure.service(system, { id: serviceId, key: "BU", name: "Burst", contactListId: "cl-burst", settings: { reopenWindowDays: 7, numberWidth: 6, defaultPriority: "normal" } });
    await desk.configure.contact(system, { id: "c-burst", contactListId: "cl-burst", name: "Req", emails: ["req@example.org"], phones: [] });
    for (let i = 0; i < TICKETS; i++) ids.push((await desk.openTicket(system, { serviceId, subject: `shared ${i}`, channel: "api", requesterId: "c-burst" })).id);
    // The workers' backends carry an application name: the chaos loop terminates all of them (and
    // nothing else: other test files share this database).
    const app = `spoc-burst-${schema}`;
    const workerUrl = `${url}${(url as string).includes("?") ? "&" : "?"}application_name=${app}&options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    let running = true;
    const chaos = (async () => {
      while (running) {
        await new Promise((r) => setTimeout(r, 80 + Math.random() * 80));
        const r = await admin.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and application_name = $1", [app]);
        killed += r.rowCount ?? 0;
      }
    })();
    results = await Promise.all(Array.from({ length: PROCESSES }, (_, w) => runWorker(workerUrl, `w${w}`, ids)));
    running = false;
    await chaos;
    await admin.end();
  }, 300_000);
  afterAll(async () => { await database?.drop(); });

  it("no process died and backends were terminated under them", () => {
    console.info(`[burst] ${killed} backends terminated; host retries ${results.reduce((n, r) => n + (r.outcome?.hostRetries ?? 0), 0)}`);
    expect(results.map((r) => [r.code, r.signal])).toEqual(results.map(() => [0, null]));
    expect(killed).toBeGreaterThan(0);
    expect(results.flatMap((r) => r.outcome?.errors ?? [])).toEqual([]);
  });

  it("no command is lost and none is applied twice (streams re-read)", async () => {
    const store = kyselyStore(database.db);
    const seen = new Map<string, number>();
    const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    const all = (await store.listTickets(serviceId, { limit: 500 })).items;
    for (const t of all) {
      if (!t.subject.startsWith("shared ")) count(t.subject);
      const events = await store.readEvents(serviceId, t.id);
      expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      expect(fold(events.map((e) => e.event))).toEqual(t);
      for (const e of events) if (e.event.type === "MessageAdded" && e.event.kind === "note") count(e.event.body);
    }
    const answered = results.flatMap((r) => r.outcome?.answered ?? []);
    const unsure = results.flatMap((r) => r.outcome?.unsure ?? []);
    expect(answered.length + unsure.length).toBe(PROCESSES * COMMANDS);
    expect(answered.filter((k) => seen.get(k) !== 1)).toEqual([]); // lost (0) or duplicated (2+)
    expect(unsure.filter((k) => (seen.get(k) ?? 0) > 1)).toEqual([]);
    expect([...seen.values()].filter((n) => n > 1)).toEqual([]);
  });
});
