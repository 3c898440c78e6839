import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { memoryAttachmentStore } from "../parse/attachment-store";
import { parseEmail } from "../parse/parse-email";
import { memoryThreadLookup } from "../thread/thread-lookup";
import { threadMessage } from "../thread/thread-message";
import { nodemailerMailer } from "./mailer";
import { renderNotification } from "./render-notification";

const key = { instanceId: "acme", secret: "s3cret" };

/** A real SMTP server on 127.0.0.1 and a random port, collecting what it receives. */
const startServer = async () => {
  const received: Array<{ from: string; to: string[]; raw: Buffer }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, received };
};

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe("nodemailerMailer against a real SMTP server", () => {
  it("delivers a rendered notification whose reply threads back to the ticket", async () => {
    const { server, port, received } = await startServer();
    stop = () => new Promise((resolve) => server.close(() => resolve()));
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
    const mail = renderNotification(
      {
        kind: "acknowledgement",
        serviceId: "it",
        language: "en",
        ticketRef: "t1",
        ticketNumber: "IT-000123",
        from: "it@desk.example.com",
        to: ["ann@example.com"],
        data: { subject: "Printer", requesterName: "Ann", serviceName: "IT Support" },
        replyTo: { messageId: "<m1@customer>", references: [] },
      },
      { key, host: "desk.example.com" },
    );

    const result = await nodemailerMailer(transport).send(mail);
    expect(result.accepted).toEqual(["ann@example.com"]);
    expect(received).toHaveLength(1);

    const delivered = await parseEmail(received[0]!.raw, { attachmentStore: memoryAttachmentStore() });
    expect(delivered.messageId).toBe(mail.messageId);
    expect(delivered.inReplyTo).toBe("<m1@customer>");
    expect(delivered.automaticHeaders.autoSubmitted).toBe("auto-replied");

    // The customer answers without us ever having stored our outbound id: the marker threads it.
    const reply = {
      ...delivered,
      messageId: "<m3@customer>",
      inReplyTo: delivered.messageId,
      references: [...delivered.references, delivered.messageId!],
      from: { address: "ann@example.com", name: "Ann" },
    };
    const decision = await threadMessage(reply, memoryThreadLookup(["IT"]), key);
    expect(decision).toMatchObject({ action: "append", ticketRef: "t1", rule: "marker" });
  });
});
