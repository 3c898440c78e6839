import type { ServiceId, Ticket, TicketId } from "@spoc/core";
import { describe, expect, it } from "vitest";
import { deskFixture, rawEmail } from "../../test/desk/desk-fixture";
import { emailNotificationsHook } from "../notify/email-notifications-hook";
import { autoReplyAllowed } from "./auto-reply-limit";
import { ingestEmail } from "./ingest-email";
import { AUTO_REPLY_LIMITED_TAG } from "./mailbox-settings";

const svc = "svc-it" as ServiceId;
const mail = (from: string, id: string, over: Record<string, string> = {}, body = "Hello") =>
  rawEmail({ From: from, To: "it@desk.example.com", Subject: "Printer jammed", "Message-ID": id, ...over }, body);

const ticketsOf = async (f: Awaited<ReturnType<typeof deskFixture>>): Promise<ReadonlyArray<Ticket>> =>
  (await f.desk.store.listTickets(svc, { limit: 500 })).items;
const messagesOn = async (f: Awaited<ReturnType<typeof deskFixture>>, number: string) => {
  const t = await f.desk.store.getTicketByNumber(svc, number);
  return (await f.desk.store.readEvents(svc, t!.id as TicketId)).map((e) => e.event).filter((e) => e.type === "MessageAdded");
};
const acknowledgements = async (f: Awaited<ReturnType<typeof deskFixture>>) => {
  const out: string[] = [];
  for (const t of await ticketsOf(f)) {
    for (const { event } of await f.desk.store.readEvents(svc, t.id)) {
      if (event.type === "NotificationRequested" && event.template === "acknowledgement") out.push(t.number);
    }
  }
  return out.sort();
};

describe("threading only for participants", () => {
  it("a stranger who knows a customer's Message-ID cannot append to that customer's ticket: the mail opens a new ticket linked to it", async () => {
    const f = await deskFixture();
    await ingestEmail(f.desk, mail("Ann <ann@example.com>", "<m1@example.com>"), f.ingest);
    const r = await ingestEmail(f.desk, mail("Mallory <mallory@evil.example>", "<x1@evil.example>", { "In-Reply-To": "<m1@example.com>" }, "Send the invoice to me."), f.ingest);
    expect(r).toMatchObject({ action: "created", ticket: "IT-000002" });
    expect(r.reason).toContain("mallory@evil.example is not a participant of IT-000001");
    expect(await messagesOn(f, "IT-000001")).toHaveLength(1);
    const opened = await f.desk.store.getTicketByNumber(svc, "IT-000002");
    expect(opened?.links.map((l) => l.ticket.number)).toEqual(["IT-000001"]);
  });

  it("a stranger's References to a customer's message do not append either", async () => {
    const f = await deskFixture();
    await ingestEmail(f.desk, mail("Ann <ann@example.com>", "<m1@example.com>"), f.ingest);
    const r = await ingestEmail(f.desk, mail("mallory@evil.example", "<x1@evil.example>", { References: "<m1@example.com>" }), f.ingest);
    expect(r.action).toBe("created");
    expect(await messagesOn(f, "IT-000001")).toHaveLength(1);
  });

  it("a colleague of the requester's organisation appends only when the service allows it", async () => {
    const f = await deskFixture();
    await ingestEmail(f.desk, mail("Ann <ann@example.com>", "<m1@example.com>"), f.ingest);
    const bob = (n: number) => mail("Bob <bob@example.com>", `<b${n}@example.com>`, { "In-Reply-To": "<m1@example.com>" });
    expect((await ingestEmail(f.desk, bob(1), f.ingest)).action).toBe("created");
    await f.desk.configure.service(f.system, {
      id: "svc-it", key: "IT", name: "IT Support", contactListId: "cl-main",
      settings: { reopenWindowDays: 7, numberWidth: 6, defaultPriority: "normal", threadFromRequesterOrganization: true },
    });
    expect(await ingestEmail(f.desk, bob(2), f.ingest)).toMatchObject({ action: "appended", ticket: "IT-000001" });
  });

  it("list mail from a non-participant is kept on a new linked ticket tagged automatic-mail, not appended", async () => {
    const f = await deskFixture({ hooks: [emailNotificationsHook()] });
    await ingestEmail(f.desk, mail("Ann <ann@example.com>", "<m1@example.com>"), f.ingest);
    const r = await ingestEmail(f.desk, mail("dev@lists.example.org", "<l1@lists.example.org>", { "In-Reply-To": "<m1@example.com>", "List-Id": "<dev.lists.example.org>", Precedence: "list" }), f.ingest);
    expect(r).toMatchObject({ action: "created", ticket: "IT-000002", automatic: true });
    expect(await messagesOn(f, "IT-000001")).toHaveLength(1);
    expect((await f.desk.store.getTicketByNumber(svc, "IT-000002"))?.tags).toContain("automatic-mail");
    expect(await acknowledgements(f)).toEqual(["IT-000001"]);
  });

  it("the requester still appends by In-Reply-To", async () => {
    const f = await deskFixture();
    await ingestEmail(f.desk, mail("Ann <ann@example.com>", "<m1@example.com>"), f.ingest);
    const r = await ingestEmail(f.desk, mail("ann@example.com", "<m2@example.com>", { "In-Reply-To": "<m1@example.com>" }), f.ingest);
    expect(r).toMatchObject({ action: "appended", ticket: "IT-000001" });
  });
});

