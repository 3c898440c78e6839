import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

  it("what the files themselves define, or the database already holds, may be referred to", async () => {
    const db = await exampleDb();
    const path = file("agents.yaml", agent("    memberships:\n      - serviceId: svc-billing\n        role: lead\n"));
    expect(await main(["apply", path, "--db", db])).toBe(0);
    expect((await agentIn(db, "ag-ana"))?.memberships).toEqual([{ serviceId: "svc-billing", role: "lead" }]);
  });
});

