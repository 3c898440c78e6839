import { createDesk, defaultServiceSettings, type Store } from "@spoc/core";
import { describe, expect, it } from "vitest";
import { kyselyStore } from "../src/kysely-store";
import { sqliteDatabase } from "./databases";

const system = { kind: "system", name: "t" } as const;

/** Support and Billing on SQLite, each with its own contact list; Support's rule sends invoices to Billing. */
async function desk(store: Store) {
  const d = createDesk({ store });
  const c = d.configure;
  await c.contactList(system, { id: "cl-support", name: "Customers" });
  await c.contactList(system, { id: "cl-billing", name: "Accounts" });
  await c.service(system, { id: "svc-support", key: "IT", name: "Support", contactListId: "cl-support", settings: defaultServiceSettings });
  await c.service(system, { id: "svc-billing", key: "BILL", name: "Billing", contactListId: "cl-billing", settings: defaultServiceSettings });
  await c.contact(system, { id: "c-ann", contactListId: "cl-support", name: "Ann", emails: ["ann@x.example"], phones: [] });
  await c.group(system, { id: "grp-billing", serviceId: "svc-billing", name: "Billing desk", level: "1", members: [] });
  await c.routingRules(system, "svc-support", [{ id: "invoices", serviceId: "svc-support", name: "Invoices", enabled: true, triggers: ["ticket-opened"],
    when: { field: "subject", op: "contains", value: "invoice" }, actions: [{ type: "transfer-to-service", serviceId: "svc-billing" }] }]);
  await c.routingRules(system, "svc-billing", [{ id: "queue", serviceId: "svc-billing", name: "Queue", enabled: true, triggers: ["ticket-opened"],
    when: { all: [] }, actions: [{ type: "assign-group", groupId: "grp-billing" }] }]);
  return d;
}

describe("a rule-driven transfer on SQLite", () => {
  it("projects the closed source and the receiving ticket, and a redelivery opens nothing new", async () => {
    const t = await sqliteDatabase();
    const d = await desk(kyselyStore(t.db));
    const open = { serviceId: "svc-support", subject: "Wrong invoice", description: "Invoice 7 is wrong.", channel: "email", requesterId: "c-ann", externalId: "<m1@x.example>" } as const;
    const source = await d.openTicket(system, open);
    expect((await d.listTickets(system, "svc-support", { active: true })).items).toHaveLength(0);
    expect((await d.getTicket(system, "svc-support", source.id)).status).toBe("closed");
    const history = (await d.history(system, "svc-support", source.id)).map((e) => e.event.type);
    expect(history).toEqual(expect.arrayContaining(["TransferRequested", "HandedOff", "StatusChanged"]));
    const [moved] = (await d.listTickets(system, "svc-billing", { active: true })).items;
    expect(moved).toMatchObject({ subject: "Wrong invoice", groupId: "grp-billing", handedOffFrom: { ticketId: source.id } });
    // The requester was copied into Billing's own list.
    expect((await d.store.findContactByEmail("cl-billing" as never, "ann@x.example"))?.id).toBe(moved?.requesterId);
    await d.openTicket(system, open);
    expect((await d.listTickets(system, "svc-billing")).items).toHaveLength(1);
    await t.drop();
  });
});
