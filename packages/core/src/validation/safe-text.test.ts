import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Schema from "effect/Schema";
import { decodeInput, InvalidInput } from "./invalid-input";
import { cleanText, unsafeInputIssues, unsafeTextReason } from "./safe-text";

describe("unsafeTextReason", () => {
  it("finds U+0000 and lone surrogates, and passes surrogate pairs", () => {
    expect(unsafeTextReason("a\u0000b")).toMatch(/U\+0000/);
    expect(unsafeTextReason("\ud83d")).toMatch(/lone surrogate/);
    expect(unsafeTextReason("x\ude00")).toMatch(/lone surrogate/);
    expect(unsafeTextReason("😀 ok")).toBeUndefined();
  });

  it("agrees with the engine's own well-formedness check on random UTF-16", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => {
      const wellFormed = (s as unknown as { isWellFormed(): boolean }).isWellFormed();
      expect(unsafeTextReason(s) === undefined).toBe(wellFormed && !s.includes("\u0000"));
    }));
  });
});

describe("cleanText", () => {
  it("removes U+0000, replaces lone surrogates by U+FFFD and says it did", () => {
    expect(cleanText("hello\u0000world")).toEqual({ text: "helloworld", cleaned: true });
    expect(cleanText("a\ud800b")).toEqual({ text: "a\ufffdb", cleaned: true });
    expect(cleanText("fine 😀")).toEqual({ text: "fine 😀", cleaned: false });
  });

  it("always returns storable text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => {
      expect(unsafeTextReason(cleanText(s).text)).toBeUndefined();
    }));
  });
});

describe("unsafeInputIssues", () => {
  it("names every bad string, key and non-finite number with its path", () => {
    const issues = unsafeInputIssues({ a: ["ok", "x\u0000"], b: { c: NaN }, ["k\ud800"]: 1, d: Infinity });
    expect(issues).toHaveLength(4);
    expect(issues).toEqual(expect.arrayContaining([
      { path: "a.1", message: "contains U+0000" },
      { path: "b.c", message: "must be a finite number, not NaN" },
      { path: "k\ufffd", message: "key contains a lone surrogate (not valid Unicode)" },
      { path: "d", message: "must be a finite number, not Infinity" },
    ]));
  });

  it("survives cyclic and very deep inputs without overflowing the stack", () => {
    const cyclic: Record<string, unknown> = { a: "ok" };
    cyclic.self = cyclic;
    expect(unsafeInputIssues(cyclic)).toEqual([]);
    let deep: unknown = "x";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unsafeInputIssues(deep)[0]?.message).toMatch(/nested more than/);
  });

  it("reads the holes of sparse arrays", () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(unsafeInputIssues([, "a\u0000"])).toEqual([{ path: "1", message: "contains U+0000" }]);
  });
});

describe("decodeInput", () => {
  it("refuses an input whose getter throws, instead of crashing", () => {
    const hostile = { get subject(): string { throw new Error("boom"); } };
    expect(decodeInput(Schema.Struct({ subject: Schema.String }), hostile, "command")).toBeInstanceOf(InvalidInput);
  });
});
