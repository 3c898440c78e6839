import type { ServiceId, TicketId } from "@spoc/core";
import { describe, expect, it } from "vitest";
import { deskFixture, rawEmail } from "../../test/desk/desk-fixture";
import { cleanMail, fitBytes, fitChars, TEXT_CLEANED_TAG, TRUNCATED_TAG } from "./clean-mail";
import { ingestEmail } from "./ingest-email";

const svc = "svc-it" as ServiceId;
const hostile = (id: string, over: Record<string, string> = {}, body = "Hello") =>
  rawEmail({ From: "Ann <ann@example.com>", To: "it@desk.example.com", Subject: "=?utf-8?Q?hello=00world?=", "Message-ID": id, ...over }, body);

describe("mail that carries text the Desk refuses", () => {
  it("opens its ticket with the text cleaned, tagged and traced (the issue's =00 subject)", async () => {
    const f = await deskFixture();
    const r = await ingestEmail(f.desk, hostile("<m1@example.com>", { "Content-Transfer-Encoding": "quoted-printable" }, "nul=00here"), f.ingest);
    expect(r.action).toBe("created");
    expect(r.trace.some((l) => l.startsWith("text cleaned") && l.includes("subject") && l.includes("text"))).toBe(true);
    const t = await f.desk.store.getTicketByNumber(svc, "IT-000001");
    expect(t).toMatchObject({ subject: "helloworld", description: "nulhere" });
    expect(t?.tags).toContain(TEXT_CLEANED_TAG);
  });

  it("appends a cleaned reply and tags the ticket it landed on", async () => {
    const f = await deskFixture();
    await ingestEmail(f.desk, rawEmail({ From: "Ann <ann@example.com>", To: "it@desk.example.com", Subject: "Printer", "Message-ID": "<m1@example.com>" }), f.ingest);
    const r = await ingestEmail(f.desk, hostile("<m2@example.com>", { "In-Reply-To": "<m1@example.com>" }), f.ingest);
    expect(r).toMatchObject({ action: "appended", ticket: "IT-000001" });
    const t = await f.desk.store.getTicketByNumber(svc, "IT-000001");
    expect(t?.tags).toContain(TEXT_CLEANED_TAG);
    const messages = (await f.desk.store.readEvents(svc, t!.id as TicketId)).map((e) => e.event).filter((e) => e.type === "MessageAdded");
    expect(messages.at(-1)).toMatchObject({ subject: "helloworld" });
  });

  it("cuts a body and subject over the service's limits instead of refusing the mail, and says so", async () => {
    const f = await deskFixture();
    const service = (await f.desk.store.getService(svc))!;
    await f.desk.configure.service(f.system, { ...service, settings: { ...service.settings, limits: { subjectChars: 20, bodyBytes: 1000 } } });
    const r = await ingestEmail(f.desk, rawEmail({ From: "ann@example.com", To: "it@desk.example.com", Subject: "s".repeat(60), "Message-ID": `<${"x".repeat(2000)}@example.com>` }, "b".repeat(5000)), f.ingest);
    expect(r.action).toBe("created");
    const t = (await f.desk.store.getTicketByNumber(svc, "IT-000001"))!;
    expect(t.subject).toHaveLength(20);
    expect(Buffer.byteLength(t.description)).toBeLessThanOrEqual(1000);
    expect(t.description).toContain("[truncated by spoc");
    expect(t.tags).toContain(TRUNCATED_TAG);
    // The same long Message-ID delivered again is still recognised.
    const again = await ingestEmail(f.desk, rawEmail({ From: "ann@example.com", To: "it@desk.example.com", Subject: "s", "Message-ID": `<${"x".repeat(2000)}@example.com>` }, "b"), f.ingest);
    expect(again.action).toBe("ignored");
  });
});

describe("cleanMail", () => {
  it("cleans every string of a parsed message and names the fields, keeping other values", () => {
    const date = new Date(0);
    const { value, cleaned } = cleanMail({ subject: "a\u0000b", from: { name: "Eve\ud800", address: "e@x" }, references: ["<ok>", "<\udc00>"], date, size: 3 });
    expect(value).toEqual({ subject: "ab", from: { name: "Eve\ufffd", address: "e@x" }, references: ["<ok>", "<\ufffd>"], date, size: 3 });
    expect(value.date).toBeInstanceOf(Date);
    expect(cleaned).toEqual(["subject", "from.name", "references.1"]);
  });

  it("leaves clean mail untouched", () => {
    expect(cleanMail({ subject: "Hello 😀" }).cleaned).toEqual([]);
  });
});

describe("fitBytes and fitChars", () => {
  it("never cut inside a character", () => {
    const f = fitBytes("é".repeat(100), 60, "…");
    expect(f.truncated).toBe(true);
    expect(Buffer.byteLength(f.text)).toBeLessThanOrEqual(60);
    expect(f.text).not.toContain("\ufffd");
    expect(fitChars("ab😀", 3)).toEqual({ text: "ab", truncated: true });
    expect(fitChars("ab", 3)).toEqual({ text: "ab", truncated: false });
  });
});
