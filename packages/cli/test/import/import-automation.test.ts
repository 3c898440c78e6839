import { type Actor, createDesk, defaultServiceSettings, memoryStore, type Store, type Ticket, type TicketEvent } from "@spoc/core";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importLog, type Mapping } from "../../src/import/index";

// The same history run two ways: imported from a log, and issued live through the Desk by a desk
// user at the log's times. With routing rules and an SLA policy configured, both must record the
// same automation (routing's changes, SLA targets and breaches, the next deadline).
const mapping: Mapping = {
  name: "auto",
  service: { id: "svc-auto", key: "AUTO", name: "Auto" },
  missing: ["?"],
  key: "id",
  time: { column: "at", format: "YYYY-MM-DD HH:mm" },
  actor: "who",
  state: { columns: ["state"], map: { New: { status: "new" }, Work: { status: "open" }, Wait: { status: "pending-customer" }, Done: { status: "resolved" } } },
  subject: "ticket {id}",
  group: "group",
  assignee: "agent",
  fields: { note: "note" },
};
const log = [
  "id,state,at,who,group,agent,note",
  "B,New,2020-01-06 10:00,ann,G1,?,x",
  "B,Work,2020-01-06 10:20,ann,G1,ann,x",
  "B,Wait,2020-01-06 11:00,ann,G1,ann,x",
  "B,Work,2020-01-06 12:00,ann,G1,ann,x",
  "B,Done,2020-01-06 16:00,ann,G1,ann,y",
];
const at = (hhmm: string) => Date.parse(`2020-01-06T${hhmm}:00Z`);
const system: Actor = { kind: "system", name: "setup" };
const ann: Actor = { kind: "agent", id: "auto:ann" } as Actor;
const svc = "svc-auto";

/** Creates the service and its automation, as an admin would before importing. */
async function configured(store: Store, clock: () => number) {
  const desk = createDesk({ store, clock });
  await desk.configure.contactList(system, { id: "svc-auto-contacts", name: "Auto contacts" });
  await desk.configure.service(system, {
    id: svc, key: "AUTO", name: "Auto", contactListId: "svc-auto-contacts", settings: { ...defaultServiceSettings, reopenWindowDays: 3650 },
  });
  await desk.configure.routingRules(system, svc, [
    { id: "b-is-urgent", serviceId: svc, name: "B tickets are high", enabled: true, triggers: ["ticket-opened"],
      when: { field: "subject", op: "contains", value: "B" }, actions: [{ type: "set-priority", priority: "high" }, { type: "add-tags", tags: ["routed"] }] },
    { id: "waiting", serviceId: svc, name: "Tag waiting tickets", enabled: true, triggers: ["ticket-updated"],
      when: { field: "status", op: "equals", value: "pending-customer" }, actions: [{ type: "add-tags", tags: ["waited"] }] },
  ]);
  await desk.configure.sla(system, svc, {
    policies: [{ id: "std", targets: { "first-response": { normal: 60, high: 30 }, resolution: { normal: 480, high: 240 } } }],
  });
  return desk;
}

/** An event without the ids each run makes up (ticket and message ids). */
const comparable = (e: TicketEvent) => JSON.parse(JSON.stringify(e, (k, v) => (k === "ticketId" || k === "messageId" ? undefined : v)));
const ticketView = (t: Ticket) => ({ ...comparable(t as never), id: undefined });

describe("an imported ticket and the same history run live", () => {
  it("get the same routing, SLA and deadline events and end in the same state", async () => {
    const imported = memoryStore();
    await configured(imported, () => 0);
    const dir = mkdtempSync(join(tmpdir(), "spoc-import-auto-"));
    const file = join(dir, "log.csv");
    writeFileSync(file, `${log.join("\n")}\n`);
    const report = await importLog({ store: imported, mapping, file });
    expect(report.skipped).toEqual([]);
    const importedTicket = (await imported.listTickets(svc as never, { limit: 10 })).items[0] as Ticket;
    const importedHistory = (await imported.readEvents(svc as never, importedTicket.id)).map((s) => s.event);

    const live = memoryStore();
    let now = 0;
    const desk = await configured(live, () => now);
    await desk.configure.agent(system, { id: "auto:ann", name: "ann", email: "", memberships: [{ serviceId: svc, role: "agent" }], skills: [], absences: [] });
    await desk.configure.group(system, { id: "auto:G1", serviceId: svc, name: "G1", level: "1", members: [] });
    await desk.configure.contact(system, { id: "auto:unknown requester", contactListId: "svc-auto-contacts", name: "unknown requester", emails: [], phones: [] });
    const target = { serviceId: svc };
    const run = async (time: string, command: Record<string, unknown>) => {
      now = at(time);
      return desk.execute(ann, { ...target, ...command });
    };
    now = at("10:00");
    const t = await desk.openTicket(ann, {
      serviceId: svc, subject: "ticket B", channel: "web", requesterId: "auto:unknown requester", customFields: { sourceId: "B" }, externalId: "import:B",
    });
    const on = { ticketId: t.id };
    await run("10:00", { type: "UpdateFields", ...on, customFields: { note: "x", sourceState: "New", sourceRow: 0 } });
    await run("10:00", { type: "Assign", ...on, groupId: "auto:G1", reason: "imported" });
    await run("10:20", { type: "UpdateFields", ...on, customFields: { note: "x", sourceState: "Work", sourceRow: 1 } });
    await run("10:20", { type: "Assign", ...on, agentId: "auto:ann", reason: "imported" });
    await run("10:20", { type: "ChangeStatus", ...on, status: "open" });
    await run("11:00", { type: "UpdateFields", ...on, customFields: { note: "x", sourceState: "Wait", sourceRow: 2 } });
    await run("11:00", { type: "ChangeStatus", ...on, status: "pending-customer" });
    await run("12:00", { type: "UpdateFields", ...on, customFields: { note: "x", sourceState: "Work", sourceRow: 3 } });
    await run("12:00", { type: "ChangeStatus", ...on, status: "open" });
    await run("16:00", { type: "UpdateFields", ...on, customFields: { note: "y", sourceState: "Done", sourceRow: 4 } });
    const liveTicket = await run("16:00", { type: "ChangeStatus", ...on, status: "resolved" });
    const liveHistory = (await live.readEvents(svc as never, t.id)).map((s) => s.event);

    const types = importedHistory.map((e) => e.type);
    // The automation really ran: routing raised the priority and tagged, the SLA recorded its targets and the breaches.
    expect(types).toEqual(expect.arrayContaining(["PriorityChanged", "SlaApplied", "SlaBreached"]));
    expect(importedTicket.tags).toEqual(["routed", "waited"]);
    expect(importedTicket.priority).toBe("high");
    expect(importedTicket.sla).not.toBeNull();
    expect(importedHistory.map(comparable)).toEqual(liveHistory.map(comparable));
    expect(ticketView(importedTicket)).toEqual(ticketView(liveTicket));
  });

  it("without automation configured, the replay records none", async () => {
    const store = memoryStore();
    const dir = mkdtempSync(join(tmpdir(), "spoc-import-auto-"));
    const file = join(dir, "log.csv");
    writeFileSync(file, `${log.join("\n")}\n`);
    await importLog({ store, mapping, file });
    const t = (await store.listTickets(svc as never, { limit: 10 })).items[0] as Ticket;
    const types = (await store.readEvents(svc as never, t.id)).map((s) => s.event.type);
    expect(types.filter((x) => x === "SlaApplied" || x === "DeadlineSet" || x === "PriorityChanged")).toEqual([]);
    expect(t.sla).toBeNull();
  });
});
