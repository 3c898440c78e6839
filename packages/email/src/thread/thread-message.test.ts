import { describe, expect, it } from "vitest";
import { bodyMarker, outboundMessageId } from "./marker";
import { memoryThreadLookup } from "./thread-lookup";
import { threadMessage, type ThreadInput } from "./thread-message";

const key = { instanceId: "acme", secret: "s3cret" };
const email = (over: Partial<ThreadInput> = {}): ThreadInput => ({
  messageId: "<new@customer>",
  inReplyTo: null,
  references: [],
  subject: "Help",
  from: { address: "ann@example.com" },
  text: "",
  ...over,
});
const setup = () => {
  const lookup = memoryThreadLookup(["IT", "BIL"]);
  lookup.openTicket({ ticketRef: "t1", ticketNumber: "IT-000123", requesterEmail: "ann@example.com", participantEmails: ["bob@example.com"] });
  lookup.recordMessage("t1", "<first@customer>");
  lookup.recordMessage("t1", "<reply@desk>");
  lookup.openTicket({ ticketRef: "t2", ticketNumber: "BIL-000005", requesterEmail: "cy@example.com", participantEmails: [] });
  lookup.recordMessage("t2", "<other@customer>");
  return lookup;
};

describe("threadMessage", () => {
  it("calls a message whose Message-ID is stored a duplicate, before anything else", async () => {
    const d = await threadMessage(email({ messageId: "<first@customer>", inReplyTo: "<other@customer>" }), setup(), key);
    expect(d).toMatchObject({ action: "duplicate", ticketRef: "t1", messageId: "<first@customer>" });
  });
  it("follows In-Reply-To before References", async () => {
    const d = await threadMessage(email({ inReplyTo: "<reply@desk>", references: ["<other@customer>"] }), setup(), key);
    expect(d).toMatchObject({ action: "append", ticketRef: "t1", rule: "in-reply-to" });
  });
  it("follows References, nearest ancestor first, when In-Reply-To is unknown", async () => {
    const d = await threadMessage(
      email({ inReplyTo: "<gone@x>", references: ["<first@customer>", "<other@customer>", "<gone@x>"] }),
      setup(),
      key,
    );
    expect(d).toMatchObject({ action: "append", ticketRef: "t2", rule: "references" });
  });
  it("threads by our signed Message-ID marker when the id was never stored", async () => {
    const ours = outboundMessageId(key, "t9", "desk.example.com");
    const d = await threadMessage(email({ inReplyTo: ours }), setup(), key);
    expect(d).toMatchObject({ action: "append", ticketRef: "t9", rule: "marker" });
  });
  it("threads by a body marker when the client dropped the headers", async () => {
    const d = await threadMessage(email({ text: `> ${bodyMarker(key, "t1")}` }), setup(), key);
    expect(d).toMatchObject({ action: "append", ticketRef: "t1", rule: "marker" });
  });
  it("does not take a reply to another spoc instance's Message-ID", async () => {
    const theirs = outboundMessageId({ instanceId: "globex", secret: "x" }, "t1", "globex.example");
    const d = await threadMessage(email({ inReplyTo: theirs }), setup(), key);
    expect(d.action).toBe("new");
    expect(d.trace.join("\n")).toContain("instance globex");
  });
  it("threads by subject tag when the sender is the requester", async () => {
    const d = await threadMessage(email({ subject: "Re: [IT-000123] printer" }), setup(), key);
    expect(d).toMatchObject({ action: "append", ticketRef: "t1", rule: "subject-tag" });
  });
  it("threads by subject tag when the sender is a participant", async () => {
    const d = await threadMessage(email({ subject: "[it-000123]", from: { address: "Bob@Example.com" } }), setup(), key);
    expect(d).toMatchObject({ action: "append", ticketRef: "t1" });
  });
  it("opens a new ticket when a stranger quotes a subject tag", async () => {
    const d = await threadMessage(email({ subject: "[IT-000123] hijack", from: { address: "eve@evil.example" } }), setup(), key);
    expect(d.action).toBe("new");
    expect(d.trace.join("\n")).toContain("not requester or participant");
  });
  it("ignores tags of prefixes the lookup does not know", async () => {
    const d = await threadMessage(email({ subject: "[HR-000123]" }), setup(), key);
    expect(d.action).toBe("new");
  });
  it("opens a new ticket when nothing matches, and says why", async () => {
    const d = await threadMessage(email(), setup(), key);
    expect(d).toEqual({ action: "new", trace: ["message id <new@customer> is new", "no rule matched: new ticket"] });
  });
  it("works with an async lookup", async () => {
    const sync = setup();
    const lookup = {
      ticketPrefixes: sync.ticketPrefixes,
      findByMessageId: async (id: string) => sync.findByMessageId(id),
      findByTicketNumber: async (n: string) => sync.findByTicketNumber(n),
    };
    const d = await threadMessage(email({ references: ["<first@customer>"] }), lookup, key);
    expect(d).toMatchObject({ action: "append", ticketRef: "t1", rule: "references" });
  });
});
