import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { memoryAttachmentStore } from "./attachment-store";
import { MalformedEmail } from "./malformed-email";
import { parseEmail } from "./parse-email";

const crlf = (lines: string[]) => Buffer.from(lines.join("\r\n"), "latin1");
const refusal = async (promise: Promise<unknown>): Promise<MalformedEmail> => {
  const error = await promise.then(
    () => {
      throw new Error("expected a MalformedEmail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MalformedEmail);
  return error as MalformedEmail;
};
const timed = async <A>(f: () => Promise<A>): Promise<{ value: A; ms: number }> => {
  const start = performance.now();
  const value = await f();
  return { value, ms: performance.now() - start };
};

describe("parseEmail on hostile input", () => {
  it("refuses a 2 MB header block with HeadersTooLarge, keeping the raw bytes", async () => {
    const junk = Array.from({ length: 20_000 }, (_, i) => `X-Junk-${i}: ${"y".repeat(90)}`);
    const raw = crlf(["From: a@example.com", "Subject: big", ...junk, "", "body"]);
    const { value: error, ms } = await timed(() => refusal(parseEmail(raw, { attachmentStore: memoryAttachmentStore() })));
    expect(error.reason).toBe("HeadersTooLarge");
    expect(Buffer.from(error.raw).equals(raw)).toBe(true);
    expect(ms).toBeLessThan(5_000);
  });

  it("parses MIME nested 200 deep in bounded time and finds the innermost text", async () => {
    let head = "From: a@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n";
    let tail = "";
    for (let i = 0; i < 200; i++) {
      head += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
      tail = `\r\n--b${i}--\r\n${tail}`;
    }
    const raw = Buffer.from(`${head}Content-Type: text/plain\r\n\r\ndeep body\r\n${tail}`);
    const { value: email, ms } = await timed(() => parseEmail(raw, { attachmentStore: memoryAttachmentStore() }));
    expect(email.text).toContain("deep body");
    expect(ms).toBeLessThan(5_000);
  });

  it("refuses MIME with more parts than maxMimeParts as NestingTooDeep", async () => {
    let head = "From: a@example.com\r\nSubject: deeper\r\n";
    for (let i = 0; i < 50; i++) head += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    const raw = Buffer.from(`${head}Content-Type: text/plain\r\n\r\nx\r\n`);
    const error = await refusal(parseEmail(raw, { attachmentStore: memoryAttachmentStore(), maxMimeParts: 20 }));
    expect(error.reason).toBe("NestingTooDeep");
  });

  it("decodes what it can of invalid base64 and keeps the message", async () => {
    const raw = crlf([
      "From: a@example.com",
      "Subject: bad base64",
      "Content-Type: text/plain",
      "Content-Transfer-Encoding: base64",
      "",
      "!!!@@@###$$$%%%",
      "QUJD===",
      "",
    ]);
    const email = await parseEmail(raw, { attachmentStore: memoryAttachmentStore() });
    expect(email.subject).toBe("bad base64");
    expect(email.text).toContain("ABC");
  });

  it("keeps invalid quoted-printable escapes as text", async () => {
    const raw = crlf([
      "From: a@example.com",
      "Subject: bad qp",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "=ZZ broken =4 escape caf=C3=A9",
      "",
    ]);
    const email = await parseEmail(raw, { attachmentStore: memoryAttachmentStore() });
    expect(email.text).toContain("café");
  });

  it("reads an unknown charset without failing", async () => {
    const raw = crlf([
      "From: a@example.com",
      "Subject: =?x-unknown-42?Q?abc?=",
      "Content-Type: text/plain; charset=x-unknown-42",
      "",
      "plain ascii survives",
      "",
    ]);
    const email = await parseEmail(raw, { attachmentStore: memoryAttachmentStore() });
    expect(email.subject).toContain("abc");
    expect(email.text).toContain("plain ascii survives");
  });

  it("records an oversize attachment as AttachmentTooLarge and stores nothing for it", async () => {
    // Random bytes do not compress, like an archive bomb's outer layer; 3 MB against a 1 MB limit.
    const payload = randomBytes(3 * 1024 * 1024).toString("base64").replace(/.{76}/g, "$&\r\n");
    const raw = crlf([
      "From: a@example.com",
      "Subject: bomb",
      'Content-Type: multipart/mixed; boundary="X"',
      "",
      "--X",
      "Content-Type: text/plain",
      "",
      "see attached",
      "--X",
      'Content-Type: application/zip; name="bomb.zip"',
      "Content-Disposition: attachment; filename=bomb.zip",
      "Content-Transfer-Encoding: base64",
      "",
      payload,
      "--X--",
      "",
    ]);
    const store = memoryAttachmentStore();
    const { value: email, ms } = await timed(() =>
      parseEmail(raw, { attachmentStore: store, maxAttachmentBytes: 1024 * 1024 }),
    );
    expect(email.text).toContain("see attached");
    expect(email.attachments).toEqual([
      { _tag: "AttachmentTooLarge", filename: "bomb.zip", contentType: "application/zip", size: 3 * 1024 * 1024, limit: 1024 * 1024 },
    ]);
    expect(store.size).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });

  it("refuses a message over maxRawBytes before parsing it", async () => {
    const raw = Buffer.alloc(2048, 0x61);
    const error = await refusal(parseEmail(raw, { attachmentStore: memoryAttachmentStore(), maxRawBytes: 1024 }));
    expect(error.reason).toBe("TooLarge");
    expect(error.raw.length).toBe(2048);
  });

  it("refuses bytes without any header field as Unparseable", async () => {
    const raw = Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 13, 10, 13, 10, 0]);
    const error = await refusal(parseEmail(raw, { attachmentStore: memoryAttachmentStore() }));
    expect(error.reason).toBe("Unparseable");
  });

  it("gives up with Timeout when parsing outlasts timeoutMs", async () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `line ${i} of a long body`);
    const raw = crlf(["From: a@example.com", "Subject: slow", "", ...lines]);
    const error = await refusal(parseEmail(raw, { attachmentStore: memoryAttachmentStore(), timeoutMs: 1 }));
    expect(error.reason).toBe("Timeout");
  });
});
