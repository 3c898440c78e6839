import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDesk, evolve, fold, type Ticket, type TicketEvent, type TicketId } from "@spoc/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kyselyStore } from "../src/kysely-store";
import { mysqlDatabase, postgresDatabase, sqliteFileDatabase, type TestDatabase, warnSkipped } from "./databases";
import { world } from "./multi-process/scenario";

const PROCESSES = 4;
const COMMANDS = 500;
const TICKETS = 50;

interface Outcome { ok: number; rejected: number; storeErrors: string[]; fired: number; sweepFailures: number; opened: string[] }

const runWorker = (workerUrl: string, workerId: string, ids: ReadonlyArray<string>): Promise<Outcome> =>
  new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL("./multi-process/worker.ts", import.meta.url)), [workerUrl, workerId, JSON.stringify(ids), String(COMMANDS)], {
      execPath: process.execPath,
      execArgv: ["--conditions=source", "--experimental-transform-types", "--no-warnings", "--import", fileURLToPath(new URL("./multi-process/ts-resolve.mjs", import.meta.url))],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let outcome: Outcome | undefined;
    child.on("message", (m) => { outcome = m as Outcome; });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 && outcome ? resolve(outcome) : reject(new Error(`worker ${workerId} exited with ${code}`))));
  });

/** A migrated database for the suite, and the URL the worker processes open it with. */
interface Target { readonly database: TestDatabase; readonly workerUrl: string; readonly cleanup?: () => void }

const targets: ReadonlyArray<{ name: string; variable?: string; open: (() => Promise<Target>) | undefined }> = [
  {
    name: "one SQLite file",
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), "spoc-mp-"));
      const path = join(dir, "desk.sqlite");
      return { database: await sqliteFileDatabase(path), workerUrl: `sqlite:${path}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: "one PostgreSQL",
    variable: "SPOC_PG_URL",
    open: process.env.SPOC_PG_URL === undefined ? undefined : async () => {
      const url = process.env.SPOC_PG_URL as string;
      const database = await postgresDatabase(url, 4);
      const schema = (await database.db.selectNoFrom((eb) => eb.fn<string>("current_schema", []).as("s")).executeTakeFirstOrThrow()).s;
      return { database, workerUrl: `${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}` };
    },
  },
  {
    name: "one MySQL/MariaDB",
    variable: "SPOC_MYSQL_URL",
    open: process.env.SPOC_MYSQL_URL === undefined ? undefined : async () => {
      const database = await mysqlDatabase(process.env.SPOC_MYSQL_URL as string, 4);
      const name = (await database.db.selectNoFrom((eb) => eb.fn<string>("database", []).as("d")).executeTakeFirstOrThrow()).d;
      const u = new URL(process.env.SPOC_MYSQL_URL as string);
      u.pathname = `/${name}`;
      return { database, workerUrl: u.toString() };
    },
  },
];

for (const target of targets) {
if (target.open === undefined) warnSkipped(`multi-process ${target.name}`, target.variable ?? "");

describe.skipIf(target.open === undefined)(`several processes on ${target.name}`, () => {
  let database: TestDatabase;
  let cleanup: (() => void) | undefined;
  let outcomes: Outcome[] = [];
  let ids: TicketId[] = [];

  beforeAll(async () => {
    const opened = await (target.open as () => Promise<Target>)();
    database = opened.database;
    cleanup = opened.cleanup;
    const store = kyselyStore(database.db);
    const desk = createDesk({ store });
    const sys = world.system;
    const c = desk.configure;
    await c.contactList(sys, { id: world.list, name: "MP" });
    await c.service(sys, { id: world.service, key: "MP", name: "Multi", contactListId: world.list, settings: { reopenWindowDays: 7, numberWidth: 6, defaultPriority: "normal" } });
    await c.contact(sys, { id: world.requester, contactListId: world.list, name: "Req", emails: ["req@example.org"], phones: [] });
    for (const id of [world.lead, world.agent]) {
      await c.agent(sys, { id, name: id, email: `${id}@example.org`, memberships: [{ serviceId: world.service, role: "lead" }], skills: [], absences: [] });
    }
    await store.putGroup({ id: world.group, serviceId: world.service, name: "L1", level: "1", members: [world.agent], leadId: world.lead });
    await store.putConfig(world.service, "escalation-rule", world.rule.id, world.rule);
    for (let i = 0; i < TICKETS; i++) {
      const t = await desk.openTicket(sys, { serviceId: world.service, subject: `shared ${i}`, channel: "api", requesterId: world.requester }, { at: world.t0 });
      const t2 = await desk.assign(sys, { serviceId: world.service, ticketId: t.id, groupId: world.group }, { at: world.t0 });
      const ev: TicketEvent[] = [{ type: "DeadlineSet", at: world.t0, by: { kind: "system", name: "escalation" }, nextDeadline: world.t0 + 60 * world.minute, reason: "test" }];
      await store.append({ serviceId: world.service, ticketId: t.id, expectedVersion: t2.version, events: ev, ticket: ev.reduce<Ticket>(evolve, t2) });
      ids.push(t.id);
    }
    outcomes = await Promise.all(Array.from({ length: PROCESSES }, (_, w) => runWorker(opened.workerUrl, `w${w}`, ids)));
  }, 600_000);
  afterAll(async () => {
    await database?.drop();
    cleanup?.();
  });

  it("every command was applied or refused by the domain, none failed in the store", () => {
    const sum = (k: "ok" | "rejected" | "fired" | "sweepFailures") => outcomes.reduce((n, o) => n + o[k], 0);
    console.info(`[multi-process] applied ${sum("ok")}, refused by the domain ${sum("rejected")}, escalations fired ${sum("fired")}, sweep failures ${sum("sweepFailures")}`);
    expect(outcomes.flatMap((o) => o.storeErrors)).toEqual([]);
    expect(outcomes.reduce((n, o) => n + o.ok + o.rejected, 0)).toBe(PROCESSES * COMMANDS);
  });

  it("no event is lost: every stream is contiguous and refolds to its projection", async () => {
    const store = kyselyStore(database.db);
    const all = [...ids, ...outcomes.flatMap((o) => o.opened as TicketId[])];
    for (const id of all) {
      const events = await store.readEvents(world.service, id);
      expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      expect(fold(events.map((e) => e.event))).toEqual(await store.getTicket(world.service, id));
    }
  });

  it("no escalation level fired twice on a ticket", async () => {
    const store = kyselyStore(database.db);
    let fired = 0;
    // Tickets the workers opened are escalated too (the Desk arms their deadlines).
    for (const id of [...ids, ...outcomes.flatMap((o) => o.opened as TicketId[])]) {
      const keys = (await store.readEvents(world.service, id)).flatMap((e) => (e.event.type === "Escalated" ? [`${e.event.ruleId}:${e.event.level}`] : []));
      expect(new Set(keys).size).toBe(keys.length);
      fired += keys.length;
    }
    expect(fired).toBeGreaterThan(0);
    expect(fired).toBe(outcomes.reduce((n, o) => n + o.fired, 0));
  });

  it("every ticket number is unique", async () => {
    const rows = await database.db.selectFrom("spoc_tickets").select("number").where("service_id", "=", world.service).execute();
    expect(rows.length).toBeGreaterThan(TICKETS);
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
  });
});
}
