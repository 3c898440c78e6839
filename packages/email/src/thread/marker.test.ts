import { describe, expect, it } from "vitest";
import { bodyMarker, outboundMessageId, readBodyMarkers, readMessageIdMarker } from "./marker";

const key = { instanceId: "acme", secret: "s3cret" };

describe("outbound markers", () => {
  it("reads back the ticket from an outbound Message-ID", () => {
    const id = outboundMessageId(key, "T-42.x", "desk.example.com", "nonce");
    expect(id).toMatch(/^<spoc\.acme\.[A-Za-z0-9_-]+\.nonce\.[A-Za-z0-9]+@desk\.example\.com>$/);
    expect(readMessageIdMarker(key, id)).toEqual({ instanceId: "acme", ticketRef: "T-42.x" });
  });
  it("makes a different Message-ID each time", () => {
    expect(outboundMessageId(key, "T-1", "h")).not.toBe(outboundMessageId(key, "T-1", "h"));
  });
  it("rejects a Message-ID whose signature does not match", () => {
    const id = outboundMessageId({ ...key, secret: "other" }, "T-42", "h", "n");
    expect(readMessageIdMarker(key, id)).toBeNull();
  });
  it("reports another instance's Message-ID as that instance's", () => {
    const id = outboundMessageId({ instanceId: "globex", secret: "x" }, "T-42", "h", "n");
    expect(readMessageIdMarker(key, id)?.instanceId).toBe("globex");
  });
  it("ignores ordinary Message-IDs", () => {
    expect(readMessageIdMarker(key, "<1234@local.machine.example>")).toBeNull();
  });
  it("finds a body marker quoted in a reply", () => {
    const text = `Thanks!\n> Your request was received.\n> ${bodyMarker(key, "T-7")}\n`;
    expect(readBodyMarkers(key, text)).toEqual([{ instanceId: "acme", ticketRef: "T-7" }]);
  });
  it("drops a forged body marker", () => {
    expect(readBodyMarkers(key, "[spoc:acme:VC03:AAAAAAAAAAAA]")).toEqual([]);
  });
  it("refuses an instance id that would break the format", () => {
    expect(() => outboundMessageId({ instanceId: "a.b", secret: "s" }, "T", "h")).toThrow(TypeError);
  });
});
