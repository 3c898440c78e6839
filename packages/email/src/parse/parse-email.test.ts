import { describe, expect, it } from "vitest";
import { memoryAttachmentStore } from "./attachment-store";
import { normaliseLineEndings } from "./normalise-line-endings";
import { parseEmail } from "./parse-email";
import { sanitizeEmailHtml } from "./sanitize-email-html";

const crlf = (lines: string[]) => Buffer.from(lines.join("\r\n"));

describe("parseEmail", () => {
  it("stores attachment content through the AttachmentStore and records its ref", async () => {
    const store = memoryAttachmentStore();
    const raw = crlf([
      "From: Ann <ann@example.com>",
      "To: desk@example.com, Bob <bob@example.com>",
      "Subject: =?UTF-8?Q?Caf=C3=A9?=",
      "Message-ID: <m1@example.com>",
      "In-Reply-To: <a@x> <b@x>",
      "References: <r1@x> <a@x>",
      "Date: Tue, 1 Jul 2025 10:00:00 +0200",
      'Content-Type: multipart/mixed; boundary="B"',
      "",
      "--B",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "hello",
      "--B",
      'Content-Type: image/png; name="dot.png"',
      "Content-ID: <dot@x>",
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from("PNGDATA").toString("base64"),
      "--B--",
      "",
    ]);
    const email = await parseEmail(raw, { attachmentStore: store });
    expect(email.from).toEqual({ address: "ann@example.com", name: "Ann" });
    expect(email.to.map((a) => a.address)).toEqual(["desk@example.com", "bob@example.com"]);
    expect(email.subject).toBe("Café");
    expect(email.inReplyTo).toBe("<a@x>");
    expect(email.references).toEqual(["<r1@x>", "<a@x>"]);
    expect(email.date?.toISOString()).toBe("2025-07-01T08:00:00.000Z");
    const [entry] = email.attachments;
    expect(entry).toMatchObject({ _tag: "StoredAttachment", filename: "dot.png", contentType: "image/png", size: 7, contentId: "<dot@x>" });
    if (entry?._tag !== "StoredAttachment") throw new Error("not stored");
    expect(store.get(entry.ref)?.content.toString()).toBe("PNGDATA");
  });

  it("extracts text from an HTML-only body and sanitises the HTML", async () => {
    const raw = crlf([
      "From: a@example.com",
      "Subject: html",
      "Content-Type: text/html; charset=utf-8",
      "",
      '<p onclick="steal()">Hello <b>there</b></p><script>alert(1)</script><img src="https://track.example/p.gif"><img src="cid:logo">',
      "",
    ]);
    const email = await parseEmail(raw, { attachmentStore: memoryAttachmentStore() });
    expect(email.text).toContain("Hello there");
    expect(email.html?.trim()).toBe('<p>Hello <b>there</b></p><img src="cid:logo" />');
  });

  it("counts the untyped parts of a digest as attached messages, their text in the body", async () => {
    const raw = crlf([
      "From: list@example.com",
      "Subject: digest",
      'Content-Type: multipart/digest; boundary="D"',
      "",
      "--D",
      "",
      "From: x@example.com",
      "Subject: inner",
      "",
      "inner body",
      "--D--",
      "",
    ]);
    const email = await parseEmail(raw, { attachmentStore: memoryAttachmentStore() });
    expect(email.attachments).toEqual([{ _tag: "InlineAttachment", filename: null, contentType: "message/rfc822" }]);
    expect(email.text).toContain("inner body");
  });

  it("keeps an untyped part of a mixed message as body text", async () => {
    const raw = crlf(["From: a@example.com", "Subject: s", 'Content-Type: multipart/mixed; boundary="B"', "", "--B", "", "untyped text", "--B--", ""]);
    const email = await parseEmail(raw, { attachmentStore: memoryAttachmentStore() });
    expect(email.attachments).toEqual([]);
    expect(email.text).toContain("untyped text");
  });

  it("reads a date it cannot parse as null, not as now", async () => {
    const raw = crlf(["From: a@example.com", "Date: someday", "Subject: s", "", "x"]);
    expect((await parseEmail(raw, { attachmentStore: memoryAttachmentStore() })).date).toBeNull();
  });

  it("parses a CR-only message once its line endings are normalised", async () => {
    const raw = Buffer.from("From: a@example.com\rSubject: mac\r\rbody\r");
    const email = await parseEmail(raw, { attachmentStore: memoryAttachmentStore() });
    expect(email.subject).toBe("mac");
    expect(email.text).toContain("body");
  });
});

describe("normaliseLineEndings", () => {
  it("leaves a message with LF untouched", () => {
    const raw = Buffer.from("a\r\nb\rc");
    expect(normaliseLineEndings(raw)).toBe(raw);
  });
  it("turns every lone CR into CRLF", () => {
    expect(normaliseLineEndings(Buffer.from("a\rb\r")).toString()).toBe("a\r\nb\r\n");
  });
});

describe("sanitizeEmailHtml", () => {
  it("drops event handlers, scripts, styles and remote images", () => {
    expect(
      sanitizeEmailHtml('<div style="background:url(http://x)" onmouseover="x()">a<script>b</script><img src="http://x/y.png"></div>'),
    ).toBe("<div>a</div>");
  });
  it("keeps links but opens them without a referrer", () => {
    expect(sanitizeEmailHtml('<a href="https://example.com">x</a>')).toBe(
      '<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    );
  });
  it("drops javascript: links", () => {
    expect(sanitizeEmailHtml('<a href="javascript:alert(1)">x</a>')).not.toContain("javascript");
  });
});
