import type { ServiceId, TicketId } from "@spoc/core";
import { describe, expect, it } from "vitest";
import { deskFixture, rawEmail } from "../../test/desk/desk-fixture";
import { outboundMessageId } from "../thread/marker";
import { ingestEmail } from "./ingest-email";

const ann = (over: Record<string, string | undefined> = {}, body = "The printer on floor 2 is jammed.") =>
  rawEmail({ From: "Ann Smith <ann@example.com>", To: "it@desk.example.com", Subject: "Printer jammed", "Message-ID": "<m1@example.com>", ...over }, body);

const messagesOf = async (f: Awaited<ReturnType<typeof deskFixture>>, number: string) => {
  const t = await f.desk.store.getTicketByNumber("svc-it" as ServiceId, number);
  const events = await f.desk.store.readEvents("svc-it" as ServiceId, t!.id as TicketId);
  return events.map((e) => e.event).filter((e) => e.type === "MessageAdded");
};

describe("ingestEmail", () => {
  it("opens an email ticket for a new message, with its text and Message-ID", async () => {
    const f = await deskFixture();
    const r = await ingestEmail(f.desk, ann(), f.ingest);
    expect(r).toMatchObject({ action: "created", ticket: "IT-000001", messageId: "<m1@example.com>", subject: "Printer jammed", automatic: false });
    const t = await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000001");
    expect(t).toMatchObject({ channel: "email", subject: "Printer jammed", description: "The printer on floor 2 is jammed." });
    const [m] = await messagesOf(f, "IT-000001");
    expect(m).toMatchObject({ externalId: "<m1@example.com>", kind: "customer", automatic: false });
  });

  it("makes an unknown sender a contact of the service's list, in the organisation of the domain", async () => {
    const f = await deskFixture();
    await ingestEmail(f.desk, ann(), f.ingest);
    const contact = await f.desk.store.findContactByEmail("cl-main" as never, "ANN@example.com");
    expect(contact).toMatchObject({ name: "Ann Smith", emails: ["ann@example.com"], organizationId: "org-example" });
    const t = await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000001");
    expect(t).toMatchObject({ requesterId: contact!.id, organizationId: "org-example" });
  });

  it("files mail from a known contact under that contact", async () => {
    const f = await deskFixture();
    await f.desk.configure.contact(f.system, { id: "c-ann", contactListId: "cl-main", name: "Ann", emails: ["other@x.org", "ann@example.com"], phones: [] });
    await ingestEmail(f.desk, ann(), f.ingest);
    const t = await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000001");
    expect(t?.requesterId).toBe("c-ann");
  });

  it("appends a reply that names a stored message in In-Reply-To", async () => {
    const f = await deskFixture();
    await ingestEmail(f.desk, ann(), f.ingest);
    const r = await ingestEmail(f.desk, ann({ "Message-ID": "<m2@example.com>", "In-Reply-To": "<m1@example.com>", Subject: "Re: Printer jammed" }, "Still jammed."), f.ingest);
    expect(r).toMatchObject({ action: "appended", ticket: "IT-000001", reason: "threaded by in-reply-to to IT-000001 (appended)" });
    expect(await messagesOf(f, "IT-000001")).toHaveLength(2);
  });

  it("records a message delivered twice once", async () => {
    const f = await deskFixture();
    await ingestEmail(f.desk, ann(), f.ingest);
    const again = await ingestEmail(f.desk, ann(), f.ingest);
    expect(again).toMatchObject({ action: "ignored", ticket: "IT-000001" });
    expect(again.reason).toContain("duplicate");
    expect(await messagesOf(f, "IT-000001")).toHaveLength(1);
  });

  it("recognises a message without a Message-ID delivered twice by its bytes", async () => {
    const f = await deskFixture();
    const raw = ann({ "Message-ID": undefined });
    expect((await ingestEmail(f.desk, raw, f.ingest)).action).toBe("created");
    expect((await ingestEmail(f.desk, raw, f.ingest)).action).toBe("ignored");
    expect((await f.desk.store.listTickets("svc-it" as ServiceId, {})).items).toHaveLength(1);
  });

  it("threads by subject tag only for the requester or a participant", async () => {
    const f = await deskFixture();
    await ingestEmail(f.desk, ann(), f.ingest);
    const own = await ingestEmail(f.desk, ann({ "Message-ID": "<m2@example.com>", Subject: "[IT-000001] more" }), f.ingest);
    expect(own).toMatchObject({ action: "appended", ticket: "IT-000001" });
    const stranger = await ingestEmail(f.desk, ann({ From: "eve@evil.example", "Message-ID": "<m3@evil.example>", Subject: "[IT-000001] hi" }), f.ingest);
    expect(stranger).toMatchObject({ action: "created", ticket: "IT-000002" });
  });

  it("lets a participant who wrote on the ticket thread by subject tag", async () => {
    const f = await deskFixture();
    // Bob, of Ann's organisation, may write on her ticket only because the service allows it.
    await f.desk.configure.service(f.system, {
      id: "svc-it", key: "IT", name: "IT Support", contactListId: "cl-main",
      settings: { reopenWindowDays: 7, numberWidth: 6, defaultPriority: "normal", threadFromRequesterOrganization: true },
    });
    await ingestEmail(f.desk, ann(), f.ingest);
    await ingestEmail(f.desk, ann({ From: "bob@example.com", "Message-ID": "<b1@example.com>", "In-Reply-To": "<m1@example.com>" }), f.ingest);
    const r = await ingestEmail(f.desk, ann({ From: "bob@example.com", "Message-ID": "<b2@example.com>", Subject: "Re: [IT-000001]" }), f.ingest);
    expect(r).toMatchObject({ action: "appended", ticket: "IT-000001", reason: expect.stringContaining("subject-tag") });
  });

  it("never opens a ticket for an auto-reply that threads to nothing, and says why", async () => {
    const f = await deskFixture();
    const r = await ingestEmail(f.desk, ann({ Subject: "Out of Office: Printer", "Auto-Submitted": "auto-replied" }), f.ingest);
    expect(r).toMatchObject({ action: "ignored", ticket: null, automatic: true });
    expect(r.reason).toContain("Auto-Submitted: auto-replied");
    expect((await f.desk.store.listTickets("svc-it" as ServiceId, {})).items).toHaveLength(0);
  });

  it("attaches an auto-reply to the ticket it answers as automatic, without reopening it", async () => {
    const f = await deskFixture();
    await ingestEmail(f.desk, ann(), f.ingest);
    const t = await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000001");
    await f.desk.changeStatus(f.system, { serviceId: "svc-it", ticketId: t!.id, status: "resolved" });
    const ours = outboundMessageId({ instanceId: "acme", secret: "s3cret" }, t!.id, "desk.example.com");
    const r = await ingestEmail(f.desk, ann({ "Message-ID": "<ooo@example.com>", "In-Reply-To": ours, Subject: "Automatic reply: Printer", "Auto-Submitted": "auto-replied" }), f.ingest);
    expect(r).toMatchObject({ action: "appended", ticket: "IT-000001", automatic: true });
    expect((await f.desk.store.getTicket("svc-it" as ServiceId, t!.id))?.status).toBe("resolved");
    expect((await messagesOf(f, "IT-000001")).at(-1)).toMatchObject({ automatic: true, externalId: "<ooo@example.com>" });
  });

  it("shows a bounce of our notification on its ticket as a delivery failure", async () => {
    const f = await deskFixture();
    await ingestEmail(f.desk, ann(), f.ingest);
    const t = await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000001");
    const ours = outboundMessageId({ instanceId: "acme", secret: "s3cret" }, t!.id, "desk.example.com");
    const bounce = rawEmail(
      { From: "MAILER-DAEMON@mx.example.com", To: "it@desk.example.com", Subject: "Undelivered Mail Returned to Sender", "Message-ID": "<dsn1@mx.example.com>", "Return-Path": "<>" },
      `This is the mail system at host mx.example.com.\r\n\r\n<ann@example.com>: mailbox full\r\n\r\n--- original headers ---\r\nMessage-ID: ${ours}\r\nSubject: [IT-000001] We received your request`,
    );
    const r = await ingestEmail(f.desk, bounce, f.ingest);
    expect(r).toMatchObject({ action: "appended", ticket: "IT-000001", automatic: true, reason: expect.stringContaining("returned notification") });
    expect((await messagesOf(f, "IT-000001")).at(-1)).toMatchObject({ automatic: true, subject: "Delivery failure: Undelivered Mail Returned to Sender" });
  });

  it("ignores a bounce of mail we did not send", async () => {
    const f = await deskFixture();
    const bounce = rawEmail({ From: "MAILER-DAEMON@mx.example.com", Subject: "Undelivered Mail Returned to Sender", "Message-ID": "<dsn2@mx>" }, "mailbox full");
    expect(await ingestEmail(f.desk, bounce, f.ingest)).toMatchObject({ action: "ignored", automatic: true, ticket: null });
  });

  it("opens a ticket tagged automatic-mail for list mail by default", async () => {
    const f = await deskFixture();
    const r = await ingestEmail(f.desk, ann({ Precedence: "list", "List-Id": "<ops.example.com>" }), f.ingest);
    expect(r).toMatchObject({ action: "created", automatic: true });
    expect((await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000001"))?.tags).toContain("automatic-mail");
  });

  it("ignores list mail when the mailbox opens no tickets for it", async () => {
    const f = await deskFixture();
    const r = await ingestEmail(f.desk, ann({ Precedence: "bulk" }), { ...f.ingest, mailbox: { listMailOpensTickets: false } });
    expect(r).toMatchObject({ action: "ignored", automatic: true });
  });

  it("does not take a reply to another spoc instance's notification", async () => {
    const f = await deskFixture();
    const theirs = outboundMessageId({ instanceId: "staging", secret: "x" }, "t-9", "staging.example.com");
    const r = await ingestEmail(f.desk, ann({ "In-Reply-To": theirs, Subject: "Re: [IT-000009]" }), f.ingest);
    expect(r).toMatchObject({ action: "ignored", ticket: null, reason: expect.stringContaining("instance staging") });
  });

  it("opens a linked follow-up when a person writes to a closed ticket", async () => {
    const f = await deskFixture();
    await ingestEmail(f.desk, ann(), f.ingest);
    const t = await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000001");
    await f.desk.changeStatus(f.system, { serviceId: "svc-it", ticketId: t!.id, status: "resolved" });
    await f.desk.changeStatus(f.system, { serviceId: "svc-it", ticketId: t!.id, status: "closed" });
    const r = await ingestEmail(f.desk, ann({ "Message-ID": "<m2@example.com>", "In-Reply-To": "<m1@example.com>" }), f.ingest);
    expect(r).toMatchObject({ action: "created", ticket: "IT-000002", reason: expect.stringContaining("follow-up of IT-000001") });
    const follow = await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000002");
    expect(follow?.links.map((l) => l.ticket.number)).toEqual(["IT-000001"]);
  });

  it("records a malformed message as ignored with the parser's reason", async () => {
    const f = await deskFixture();
    const r = await ingestEmail(f.desk, Buffer.from([0, 1, 2, 255, 254, 10, 10]), f.ingest);
    expect(r).toMatchObject({ action: "ignored", ticket: null, reason: expect.stringContaining("malformed message") });
  });

  it("lists attachments with their store references in the message", async () => {
    const f = await deskFixture();
    const raw = Buffer.from([
      "From: ann@example.com", "Subject: Screenshot", "Message-ID: <att@example.com>", "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b"', "", "--b", "Content-Type: text/plain", "", "See attached.",
      "--b", "Content-Type: image/png", 'Content-Disposition: attachment; filename="s.png"', "Content-Transfer-Encoding: base64", "",
      "iVBORw0KGgo=", "--b--", "",
    ].join("\r\n"));
    await ingestEmail(f.desk, raw, f.ingest);
    const t = await f.desk.store.getTicketByNumber("svc-it" as ServiceId, "IT-000001");
    expect(t?.description).toMatch(/^See attached\.\n\nAttachments:\n- s\.png \(image\/png, 8 bytes\) mem:1$/);
  });
});
