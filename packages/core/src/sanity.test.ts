import { describe, expect, it } from "vitest";
import { Schema, Exit } from "effect";

describe("toolchain", () => {
  it("decodes with effect/Schema", () => {
    const Id = Schema.String.pipe(Schema.brand("Id"));
    const S = Schema.Struct({ id: Id, n: Schema.Number });
    const exit = Schema.decodeUnknownExit(S)({ id: "a", n: "x" });
    expect(Exit.isFailure(exit)).toBe(true);
  });
});
