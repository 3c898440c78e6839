// A host application that already owns a TypeORM DataSource plugs spoc into it: spoc's entities
// and migrations join the host's own, one connection and one migration run serve both, and an
// order and the ticket about it are written in one transaction.
import { Actor, createDesk, defaultServiceSettings } from "@spoc/core";
import { SpocTicketEntity, spocEntities, spocMigrations, typeormStore } from "@spoc/store-typeorm";
import Database from "better-sqlite3";
import { DataSource } from "typeorm";
import { CreateShop1700000000000, Customer, Order } from "./host-entities.mjs";

const dataSource = new DataSource({
  type: "better-sqlite3",
  database: process.argv[2] ?? ":memory:",
  driver: Database,
  entities: [Customer, Order, ...spocEntities],
  migrations: [CreateShop1700000000000, ...spocMigrations],
});
await dataSource.initialize();
const ran = await dataSource.runMigrations();
console.log(`migrations: ${ran.map((m) => m.name).join(", ") || "none pending"}`);

// spoc's configuration: one service, its contact list, two groups, and a routing rule.
const system = Actor.system("shop");
const desk = createDesk({ store: typeormStore(dataSource) });
const c = desk.configure;
await c.contactList(system, { id: "cl-shop", name: "Shop customers" });
await c.service(system, { id: "svc-shop", key: "SHOP", name: "Shop support", contactListId: "cl-shop", settings: defaultServiceSettings });
await c.group(system, { id: "g-front", serviceId: "svc-shop", name: "Front desk", level: "1", members: [] });
await c.group(system, { id: "g-billing", serviceId: "svc-shop", name: "Billing", level: "2", members: [] });
await c.routingRules(system, "svc-shop", [
  { id: "refunds", serviceId: "svc-shop", name: "Refunds go to billing", enabled: true, triggers: ["ticket-opened"],
    when: { field: "subject", op: "contains", value: "refund" }, actions: [{ type: "assign-group", groupId: "g-billing" }, { type: "stop" }] },
  { id: "default", serviceId: "svc-shop", name: "Everything else to the front desk", enabled: true, triggers: ["ticket-opened"],
    when: { field: "channel", op: "exists" }, actions: [{ type: "assign-group", groupId: "g-front" }] },
]);

// The host's own write and spoc's ticket in one transaction: both commit, or neither does.
const customer = { id: "cust-7", name: "Ζωή Παπαδοπούλου", email: "zoe@example.org" };
const ticket = await dataSource.transaction(async (manager) => {
  await manager.save(Customer, customer);
  await manager.save(Order, { id: "ord-1001", customerId: customer.id, total: 4999 });
  const inTransaction = createDesk({ store: typeormStore(manager) });
  await inTransaction.configure.contact(system, { id: customer.id, contactListId: "cl-shop", name: customer.name, emails: [customer.email], phones: [] });
  const opened = await inTransaction.openTicket(system, {
    serviceId: "svc-shop", subject: "Please refund order 1001", channel: "web", requesterId: customer.id, description: "Arrived broken.",
  });
  await manager.update(Order, { id: "ord-1001" }, { ticketId: opened.id });
  return opened;
});

// Read it back: through spoc, and through the host's own repository over spoc's entity.
const read = await desk.getTicketByNumber(system, "svc-shop", ticket.number);
const row = await dataSource.getRepository(SpocTicketEntity).findOneByOrFail({ id: ticket.id });
const order = await dataSource.getRepository(Order).findOneByOrFail({ id: "ord-1001" });
console.log(`ticket ${read.number} "${read.subject}" — status ${read.status}, group ${read.groupId}, version ${read.version}`);
console.log(`spoc_tickets row via the host's repository: group_id ${row.group_id}, created_at ${new Date(row.created_at).toISOString()}`);
console.log(`order ${order.id} of ${customer.name} refers to ticket ${order.ticketId === read.id ? read.number : "?"}`);

await dataSource.destroy();
