import { RE2JS } from "re2js";

/**
 * Longest pattern a rule may hold.
 * @example
 * pattern.length <= Routing.MAX_PATTERN_LENGTH // 500: longer patterns are refused
 */
export const MAX_PATTERN_LENGTH = 500;

/** Flags a rule may use: `i`, `m`, `s`, `u`, each once (`g` and `y` would make a test stateful). */
export const allowedRegexFlags = /^(?!.*(.).*\1)[imsu]*$/;

/**
 * A rule's compiled regular expression: RE2 semantics, matching in time linear in the input.
 * @example
 * const re: Routing.RuleRegex = Routing.compileRuleRegex("^(urgent|asap)\\b", "i")
 * re.test("URGENT: printer down") // true
 */
export interface RuleRegex {
  /** Whether the pattern matches somewhere in `input`. */
  readonly test: (input: string) => boolean;
}

// `u` needs no counterpart: RE2 always reads the pattern and input as Unicode.
const flagBits = (flags: string): number =>
  (flags.includes("i") ? RE2JS.CASE_INSENSITIVE : 0) |
  (flags.includes("m") ? RE2JS.MULTILINE : 0) |
  (flags.includes("s") ? RE2JS.DOTALL : 0);

/** An unescaped `\k`: an odd run of backslashes before it. */
const namedBackreference = /(?:^|[^\\])(?:\\\\)*\\k/;

/**
 * Compiles a rule's pattern on RE2 (re2js): no backtracking, so no pattern can stall the event loop,
 * whatever the input's length. JavaScript syntax that RE2 has too (`\uXXXX`, `(?<name>…)`) is translated;
 * what RE2 lacks (backreferences, lookaround) throws — validate with `regexCompileError` first.
 * @example compileRuleRegex(".*error.*timeout", "i").test("x".repeat(100_000)) // false, in about a millisecond
 */
export const compileRuleRegex = (pattern: string, flags = ""): RuleRegex => {
  // translateRegExp would turn `\k<name>` into the literal text `k<name>`: refuse it instead.
  if (namedBackreference.test(pattern)) throw new Error("backreferences (\\k<name>) are not supported");
  const re = RE2JS.compile(RE2JS.translateRegExp(pattern), flagBits(flags));
  return { test: (input) => re.test(input) };
};

/**
 * Why a rule's pattern cannot be used, or undefined when RE2 compiles it: too long, flags other than
 * `imsu`, or syntax RE2 does not have (backreferences, lookahead, lookbehind) or that is invalid.
 * @example regexCompileError("(a)\\1") // "RE2 cannot compile it: error parsing regexp: invalid escape sequence: `\\1`"
 */
export const regexCompileError = (pattern: string, flags = ""): string | undefined => {
  if (pattern.length > MAX_PATTERN_LENGTH) return `pattern longer than ${MAX_PATTERN_LENGTH} characters`;
  if (!allowedRegexFlags.test(flags)) return `flags may only be i, m, s, u, each once (got "${flags}")`;
  try {
    compileRuleRegex(pattern, flags);
    return undefined;
  } catch (e) {
    return `RE2 cannot compile it: ${(e as Error).message}`;
  }
};
