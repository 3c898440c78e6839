import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileRules } from "./compile-rules";
import { evaluateReference } from "./evaluate-reference";
import { compileRuleRegex, MAX_PATTERN_LENGTH, regexCompileError } from "./linear-regex";
import type { Rule } from "./rule-schema";
import { factsFixture, ruleFixture } from "./ticket-fixture";

// The patterns from the hardening issue: polynomial on a backtracking engine (10 s and > 20 s per ticket).
const slowOnBacktracking = [".*error.*timeout", ".*.*="];
const texts = { "4,096 characters": "error ".repeat(683).slice(0, 4096), "100 KB": "error ".repeat(17_067).slice(0, 102_400) };

/** Milliseconds one call takes. */
const timed = (f: () => unknown): number => {
  const start = performance.now();
  f();
  return performance.now() - start;
};

describe("rule regular expressions on RE2", () => {
  for (const pattern of slowOnBacktracking) {
    for (const [size, description] of Object.entries(texts)) {
      it(`${pattern} on a ${size} description routes in milliseconds, compiled and interpreted`, () => {
        const rules: Rule[] = [ruleFixture({ id: "r", when: { field: "description", op: "matches", pattern } })];
        const facts = factsFixture({ description });
        const compiled = compileRules(rules);
        let fired = -1;
        // Generous for a loaded 2-core CI machine: the backtracking engine took seconds here.
        expect(timed(() => (fired = compiled.evaluate(facts).fired.length))).toBeLessThan(250);
        expect(fired).toBe(0);
        expect(timed(() => (fired = evaluateReference(rules, facts).fired.length))).toBeLessThan(250);
        expect(fired).toBe(0);
      });
    }
  }

  it.each([
    ["(a)\\1", /invalid escape/],
    ["(?<x>a)\\k<x>", /backreferences/],
    ["a(?=b)", /unsupported Perl syntax/],
    ["(?<!a)b", /RE2 cannot compile/],
    ["(a", /missing closing \)/],
  ])("refuses %s, which RE2 cannot compile", (pattern, reason) => {
    expect(regexCompileError(pattern)).toMatch(reason);
  });

  it.each(["g", "y", "ii", "x"])("refuses the flags %s", (flags) => {
    expect(regexCompileError("a", flags)).toMatch(/flags/);
  });

  it("refuses a pattern longer than the cap", () => {
    expect(regexCompileError("a".repeat(MAX_PATTERN_LENGTH + 1))).toMatch(/longer/);
  });

  it.each(["^INC\\d{6}$", "(a+)+$", "(a|ab)+", "\\b(vpn|wifi)\\b", "[a-z]+@acme\\.com", "caf\\u00e9", "(?<code>E-\\d+)", "a/b"])(
    "accepts %s",
    (pattern) => {
      expect(regexCompileError(pattern)).toBeUndefined();
    },
  );

  it("translates JavaScript escapes and named groups to RE2's syntax", () => {
    expect(compileRuleRegex("caf\\u00e9 (?<code>E-\\d+)").test("café E-52")).toBe(true);
  });

  it("i, m and s mean what they mean in JavaScript", () => {
    expect(compileRuleRegex("^vpn", "i").test("VPN down")).toBe(true);
    expect(compileRuleRegex("^down", "m").test("vpn\ndown")).toBe(true);
    expect(compileRuleRegex("^down").test("vpn\ndown")).toBe(false);
    expect(compileRuleRegex("vpn.down", "s").test("vpn\ndown")).toBe(true);
    expect(compileRuleRegex("vpn.down").test("vpn\ndown")).toBe(false);
  });

  it("agrees with JavaScript's engine on ordinary patterns", () => {
    const patterns = ["^v", "n.t$", "\\d+", "\\bvpn\\b", "(ab|a)c", "[^a-c]{2,3}", "^\\s*$", "x?y*z+"];
    fc.assert(
      fc.property(fc.constantFrom(...patterns), fc.constantFrom("", "i", "m", "s"), fc.string({ unit: fc.constantFrom(..."abcvnptxyz019 \n_-VN") }), (p, flags, s) => {
        expect(compileRuleRegex(p, flags).test(s)).toBe(new RegExp(p, flags).test(s));
      }),
    );
  });
});
