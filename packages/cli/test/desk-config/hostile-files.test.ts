import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openStore } from "@spoc/store-kysely";
import { main } from "../../src/index";
import { exampleDir } from "./demo-config";

// Files a careless admin or a hostile user hands `spoc apply`, and an `export` from the wrong database.
const dir = mkdtempSync(join(tmpdir(), "spoc-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let err: string[];
beforeEach(() => {
  err = [];
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

let n = 0;
const freshDb = () => `sqlite:${join(dir, `db-${++n}.sqlite`)}`;
const file = (name: string, text: string | Buffer) => {
  const path = join(mkdtempSync(join(dir, "files-")), name);
  writeFileSync(path, text);
  return path;
};
/** A database holding the example desk. */
const exampleDb = async () => {
  const db = freshDb();
  expect(await main(["apply", exampleDir, "--db", db])).toBe(0);
  return db;
};
/** The agents stored, by id, to prove nothing was written. */
const agentIn = async (db: string, id: string) => {
  const opened = await openStore(db);
  try {
    return await opened.store.getAgent(id as never);
  } finally {
    await opened.close();
  }
};

const agent = (fields: string) => `kind: agents
agents:
  - id: ag-ana
    name: Ana (L1)
    email: ag-ana@it-support.example
${fields}    skills: []
    capacity: 25
    absences: []
`;

describe("spoc apply refuses references to what exists nowhere", () => {
  it("an agent's membership of a service no file or database has (a typo) is refused, naming the file and path", async () => {
    const db = await exampleDb();
    const path = file("agents.yaml", agent("    memberships:\n      - serviceId: svc-suport\n        role: agent\n"));
    expect(await main(["apply", path, "--db", db])).toBe(1);
    expect(err).toEqual([`spoc: ${path}:7: agents.0.memberships.0.serviceId: no service "svc-suport" in the files or the database`]);
    expect((await agentIn(db, "ag-ana"))?.memberships).toEqual([{ serviceId: "svc-support", role: "agent" }]);
  });

  it("a group's members and lead, and a service's contact list, must exist", async () => {
    const db = await exampleDb();
    const service = (group: string, list = "cl-customers") => `kind: service
id: svc-new
key: NEW
name: New
contactListId: ${list}
settings: { reopenWindowDays: 7, numberWidth: 6, defaultPriority: normal }
groups:
  - id: grp-new
    name: New
    level: "1"
${group}`;
    const ghost = file("service.svc-new.yaml", service("    members: [ag-ana, ag-ghost]\n"));
    expect(await main(["apply", ghost, "--db", db, "--dry-run"])).toBe(1);
    expect(err.at(-1)).toBe(`spoc: ${ghost}:11: groups.0.members.1: no agent "ag-ghost" in the files or the database`);
    const lead = file("service.svc-new.yaml", service("    members: [ag-ana]\n    leadId: ag-nobody\n"));
    expect(await main(["apply", lead, "--db", db])).toBe(1);
    expect(err.at(-1)).toBe(`spoc: ${lead}:12: groups.0.leadId: no agent "ag-nobody" in the files or the database`);
    const list = file("service.svc-new.yaml", service("    members: [ag-ana]\n", "cl-nowhere"));
    expect(await main(["apply", list, "--db", db])).toBe(1);
    expect(err.at(-1)).toBe(`spoc: ${list}:5: contactListId: no contact list "cl-nowhere" in the files or the database`);
    const opened = await openStore(db);
    expect(await opened.store.getService("svc-new" as never)).toBeUndefined();
    await opened.close();
  });

  it("a routing or escalation rule must name a group of its own service, not a typo or another service's group", async () => {
    const db = await exampleDb();
    const copy = mkdtempSync(join(dir, "rules-"));
    const original = readFileSync(join(exampleDir, "service.svc-support.yaml"), "utf8");
    const lines = original.split("\n");
    const at = lines.findIndex((l) => l.trim() === "groupId: grp-noc");
    const path = join(copy, "service.svc-support.yaml");
    writeFileSync(path, lines.map((l, i) => (i === at ? l.replace("grp-noc", "grp-billing") : l)).join("\n"));
    expect(await main(["apply", path, "--db", db, "--dry-run"])).toBe(1);
    expect(err.at(-1)).toBe(`spoc: ${path}:${at + 1}: routingRules.0.actions.1.groupId: no group "grp-billing" in service svc-support in the files or the database`);
    const level = lines.findIndex((l) => l.trim() === "- kind: raise-priority");
    writeFileSync(path, [...lines.slice(0, level + 1), "          - kind: transfer", "            groupId: grp-l2-netwrok", ...lines.slice(level + 1)].join("\n"));
    expect(await main(["apply", path, "--db", db])).toBe(1);
    expect(err.at(-1)).toMatch(new RegExp(`^spoc: .*service\\.svc-support\\.yaml:${level + 3}: escalationRules\\.0\\.levels\\.1\\.actions\\.1\\.groupId: no group "grp-l2-netwrok" in service svc-support in the files or the database$`));
    // The example itself names only groups it defines: it still applies (idempotently).
    writeFileSync(path, original);
    expect(await main(["apply", path, "--db", db])).toBe(0);
  });

  it("a service key another service already uses is refused (ticket numbers BILL-000001 would name two tickets)", async () => {
    const db = await exampleDb();
    const path = file("service.svc-new.yaml", `kind: service
id: svc-new
key: BILL
name: New
contactListId: cl-customers
settings: { reopenWindowDays: 7, numberWidth: 6, defaultPriority: normal }
`);
    expect(await main(["apply", path, "--db", db])).toBe(1);
    expect(err.at(-1)).toBe(`spoc: ${path}:3: key: service svc-billing already has the key BILL`);
  });

  it("what the files themselves define, or the database already holds, may be referred to", async () => {
    const db = await exampleDb();
    const path = file("agents.yaml", agent("    memberships:\n      - serviceId: svc-billing\n        role: lead\n"));
    expect(await main(["apply", path, "--db", db])).toBe(0);
    expect((await agentIn(db, "ag-ana"))?.memberships).toEqual([{ serviceId: "svc-billing", role: "lead" }]);
  });
});

describe("spoc apply refuses unreadable files by name", () => {
  it("a file that is not UTF-8 is refused instead of read with replacement characters", async () => {
    const db = await exampleDb();
    const latin1 = Buffer.from(agent("    memberships: []\n").replace("Ana (L1)", "Ana Mar\u00eda"), "latin1");
    const path = file("agents.yaml", latin1);
    expect(await main(["apply", path, "--db", db])).toBe(1);
    expect(err).toEqual([`spoc: ${path}: not UTF-8 text (save it as UTF-8)`]);
    expect((await agentIn(db, "ag-ana"))?.name).toBe("Ana (L1)");
  });

  it("a file over 8 MiB is refused before it is parsed (a 2.7 MB YAML file already takes 400 MB to parse)", async () => {
    const path = file("agents.yaml", Buffer.alloc(8 * 1024 * 1024 + 1, 0x20));
    expect(await main(["apply", path, "--db", freshDb()])).toBe(1);
    expect(err).toEqual([`spoc: ${path}: 8.0 MiB: a configuration file may hold at most 8 MiB (split it: several files of one kind are read together)`]);
  });

  it("a YAML alias bomb is refused naming the file", async () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(", ")}]`);
    }
    const path = file("bomb.yaml", `kind: agents\n${levels.join("\n")}\nagents: [*h]\n`);
    expect(await main(["apply", path, "--db", freshDb()])).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(new RegExp(`^spoc: ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid YAML: .*alias`, "i"));
  });
});

describe("spoc apply names the syntax it read", () => {
  it("a JSON file with a key given twice is 'not valid JSON', not YAML", async () => {
    const path = file("agents.json", '{"kind": "agents", "agents": [], "agents": []}');
    expect(await main(["apply", path, "--db", freshDb()])).toBe(1);
    expect(err).toEqual([`spoc: ${path}:1: not valid JSON: Map keys must be unique`]);
  });
});

describe("spoc export into a path it cannot write", () => {
  it("a file where the folder should be is one line naming the path (exit 1)", async () => {
    const db = await exampleDb();
    const out = file("taken", "not a folder");
    expect(await main(["export", "--db", db, "--out", out])).toBe(1);
    expect(err).toEqual([`spoc: cannot write ${out}: it is a file, not a folder`]);
    expect(await main(["export", "--db", db, "--out", join(out, "sub")])).toBe(1);
    expect(err.at(-1)).toMatch(/^spoc: cannot write .*\/taken\/sub: ENOTDIR/);
  });
});

describe("spoc export from the wrong database", () => {
  it("a database with no services (a mistyped path) is an error, and writes no files", async () => {
    const out = join(dir, "exported-nothing");
    expect(await main(["export", "--db", freshDb(), "--out", out])).toBe(1);
    expect(err).toEqual(["spoc: the database has no services: nothing to export (is --db the right database?)"]);
    expect(existsSync(out)).toBe(false);
  });
});