describe("automatic-reply limit", () => {
  it("an auto-responder without Auto-Submitted headers gets at most perSender acknowledgements; every message is still recorded and the loop ends", async () => {
    const f = await deskFixture({ hooks: [emailNotificationsHook()] });
    const options = { ...f.ingest, mailbox: { autoReplyLimit: { perSender: 3, windowMinutes: 60 } } };
    let sent = 0;
    let answered = 0;
    // The responder answers every acknowledgement with a fresh message that threads to nothing.
    let pending = 1;
    while (pending > 0 && sent < 50) {
      pending -= 1;
      sent += 1;
      f.tick(1000);
      await ingestEmail(f.desk, mail("bot@vendor.example", `<auto${sent}@vendor.example>`, { Subject: `Re: Your request ${sent}` }), { ...options, now: f.now() });
      const acks = (await acknowledgements(f)).length;
      pending += acks - answered;
      answered = acks;
    }
    expect(await acknowledgements(f)).toHaveLength(3);
    expect(sent).toBe(4);
    const tickets = await ticketsOf(f);
    expect(tickets).toHaveLength(4);
    expect(tickets.filter((t) => t.tags.includes(AUTO_REPLY_LIMITED_TAG)).map((t) => t.number)).toEqual(["IT-000004"]);
    expect(await messagesOn(f, "IT-000004")).toHaveLength(1);
  });

  it("a sender is acknowledged again once the window has passed", () => {
    const t = Date.UTC(2025, 0, 6);
    expect(autoReplyAllowed({ toSender: [t - 61 * 60_000, t - 62 * 60_000], onTicket: 0 }, { perSender: 2, windowMinutes: 60 }, t).allowed).toBe(true);
    expect(autoReplyAllowed({ toSender: [t - 59 * 60_000, t - 1000], onTicket: 0 }, { perSender: 2, windowMinutes: 60 }, t).allowed).toBe(false);
  });

  it("new tickets referencing one ticket are acknowledged at most perTicket times", () => {
    expect(autoReplyAllowed({ toSender: [], onTicket: 2 }, { perTicket: 3 }, 0).allowed).toBe(true);
    expect(autoReplyAllowed({ toSender: [], onTicket: 3 }, { perTicket: 3 }, 0)).toMatchObject({ allowed: false, why: expect.stringContaining("referenced ticket") });
  });

  it("strangers replying to one ticket stop being acknowledged after perTicket linked tickets", async () => {
    const f = await deskFixture({ hooks: [emailNotificationsHook()] });
    const options = { ...f.ingest, mailbox: { autoReplyLimit: { perTicket: 2 } } };
    await ingestEmail(f.desk, mail("Ann <ann@example.com>", "<m1@example.com>"), options);
    for (let i = 1; i <= 4; i++) {
      await ingestEmail(f.desk, mail(`s${i}@elsewhere.example`, `<s${i}@elsewhere.example>`, { "In-Reply-To": "<m1@example.com>" }), options);
    }
    expect(await acknowledgements(f)).toEqual(["IT-000001", "IT-000002", "IT-000003"]);
    expect(await ticketsOf(f)).toHaveLength(5);
  });
});
