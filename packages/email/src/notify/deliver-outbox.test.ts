import type { ServiceId } from "@spoc/core";
import { afterEach, describe, expect, it } from "vitest";
import { deskFixture, rawEmail } from "../../test/desk/desk-fixture";
import { startSmtpSink } from "../../test/smtp/smtp-sink";
import { ingestEmail } from "../ingest/ingest-email";
import { nodemailerMailer, type Mailer } from "../outbound/mailer";
import { memoryAttachmentStore } from "../parse/attachment-store";
import { parseEmail } from "../parse/parse-email";
import { readMessageIdMarker } from "../thread/marker";
import { deliverOutbox, retryAt } from "./deliver-outbox";
import { emailNotificationsHook } from "./email-notifications-hook";
import { notificationRenderer, outboxNonce } from "./outbox-renderer";

const key = { instanceId: "acme", secret: "s3cret" };
const render = notificationRenderer({ key, host: "desk.example.com", from: "IT Support <it@desk.example.com>" });
const first = rawEmail({ From: "Ann <ann@example.com>", To: "it@desk.example.com", Subject: "VPN down", "Message-ID": "<m1@example.com>" }, "No VPN.");

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe("deliverOutbox against a real SMTP server", () => {
  it("acknowledges a new email and takes the customer's reply to it onto the same ticket", async () => {
    const smtp = await startSmtpSink();
    stop = smtp.stop;
    const f = await deskFixture({ hooks: [emailNotificationsHook()] });
    expect(await ingestEmail(f.desk, first, f.ingest)).toMatchObject({ action: "created", ticket: "IT-000001" });

    const report = await deliverOutbox(f.desk.store, nodemailerMailer(smtp.transport), render, { now: f.now() + 1, workerId: "w1" });
    expect(report).toMatchObject({ claimed: 1, failed: [] });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(["ann@example.com"]);

    const ack = await parseEmail(smtp.received[0]!.raw, { attachmentStore: memoryAttachmentStore() });
    expect(ack.subject).toBe("[IT-000001] We received your request: VPN down");
    expect(ack.inReplyTo).toBe("<m1@example.com>");
    expect(ack.references).toEqual(["<m1@example.com>"]);
    expect(readMessageIdMarker(key, ack.messageId!)?.instanceId).toBe("acme");

    // Ann answers the acknowledgement from her mail client.
    const reply = rawEmail({
      From: "Ann <ann@example.com>", To: "it@desk.example.com", Subject: `Re: ${ack.subject}`, "Message-ID": "<m2@example.com>",
      "In-Reply-To": ack.messageId!, References: [...ack.references, ack.messageId!].join(" "),
    }, `It works again.\r\n\r\n> ${ack.text.split("\n").join("\r\n> ")}`);
    expect(await ingestEmail(f.desk, reply, f.ingest)).toMatchObject({ action: "appended", ticket: "IT-000001", automatic: false });
    expect((await f.desk.store.listTickets("svc-it" as ServiceId, {})).items).toHaveLength(1);
    // Nothing is acknowledged twice and nothing is left to send.
    expect((await deliverOutbox(f.desk.store, nodemailerMailer(smtp.transport), render, { now: f.now() + 2, workerId: "w1" })).claimed).toBe(0);
  });

  it("threads a reply that kept only our Message-ID by its marker", async () => {
    const smtp = await startSmtpSink();
    stop = smtp.stop;
    const f = await deskFixture({ hooks: [emailNotificationsHook()] });
    await ingestEmail(f.desk, first, f.ingest);
    await deliverOutbox(f.desk.store, nodemailerMailer(smtp.transport), render, { now: f.now() + 1, workerId: "w1" });
    const ack = await parseEmail(smtp.received[0]!.raw, { attachmentStore: memoryAttachmentStore() });
    const reply = rawEmail({ From: "ann@example.com", Subject: "thanks", "Message-ID": "<m3@example.com>", "In-Reply-To": ack.messageId! });
    expect(await ingestEmail(f.desk, reply, f.ingest)).toMatchObject({ action: "appended", ticket: "IT-000001", reason: expect.stringContaining("marker") });
  });
});

describe("deliverOutbox", () => {
  it("marks a failed send for retry and resends it later with the same Message-ID", async () => {
    const f = await deskFixture({ hooks: [emailNotificationsHook()] });
    await ingestEmail(f.desk, first, f.ingest);
    const sent: string[] = [];
    let fail = true;
    const mailer: Mailer = {
      async send(mail) {
        sent.push(mail.messageId);
        if (fail) throw new Error("connection refused");
        return { messageId: mail.messageId, accepted: [...mail.to], rejected: [] };
      },
    };
    const t0 = f.now() + 1;
    const failed = await deliverOutbox(f.desk.store, mailer, render, { now: t0, workerId: "w1", retry: { baseMs: 1000 } });
    expect(failed.failed).toMatchObject([{ error: "connection refused", retryAt: t0 + 1000 }]);
    expect((await deliverOutbox(f.desk.store, mailer, render, { now: t0 + 500, workerId: "w1" })).claimed).toBe(0);
    fail = false;
    const retried = await deliverOutbox(f.desk.store, mailer, render, { now: t0 + 1000, workerId: "w1" });
    expect(retried.sent).toHaveLength(1);
    expect(sent[0]).toBe(sent[1]);
    expect(sent[0]).toContain(outboxNonce(retried.sent[0]!.id));
  });

  it("fails an item whose template it cannot render, without stopping the run", async () => {
    const f = await deskFixture();
    const s = f.desk.store;
    const item = { id: "t:1", serviceId: "svc-it", ticketId: "t", template: "no-such-template", to: ["a@x"], data: {}, createdAt: 0, attempts: 0 };
    const store = { ...s, claimOutbox: async () => [item], markOutboxFailed: async () => {}, markOutboxSent: async () => {} } as never;
    const report = await deliverOutbox(store, { send: async () => ({ messageId: "", accepted: [], rejected: [] }) }, render, { now: 0, workerId: "w" });
    expect(report.failed[0]?.error).toContain("no email template");
  });

  it("renders the escalation ladder's notice to the group lead", () => {
    const item = { id: "t:9", serviceId: "svc-it", ticketId: "t", template: "escalation.notify-lead", to: ["lead@x"],
      data: { number: "IT-000009", ruleId: "waiting", level: 2, reason: "first response breached" }, createdAt: 0, attempts: 0 };
    const mail = render(item as never);
    expect(JSON.stringify(mail)).toContain("Escalation level 2: IT-000009");
  });

  it("backs off exponentially up to a cap and gives up after maxAttempts", () => {
    expect(retryAt(0, 0, {})).toBe(60_000);
    expect(retryAt(0, 3, {})).toBe(480_000);
    expect(retryAt(0, 20, { maxAttempts: 100 })).toBe(6 * 3_600_000);
    expect(retryAt(0, 11, {})).toBe(Number.MAX_SAFE_INTEGER);
  });
});
