import { describe, expect, it } from "vitest";
import { MAX_PATTERN_LENGTH, unsafeRegexReason } from "./regex-guard";

describe("regex guard", () => {
  it.each(["(a+)+", "(a*)*", "(\\d+x)*$", "(?:a+b)+", "((ab)+)+", "(a+){2,}"])("refuses the nested quantifier %s", (p) => {
    expect(unsafeRegexReason(p)).toMatch(/nested quantifier/);
  });

  it.each(["(a|a)*", "(a|ab)+", "(.|x)*", "(\\w|_)+"])("refuses the repeated alternation %s whose branches may start alike", (p) => {
    expect(unsafeRegexReason(p)).toMatch(/alternatives/);
  });

  it("refuses alternatives that differ only by case under the i flag", () => {
    expect(unsafeRegexReason("(a|Ab)+", "i")).toMatch(/alternatives/);
  });

  it.each(["(a)\\1", "(?<x>a)\\k<x>"])("refuses the backreference in %s", (p) => {
    expect(unsafeRegexReason(p)).toMatch(/backreference/);
  });

  it.each(["g", "y", "ii", "x"])("refuses the flags %s", (flags) => {
    expect(unsafeRegexReason("a", flags)).toMatch(/flags/);
  });

  it("refuses an invalid pattern", () => {
    expect(unsafeRegexReason("(a")).toMatch(/not a valid/);
  });

  it("refuses a pattern longer than the cap", () => {
    expect(unsafeRegexReason("a".repeat(MAX_PATTERN_LENGTH + 1))).toMatch(/longer/);
  });

  it.each(["^INC\\d{6}$", "(foo|bar)+", "\\b(vpn|wifi)\\b", "[a-z]+@acme\\.com", "(ab)?c+", "(a+)?", "x{2,3}(yz){2}", "[(]a+[)]+"])(
    "accepts the ordinary pattern %s",
    (p) => {
      expect(unsafeRegexReason(p)).toBeUndefined();
    },
  );
});
