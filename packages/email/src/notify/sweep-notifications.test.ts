import { type PromiseDesk, memoryStore } from "@spoc/core";
import { describe, expect, it } from "vitest";
import { deskFixture } from "../../test/desk/desk-fixture";
import { emailNotificationsHook } from "./email-notifications-hook";

const MIN = 60_000;

// A service whose first response is due 30 minutes after opening, a ticket on Bob's desk.
const withDueTicket = async () => {
  const f = await deskFixture({ store: memoryStore(), automation: true, hooks: [emailNotificationsHook()] });
  await f.desk.configure.agent(f.system, {
    id: "ag-bob", name: "Bob", email: "bob@desk.example.com", memberships: [{ serviceId: "svc-it", role: "agent" }], skills: [], absences: [],
  });
  await f.desk.configure.sla(f.system, "svc-it", { policies: [{ id: "p", targets: { "first-response": { normal: 30 } } }] });
  await f.desk.configure.contact(f.system, { id: "c1", contactListId: "cl-main", name: "Cy", emails: ["cy@example.com"], phones: [] });
  const t = await f.desk.openTicket(f.system, { serviceId: "svc-it", subject: "Printer", channel: "phone", requesterId: "c1" });
  await f.desk.assign(f.system, { serviceId: "svc-it", ticketId: t.id, agentId: "ag-bob" });
  return { ...f, ticketId: t.id };
};

const warnings = async (desk: PromiseDesk, now: number) =>
  (await desk.store.claimOutbox(now + 1, { limit: 100, leaseMs: 1, workerId: `w${Math.random()}` }))
    .filter((i) => i.template === "sla-warning")
    // Ticket ids are random per desk; everything else must match.
    .map((i) => ({ template: i.template, to: i.to, data: { ...i.data, ticketId: "t" } }));

describe("notifications of what a sweep records", () => {
  it("a breach recorded by a sweep queues the notification a live command would", async () => {
    const swept = await withDueTicket();
    swept.tick(31 * MIN);
    const report = await swept.desk.sweep();
    expect(report.breaches).toMatchObject([{ metric: "first-response" }]);

    const live = await withDueTicket();
    live.tick(31 * MIN);
    await live.desk.addMessage(live.system, { serviceId: "svc-it", ticketId: live.ticketId, kind: "note", body: "still looking" });

    const fromSweep = await warnings(swept.desk, swept.now());
    expect(fromSweep).toHaveLength(1);
    expect(fromSweep[0]).toMatchObject({ to: ["bob@desk.example.com"], data: { metric: "first-response" } });
    expect(fromSweep).toEqual(await warnings(live.desk, live.now()));
  });
});
