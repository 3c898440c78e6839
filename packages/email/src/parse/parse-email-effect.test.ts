import { Effect, Exit } from "effect";
import { describe, expect, it } from "vitest";
import { memoryAttachmentStore } from "./attachment-store";
import { MalformedEmail } from "./malformed-email";
import { parseEmailEffect } from "./parse-email-effect";

describe("parseEmailEffect", () => {
  it("succeeds with the parsed email", async () => {
    const raw = Buffer.from("From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n");
    const email = await Effect.runPromise(parseEmailEffect(raw, { attachmentStore: memoryAttachmentStore() }));
    expect(email.subject).toBe("hi");
  });
  it("fails with MalformedEmail as a typed error", async () => {
    const exit = await Effect.runPromiseExit(
      parseEmailEffect(Buffer.alloc(10, 0x61), { attachmentStore: memoryAttachmentStore(), maxRawBytes: 5 }),
    );
    expect(Exit.isFailure(exit)).toBe(true);
    const error = await Effect.runPromise(
      Effect.flip(parseEmailEffect(Buffer.alloc(10, 0x61), { attachmentStore: memoryAttachmentStore(), maxRawBytes: 5 })),
    );
    expect(error).toBeInstanceOf(MalformedEmail);
    expect(error.reason).toBe("TooLarge");
  });
});
