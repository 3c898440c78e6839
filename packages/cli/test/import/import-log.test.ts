import { memoryStore, type Ticket } from "@spoc/core";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  decodeMapping, importedCase, importLog, type Mapping, runImportCommand, servicenowIncident, statusSteps,
} from "../../src/import/index";
import { InvalidInput } from "@spoc/core";
import { dataDir } from "./reference-data";

const mini: Mapping = {
  name: "mini",
  service: { id: "svc-mini", key: "MINI", name: "Mini" },
  missing: ["?"],
  key: "id",
  time: { column: "at", format: "YYYY-MM-DD HH:mm" },
  actor: "who",
  state: {
    columns: ["state"],
    map: { New: { status: "new" }, Work: { status: "open" }, Wait: { status: "pending-customer" }, Done: { status: "resolved" }, Closed: { status: "closed" } },
  },
  subject: "ticket {id}",
  group: "group",
  assignee: "agent",
  fields: { note: "note" },
  atResolution: { code: { column: "code", type: "text" } },
};
const header = "id,state,at,who,group,agent,note,code";

const csvFile = (lines: ReadonlyArray<string>): string => {
  const dir = mkdtempSync(join(tmpdir(), "spoc-import-test-"));
  const file = join(dir, "log.csv");
  writeFileSync(file, `${[header, ...lines].join("\n")}\n`);
  return file;
};

const history = async (store: ReturnType<typeof memoryStore>, key: string) => {
  const page = await store.listTickets(mini.service.id as never, { limit: 500 });
  const t = page.items.find((x) => x.customFields.sourceId === key) as Ticket;
  return (await store.readEvents(t.serviceId, t.id)).map((s) => s.event);
};

describe("importLog", () => {
  it("running the same import twice adds nothing", async () => {
    const store = memoryStore();
    const file = csvFile(["A,New,2020-01-01 10:00,ann,G1,?,x,c1", "A,Done,2020-01-01 11:00,ann,G1,bob,y,c1", "B,Work,2020-01-02 09:00,bob,G2,bob,z,c2"]);
    const first = await importLog({ store, mapping: mini, file });
    const second = await importLog({ store, mapping: mini, file });
    expect(first.imported).toBe(3);
    expect(second).toMatchObject({ imported: 0, alreadyImported: 3, events: 0, tickets: { opened: 0, updated: 0 } });
  });

  it("imports only the new rows of a log that grew since the last run", async () => {
    const store = memoryStore();
    await importLog({ store, mapping: mini, file: csvFile(["A,New,2020-01-01 10:00,ann,G1,?,x,c"]) });
    const r = await importLog({ store, mapping: mini, file: csvFile(["A,New,2020-01-01 10:00,ann,G1,?,x,c", "A,Work,2020-01-01 12:00,ann,G1,ann,x,c"]) });
    expect(r).toMatchObject({ imported: 1, alreadyImported: 1, tickets: { opened: 0, updated: 1 } });
  });

  it("skips a bad row with its line number and reason and imports the rest", async () => {
    const store = memoryStore();
    const file = csvFile(["A,New,2020-01-01 10:00,ann,G1,?,x,c", "A,Work,01/01/2020,ann,G1,?,x,c", "A,Lost,2020-01-01 12:00,ann,G1,?,x,c", "B,New,2020-01-01 10:00,ann"]);
    const r = await importLog({ store, mapping: mini, file });
    expect(r.imported).toBe(1);
    expect(r.skipped.map((s) => s.line)).toEqual([3, 4, 5]);
    expect(r.skipped[0]?.reason).toContain("does not match");
    expect(r.skipped[1]?.reason).toContain('state "Lost"');
    expect(r.skipped[2]?.reason).toContain("expected 8 fields");
  });

  it("accepts a row whose time is earlier than the previous row's", async () => {
    const store = memoryStore();
    const r = await importLog({ store, mapping: mini, file: csvFile(["A,New,2020-01-01 10:00,ann,G1,?,x,c", "A,Work,2020-01-01 09:58,ann,G1,?,x,c"]) });
    expect(r.skipped).toEqual([]);
    expect(r.imported).toBe(2);
  });

  it("closes a ticket only at its last row: an earlier close is replayed as resolved, then reopened", async () => {
    const store = memoryStore();
    await importLog({ store, mapping: mini, file: csvFile([
      "A,Work,2020-01-01 10:00,ann,G1,ann,x,c", "A,Closed,2020-01-02 10:00,ann,G1,ann,x,c", "A,Work,2020-01-03 10:00,ann,G1,ann,x,c", "A,Closed,2020-01-04 10:00,ann,G1,ann,x,c",
    ]) });
    const types = (await history(store, "A")).flatMap((e) => (e.type === "StatusChanged" ? [e.to] : e.type === "Reopened" ? ["reopened"] : []));
    expect(types).toEqual(["open", "resolved", "reopened", "resolved", "closed"]);
  });

  it("records final-value columns only from rows that resolve or close the ticket", async () => {
    const store = memoryStore();
    await importLog({ store, mapping: mini, file: csvFile(["A,Work,2020-01-01 10:00,ann,G1,ann,x,final", "A,Done,2020-01-02 10:00,ann,G1,ann,x,final"]) });
    const rows = importedCase(await history(store, "A"))?.rows ?? [];
    expect(rows.map((r) => r.ticket.customFields.code ?? null)).toEqual([null, "final"]);
  });

  it("treats a missing group as unchanged and a new group as a transfer", async () => {
    const store = memoryStore();
    await importLog({ store, mapping: mini, file: csvFile(["A,Work,2020-01-01 10:00,ann,G1,ann,x,c", "A,Work,2020-01-01 11:00,ann,?,ann,x,c", "A,Work,2020-01-01 12:00,ann,G2,bob,x,c"]) });
    const h = await history(store, "A");
    expect(h.filter((e) => e.type === "Transferred")).toHaveLength(1);
    expect(importedCase(h)?.final.groupId).toBe("mini:G2");
  });
});

