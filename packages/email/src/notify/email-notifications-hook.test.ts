import type { ServiceId, Ticket } from "@spoc/core";
import { describe, expect, it } from "vitest";
import { deskFixture, rawEmail } from "../../test/desk/desk-fixture";
import { ingestEmail } from "../ingest/ingest-email";
import { emailNotificationsHook, threadIds } from "./email-notifications-hook";

const ann = (over: Record<string, string> = {}) =>
  rawEmail({ From: "Ann <ann@example.com>", Subject: "VPN down", "Message-ID": "<m1@example.com>", ...over }, "No VPN since 8:00.");

const setup = async () => {
  const f = await deskFixture({ hooks: [emailNotificationsHook({ surveyUrl: (t: Ticket) => `https://survey.example/${t.number}` })] });
  await f.desk.configure.agent(f.system, {
    id: "ag-bob", name: "Bob", email: "bob@desk.example.com", memberships: [{ serviceId: "svc-it", role: "agent" }], skills: [], absences: [],
  });
  const outbox = async () => f.desk.store.claimOutbox(f.now() + 1, { limit: 100, leaseMs: 1, workerId: `w${Math.random()}` });
  return { ...f, outbox };
};

describe("emailNotificationsHook", () => {
  it("acknowledges a ticket opened by email, answering the customer's message", async () => {
    const f = await setup();
    await ingestEmail(f.desk, ann(), f.ingest);
    const [item] = await f.outbox();
    expect(item).toMatchObject({ template: "acknowledgement", to: ["ann@example.com"] });
    expect(item?.data).toMatchObject({ ticketNumber: "IT-000001", subject: "VPN down", requesterName: "Ann", inReplyTo: "<m1@example.com>", references: ["<m1@example.com>"] });
  });

  it("never acknowledges automatic mail, even when it opens a ticket", async () => {
    const f = await setup();
    const r = await ingestEmail(f.desk, ann({ Precedence: "bulk" }), f.ingest);
    expect(r.action).toBe("created");
    expect(await f.outbox()).toEqual([]);
  });

  it("does not acknowledge tickets opened on other channels", async () => {
    const f = await setup();
    await f.desk.configure.contact(f.system, { id: "c1", contactListId: "cl-main", name: "Cy", emails: ["cy@example.com"], phones: [] });
    await f.desk.openTicket(f.system, { serviceId: "svc-it", subject: "Call", channel: "phone", requesterId: "c1" });
    expect(await f.outbox()).toEqual([]);
  });

  it("sends the agent's public reply, threaded under the latest customer message", async () => {
    const f = await setup();
    await ingestEmail(f.desk, ann(), f.ingest);
    await ingestEmail(f.desk, ann({ "Message-ID": "<m2@example.com>", "In-Reply-To": "<m1@example.com>" }), f.ingest);
    await f.outbox();
    const t = await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000001");
    await f.desk.addMessage({ kind: "agent", id: "ag-bob" as never }, { serviceId: "svc-it", ticketId: t!.id, kind: "reply", body: "Restart the client." });
    const [item] = await f.outbox();
    expect(item).toMatchObject({ template: "agent-reply", to: ["ann@example.com"] });
    expect(item?.data).toMatchObject({ body: "Restart the client.", agentName: "Bob", inReplyTo: "<m2@example.com>", references: ["<m1@example.com>", "<m2@example.com>"] });
  });

  it("does not mail internal notes", async () => {
    const f = await setup();
    await ingestEmail(f.desk, ann(), f.ingest);
    await f.outbox();
    const t = await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000001");
    await f.desk.addMessage({ kind: "agent", id: "ag-bob" as never }, { serviceId: "svc-it", ticketId: t!.id, kind: "note", body: "internal" });
    expect(await f.outbox()).toEqual([]);
  });

  it("a customer's mail on a reply carries the reply and not a note added in the same minute", async () => {
    const f = await setup();
    await ingestEmail(f.desk, ann(), f.ingest);
    await f.outbox();
    const t = await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000001");
    const bob = { kind: "agent", id: "ag-bob" as never } as const;
    await f.desk.addMessage(bob, { serviceId: "svc-it", ticketId: t!.id, kind: "note", body: "Customer is on the fraud watch list." });
    await f.desk.addMessage(bob, { serviceId: "svc-it", ticketId: t!.id, kind: "reply", body: "Restart the client." });
    await f.desk.addMessage(bob, { serviceId: "svc-it", ticketId: t!.id, kind: "note", body: "Second internal remark." });
    const items = await f.outbox();
    expect(items.map((i) => [i.template, i.to])).toEqual([["agent-reply", ["ann@example.com"]]]);
    expect(items[0]?.data["body"]).toBe("Restart the client.");
    expect(JSON.stringify(items)).not.toMatch(/fraud watch|internal remark/);
  });

  it("tells the customer a status change's reason only when it is marked for them", async () => {
    const f = await setup();
    await ingestEmail(f.desk, ann(), f.ingest);
    await f.outbox();
    const t = await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000001");
    await f.desk.changeStatus(f.system, { serviceId: "svc-it", ticketId: t!.id, status: "pending-customer", reason: "fraud check on this customer" });
    await f.desk.changeStatus(f.system, { serviceId: "svc-it", ticketId: t!.id, status: "open" });
    await f.desk.changeStatus(f.system, { serviceId: "svc-it", ticketId: t!.id, status: "pending-customer", reason: "Please send the invoice number.", publicReason: true });
    const items = await f.outbox();
    expect(items.map((i) => i.data["reason"])).toEqual([null, "Please send the invoice number."]);
    expect(JSON.stringify(items)).not.toContain("fraud check");
  });

  it("tells the customer about pending and resolved, and sends the survey on resolve", async () => {
    const f = await setup();
    await ingestEmail(f.desk, ann(), f.ingest);
    await f.outbox();
    const t = await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000001");
    await f.desk.changeStatus(f.system, { serviceId: "svc-it", ticketId: t!.id, status: "pending-customer" });
    expect((await f.outbox()).map((i) => [i.template, i.data["status"]])).toEqual([["status-change", "pending-customer"]]);
    await f.desk.changeStatus(f.system, { serviceId: "svc-it", ticketId: t!.id, status: "resolved" });
    const items = await f.outbox();
    expect(items.map((i) => i.template).sort()).toEqual(["satisfaction-survey", "status-change"]);
    expect(items.find((i) => i.template === "satisfaction-survey")?.data["surveyUrl"]).toBe("https://survey.example/IT-000001");
  });

  it("warns the assignee when an SLA metric breaches", async () => {
    const f = await setup();
    await ingestEmail(f.desk, ann(), f.ingest);
    const t = await f.desk.assign(f.system, { serviceId: "svc-it", ticketId: (await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000001"))!.id, agentId: "ag-bob" });
    const service = (await f.desk.store.getService("svc-it" as ServiceId))!;
    const breach = { type: "SlaBreached" as const, at: f.now(), by: f.system, metric: "resolution", cycle: 0, breachedAt: f.now() };
    const events = await emailNotificationsHook().afterChange({
      service, before: t, after: t, history: [breach], newEvents: [breach], command: undefined, now: f.now(), store: f.desk.store,
    });
    expect(events).toMatchObject([{ type: "NotificationRequested", template: "sla-warning", to: ["bob@desk.example.com"], data: { metric: "resolution" } }]);
  });
});

describe("threadIds", () => {
  it("answers the latest person-written message and leaves out digests of id-less mail", () => {
    const msg = (externalId: string, automatic = false) =>
      ({ type: "MessageAdded", kind: "customer", externalId, automatic }) as never;
    expect(threadIds([msg("<a@x>"), msg("<b@x>"), msg("<c@x>", true), msg("<sha256.1@no-message-id.spoc>")])).toEqual({
      inReplyTo: "<b@x>",
      references: ["<a@x>", "<b@x>", "<c@x>"],
    });
  });
});
