import { describe, expect, it } from "vitest";
import { SheetNames } from "./xlsx-sheet-names";

describe("SheetNames", () => {
  it("replaces characters Excel forbids", () => expect(new SheetNames().next("IT/Help [EU]: *?")).toBe("IT-Help -EU-- --"));
  it("keeps names at most 31 characters", () => expect(new SheetNames().next("x".repeat(40))).toHaveLength(31));
  it("makes names unique regardless of case", () => {
    const names = new SheetNames();
    expect([names.next("HR"), names.next("hr"), names.next("Hr")]).toEqual(["HR", "hr (2)", "Hr (3)"]);
  });
  it("never returns an empty name", () => expect(new SheetNames().next("''")).toBe("Sheet"));
});
