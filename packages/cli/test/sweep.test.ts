import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDesk } from "@spoc/core";
import { openStore } from "@spoc/store-kysely";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/index";

let db: string;
beforeEach(() => {
  db = `sqlite:${join(mkdtempSync(join(tmpdir(), "spoc-sweep-")), "s.sqlite")}`;
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

const system = { kind: "system", name: "test" } as const;

// A ticket on Bob's desk whose 30-minute first response fell due an hour ago.
const overdueTicket = async () => {
  expect(await main(["migrate", "--db", db])).toBe(0);
  const opened = await openStore(db);
  try {
    const desk = createDesk({ store: opened.store, clock: () => Date.now() - 90 * 60_000 });
    await desk.configure.contactList(system, { id: "cl", name: "Customers" });
    await desk.configure.service(system, { id: "svc-it", key: "IT", name: "IT", contactListId: "cl", settings: { reopenWindowDays: 7, numberWidth: 6, defaultPriority: "normal" } });
    await desk.configure.agent(system, { id: "ag-bob", name: "Bob", email: "bob@desk.example.com", memberships: [{ serviceId: "svc-it", role: "agent" }], skills: [], absences: [] });
    await desk.configure.contact(system, { id: "c1", contactListId: "cl", name: "Cy", emails: ["cy@example.com"], phones: [] });
    await desk.configure.sla(system, "svc-it", { policies: [{ id: "p", targets: { "first-response": { normal: 30 } } }] });
    const t = await desk.openTicket(system, { serviceId: "svc-it", subject: "Printer", channel: "phone", requesterId: "c1" });
    await desk.assign(system, { serviceId: "svc-it", ticketId: t.id, agentId: "ag-bob" });
  } finally {
    await opened.close();
  }
};

const queued = async () => {
  const opened = await openStore(db);
  try {
    return (await opened.store.claimOutbox(Date.now() + 1, { limit: 100, leaseMs: 1, workerId: "test" })).map((i) => ({ template: i.template, to: i.to }));
  } finally {
    await opened.close();
  }
};

describe("spoc sweep", () => {
  it("with --notify, a breach it records queues the SLA warning to the assignee", async () => {
    await overdueTicket();
    expect(await main(["sweep", "--db", db, "--notify"])).toBe(0);
    expect(await queued()).toEqual([{ template: "sla-warning", to: ["bob@desk.example.com"] }]);
  });

  it("without --notify, it records the breach and queues no mail", async () => {
    await overdueTicket();
    const log = vi.mocked(console.log);
    expect(await main(["sweep", "--db", db, "--json"])).toBe(0);
    expect(JSON.parse(String(log.mock.calls.at(-1)?.[0]))).toMatchObject({ breaches: 1 });
    expect(await queued()).toEqual([]);
  });
});