describe("importLog beside another writer", () => {
  it("two imports of one file at once: every ticket once, every row counted once by each", async () => {
    const store = memoryStore();
    const lines = Array.from({ length: 30 }, (_, i) => [`T${i},New,2020-01-01 10:00,ann,G1,?,x,c`, `T${i},Work,2020-01-01 11:00,ann,G1,ann,x,c`]).flat();
    const file = csvFile(lines);
    const [a, b] = await Promise.all([1, 2].map(() => importLog({ store, mapping: mini, file, batchSize: 4 })));
    // Both start on an empty service, so they collide on the same tickets; the loser of each
    // collision replays again from the store and finds its rows already imported.
    expect((a?.imported ?? 0) + (b?.imported ?? 0)).toBe(60);
    for (const r of [a, b]) expect((r?.imported ?? 0) + (r?.alreadyImported ?? 0) + (r?.skipped.length ?? 0)).toBe(60);
    expect((await store.listTickets(mini.service.id as never, { limit: 500 })).items).toHaveLength(30);
  });
});

describe("statusSteps", () => {
  it("goes through resolved to close", () => expect(statusSteps("open", "closed")).toEqual(["resolved", "closed"]));
  it("reopens a resolved ticket before it waits again", () => expect(statusSteps("resolved", "pending-customer")).toEqual(["reopen", "pending-customer"]));
  it("never goes back to new", () => expect(statusSteps("open", "new")).toEqual([]));
});

describe("decodeMapping", () => {
  it("names the bad field of an invalid mapping", () => {
    const r = decodeMapping({ ...mini, time: { column: "at" } });
    expect(r).toBeInstanceOf(InvalidInput);
    expect((r as InvalidInput).message).toContain("time.format");
  });

  it("accepts every built-in mapping", () => expect(decodeMapping(servicenowIncident)).not.toBeInstanceOf(InvalidInput));
});

const sample = dataDir() === undefined ? undefined : join(dataDir() as string, "uci-incident-event-log", "incident_event_log.sample.csv");
describe("spoc import", () => {
  it.skipIf(sample === undefined)("prints the data set's aggregates computed from the store with --json", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const db = `sqlite:${join(mkdtempSync(join(tmpdir(), "spoc-import-cli-")), "desk.db")}`;
    const io = { out: (l: string) => out.push(l), err: (t: string) => err.push(t), tty: false, now: () => 0 };
    expect(await runImportCommand(["servicenow-incident", sample as string, "--db", db, "--json"], io)).toBe(0);
    expect(JSON.parse(out.join("\n"))).toMatchObject({ dataset: "uci-incident-event-log", events: 1339, incidents: 200 });
    expect(err.join("")).toContain("1339 rows imported");
    out.length = 0;
    expect(await runImportCommand(["servicenow-incident", sample as string, "--db", db, "--json"], io)).toBe(0);
    expect(JSON.parse(out.join("\n"))).toMatchObject({ events: 1339, incidents: 200 });
    expect(err.join("")).toContain("0 rows imported, 1339 already there");
  });

  it("answers an unknown mapping with a usage error", async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (t: string) => err.push(t), tty: false, now: () => 0 };
    expect(await runImportCommand(["no-such-log", "x.csv"], io)).toBe(2);
    expect(err.join("")).toContain('unknown mapping "no-such-log"');
  });
});
