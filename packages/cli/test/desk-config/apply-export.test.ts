import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openStore } from "@spoc/store-kysely";
import { main } from "../../src/index";
import { configFiles, readDeskState, sqlConfigSource } from "../../src/desk-config/index";
import { exampleDir, exampleSchemas, filesIn } from "./demo-config";

const dir = mkdtempSync(join(tmpdir(), "spoc-apply-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

const { "README.md": _readme, ...example } = filesIn(exampleDir);
let n = 0;
const freshDb = () => `sqlite:${join(dir, `db-${++n}.sqlite`)}`;
/** A copy of the example folder to edit. */
const exampleCopy = () => {
  const copy = mkdtempSync(join(dir, "config-"));
  cpSync(exampleDir, copy, { recursive: true });
  return copy;
};
/** What `spoc export` writes from a database, by file name. */
const exported = async (db: string) => {
  const out = mkdtempSync(join(dir, "export-"));
  expect(await main(["export", "--db", db, "--out", out, "--schemas", exampleSchemas])).toBe(0);
  return filesIn(out);
};

describe("spoc apply and spoc export on SQLite", () => {
  it("export after apply gives the example folder back, byte for byte", async () => {
    const db = freshDb();
    expect(await main(["apply", exampleDir, "--db", db])).toBe(0);
    expect(out.at(-1)).toMatch(/^applied \d+ changes from 4 files$/);
    expect(out).toContain("+ service svc-support › routingRules (" + join(exampleDir, "service.svc-support.yaml") + ")");
    expect(await exported(db)).toEqual(example);
  });

  it("JSON files round-trip too: exported as JSON, applied to another database, exported again", async () => {
    const first = freshDb();
    expect(await main(["apply", exampleDir, "--db", first])).toBe(0);
    const json = mkdtempSync(join(dir, "json-"));
    expect(await main(["export", "--db", first, "--out", json, "--format", "json"])).toBe(0);
    expect(JSON.parse(filesIn(json)["service.svc-support.json"] ?? "{}")).toMatchObject({ $schema: "schemas/service.schema.json", kind: "service", id: "svc-support" });
    const second = freshDb();
    expect(await main(["apply", json, "--db", second])).toBe(0);
    const again = mkdtempSync(join(dir, "json-"));
    expect(await main(["export", "--db", second, "--out", again, "--format", "json"])).toBe(0);
    expect(filesIn(again)).toEqual(filesIn(json));
    expect(await exported(second)).toEqual(example);
  });

  it("a second apply changes nothing and says so", async () => {
    const db = freshDb();
    expect(await main(["apply", exampleDir, "--db", db])).toBe(0);
    out = [];
    expect(await main(["apply", exampleDir, "--db", db])).toBe(0);
    expect(out).toEqual(["no changes"]);
  });

  it("--dry-run prints what would change, with the fields, and writes nothing", async () => {
    const db = freshDb();
    expect(await main(["apply", exampleDir, "--db", db])).toBe(0);
    const copy = exampleCopy();
    const file = join(copy, "service.svc-support.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("name: Level 1 desk", "name: First line").replace("reopenWindowDays: 7", "reopenWindowDays: 10"));
    out = [];
    expect(await main(["apply", copy, "--db", db, "--dry-run"])).toBe(0);
    expect(out).toEqual([
      `~ service svc-support: settings.reopenWindowDays (${file})`,
      `~ service svc-support › groups › grp-l1: name (${file})`,
      "dry run: 2 changes, nothing written",
    ]);
    expect(await exported(db)).toEqual(example);
    out = [];
    expect(await main(["apply", copy, "--db", db])).toBe(0);
    expect(out.at(-1)).toBe("applied 2 changes from 4 files");
    expect((await exported(db))["service.svc-support.yaml"]).toContain("name: First line");
  });

  it("an invalid file changes nothing and names the file, line and path (exit 1)", async () => {
    const db = freshDb();
    const copy = exampleCopy();
    // A good change in one file, a bad one in another: neither is written.
    const agents = join(copy, "agents.yaml");
    writeFileSync(agents, readFileSync(agents, "utf8").replace("name: Ana (L1)", "name: Ana"));
    const file = join(copy, "service.svc-support.yaml");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace("level: noc", "level: night-shift"));
    expect(await main(["apply", copy, "--db", db])).toBe(1);
    const line = text.split("\n").findIndex((l) => l.includes("level: noc")) + 1;
    expect(err[0]).toMatch(new RegExp(`^spoc: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:${line}: groups\\.4\\.level: `));
    const opened = await openStore(db);
    try {
      expect(await opened.store.listServices()).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("a change the Desk refuses is found on the copy first: nothing is written", async () => {
    const db = freshDb();
    expect(await main(["apply", exampleDir, "--db", db])).toBe(0);
    const copy = exampleCopy();
    const file = join(copy, "service.svc-support.yaml");
    const text = readFileSync(file, "utf8");
    // Decodes, but the SLA set-up does not compile: a policy names a calendar that is not there.
    writeFileSync(file, text.replace("name: Level 1 desk", "name: First line").replace("calendarId: madrid", "calendarId: lisbon"));
    expect(await main(["apply", copy, "--db", db])).toBe(1);
    expect(err[0]).toContain(`${file}:`);
    expect(err[0]).toContain("service svc-support › sla");
    expect(await exported(db)).toEqual(example);
  });

  it("YAML and JSON syntax errors name the file and line", async () => {
    const db = freshDb();
    const bad = mkdtempSync(join(dir, "bad-"));
    writeFileSync(join(bad, "a.yaml"), "kind: agents\nagents:\n  - id: [unclosed\n");
    expect(await main(["apply", bad, "--db", db])).toBe(1);
    expect(err[0]).toMatch(/a\.yaml:\d+: not valid YAML/);
    writeFileSync(join(bad, "a.yaml"), "kind: agents\nagents: []\n");
    writeFileSync(join(bad, "b.json"), '{ "kind": "contact-list",\n  "id": }');
    err = [];
    expect(await main(["apply", bad, "--db", db])).toBe(1);
    expect(err[0]).toMatch(/b\.json:2:9: not valid JSON/);
    writeFileSync(join(bad, "b.json"), '{ "kind": "contact-list",\n  "id": "cl-x",\n  "name": "X",\n  "colour": "red" }');
    err = [];
    expect(await main(["apply", bad, "--db", db])).toBe(1);
    expect(err[0]).toMatch(/b\.json:4: colour: /);
  });

  it("applies one file; an object given twice, in one file or two, is an error naming both", async () => {
    const db = freshDb();
    const lists = join(exampleDir, "contact-list.cl-customers.yaml");
    expect(await main(["apply", lists, "--db", db])).toBe(0);
    expect(out[0]).toBe(`+ contact list cl-customers (${lists})`);
    expect(out.at(-1)).toBe("applied 6 changes from 1 file");
    const copy = exampleCopy();
    writeFileSync(join(copy, "more-agents.yaml"), "kind: agents\nagents:\n  - id: ag-ana\n    name: Ana again\n    email: ana@x.example\n    memberships: []\n    skills: []\n    absences: []\n");
    expect(await main(["apply", copy, "--db", db])).toBe(1);
    expect(err[0]).toBe(`spoc: ${join(copy, "more-agents.yaml")}:3: agents.0.id: agent ag-ana is also given in ${join(copy, "agents.yaml")}`);
    const file = join(copy, "service.svc-billing.yaml");
    writeFileSync(join(copy, "more-agents.yaml"), "kind: agents\nagents: []\n");
    writeFileSync(file, readFileSync(file, "utf8").replace("groups:\n", "groups:\n  - id: grp-billing\n    name: Twice\n    level: \"1\"\n    members: []\n"));
    err = [];
    expect(await main(["apply", copy, "--db", db])).toBe(1);
    expect(err[0]).toMatch(/service\.svc-billing\.yaml:\d+: groups\.1\.id: "grp-billing" is given twice$/);
    const opened = await openStore(db);
    try {
      expect(await opened.store.listServices()).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("usage errors exit 2", async () => {
    expect(await main(["apply", "--db", freshDb()])).toBe(2);
    expect(await main(["export", "--db", freshDb()])).toBe(2);
    expect(await main(["export", "--db", freshDb(), "--out", dir, "--format", "toml"])).toBe(2);
    expect(err.at(-1)).toContain("--format");
  });

  it("report schedules and mailboxes round-trip; --prune removes the ones a file leaves out", async () => {
    const db = freshDb();
    const copy = exampleCopy();
    const file = join(copy, "service.svc-billing.yaml");
    const base = readFileSync(file, "utf8");
    const extra = [
      "escalationRules:",
      "  - id: stalled", "    name: Stalled a day", "    enabled: true",
      "    condition:", "      kind: no-update", "      minutes: 1440",
      "    levels:", "      - level: 1", "        actions:", "          - kind: notify-lead",
      "reportSchedules:",
      "  - id: weekly-sla", "    report:", "      predefined: sla", "    cron: 0 7 * * 1", "    timeZone: Europe/Madrid",
      "    lookback: week", "    recipients:", "      - boss@it-support.example", "    formats:", "      - pdf",
      "mailboxes:",
      "  - id: billing", "    address: billing@it-support.example", "    tags:", "      - billing",
      "",
    ].join("\n");
    writeFileSync(file, base + extra);
    expect(await main(["apply", copy, "--db", db])).toBe(0);
    const files = await exported(db);
    expect(files["service.svc-billing.yaml"]).toBe(base + extra);
    out = [];
    expect(await main(["apply", copy, "--db", db])).toBe(0);
    expect(out).toEqual(["no changes"]);

    writeFileSync(file, base + "escalationRules: []\nreportSchedules: []\nmailboxes: []\n");
    out = [];
    expect(await main(["apply", copy, "--db", db])).toBe(0);
    expect(out).toContain("= service svc-billing › reportSchedules › weekly-sla: not in the files; --prune removes it");
    expect(out).toContain("no changes");
    out = [];
    expect(await main(["apply", copy, "--db", db, "--prune"])).toBe(0);
    expect(out).toContain(`- service svc-billing › mailboxes › billing (${file})`);
    expect((await exported(db))["service.svc-billing.yaml"]).toBe(base);
  });

  it("webhooks are refused until spoc has them", async () => {
    const copy = exampleCopy();
    const file = join(copy, "service.svc-billing.yaml");
    writeFileSync(file, `${readFileSync(file, "utf8")}webhooks: []\n`);
    expect(await main(["apply", copy, "--db", freshDb()])).toBe(1);
    expect(err[0]).toContain("webhooks: webhook subscriptions are not in spoc yet");
  });
});

const servers = [
  { name: "PostgreSQL", url: process.env.SPOC_PG_URL, variable: "SPOC_PG_URL" },
  { name: "MySQL", url: process.env.SPOC_MYSQL_URL, variable: "SPOC_MYSQL_URL" },
];
for (const server of servers) {
  if (server.url === undefined) console.log(`skipped: spoc apply on ${server.name}: ${server.variable} is not set`);
  describe.skipIf(server.url === undefined)(`spoc apply and spoc export on ${server.name}`, () => {
    it("apply is idempotent and export gives the example's objects back", async () => {
      const db = server.url as string;
      expect(await main(["apply", exampleDir, "--db", db])).toBe(0);
      out = [];
      expect(await main(["apply", exampleDir, "--db", db])).toBe(0);
      expect(out).toEqual(["no changes"]);
      // A shared database may hold other tests' services: compare the example's objects only.
      const opened = await openStore(db);
      try {
        const { config } = await readDeskState(sqlConfigSource(opened));
        const ids = new Set(Object.values(example).flatMap((t) => [...t.matchAll(/^(?:id| {2}- id): (\S+)$/gm)].map((m) => m[1])));
        const mine = {
          contactLists: config.contactLists.filter((l) => ids.has(l.id)),
          services: config.services.filter((s) => ids.has(s.id)),
          agents: config.agents.filter((a) => ids.has(a.id)),
        };
        expect(Object.fromEntries(configFiles(mine, { schemas: exampleSchemas }).map((f) => [f.name, f.text]))).toEqual(example);
      } finally {
        await opened.close();
      }
    });
  });
}
