/** Longest pattern a rule may hold. */
export const MAX_PATTERN_LENGTH = 500;

/**
 * Longest input a `matches` condition tests: longer values are cut to this many characters first,
 * which bounds the cost of the polynomial backtracking that the static check lets through.
 */
export const MAX_REGEX_INPUT = 4096;

/** Flags a rule may use; `g` and `y` are refused because they make `test` stateful. */
export const allowedRegexFlags = /^(?!.*(.).*\1)[imsu]*$/;

interface Frame {
  /** The group holds a repeated (`*`, `+`, `{n,}`, `{n,m>1}`) part. */
  repeats: boolean;
  /** First characters of the group's alternatives, `null` when one starts with something not literal. */
  firsts: Array<string | null>;
  /** The current alternative has not seen its first atom yet. */
  atStart: boolean;
  alternation: boolean;
}

const newFrame = (): Frame => ({ repeats: false, firsts: [], atStart: true, alternation: false });

/** Reads a quantifier at `i`: its length and whether it repeats (max > 1). */
const quantifierAt = (p: string, i: number): { length: number; repeats: boolean } | undefined => {
  const c = p[i];
  if (c === "*" || c === "+") return { length: p[i + 1] === "?" ? 2 : 1, repeats: true };
  if (c === "?") return { length: p[i + 1] === "?" ? 2 : 1, repeats: false };
  if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}\??/.exec(p.slice(i));
    if (!m) return undefined;
    const max = m[2] === undefined ? Number(m[1]) : m[3] === "" ? Infinity : Number(m[3]);
    return { length: m[0].length, repeats: max > 1 };
  }
  return undefined;
};

const hasDuplicate = (firsts: ReadonlyArray<string | null>): boolean =>
  firsts.includes(null) || new Set(firsts).size !== firsts.length;

/**
 * Why a pattern could backtrack catastrophically (or is invalid), or undefined when it is accepted.
 * A small static check: refuses backreferences, a repeated group that itself repeats something
 * (`(a+)+`, `(a*)*`, `(\d+x)*`), and a repeated group whose alternatives may start alike (`(a|a)*`, `(a|ab)+`).
 * @example unsafeRegexReason("(a+)+$") // "nested quantifier: a repeated group repeats inside"
 */
export const unsafeRegexReason = (pattern: string, flags = ""): string | undefined => {
  if (pattern.length > MAX_PATTERN_LENGTH) return `pattern longer than ${MAX_PATTERN_LENGTH} characters`;
  if (!allowedRegexFlags.test(flags)) return `flags may only be i, m, s, u (got "${flags}")`;
  try {
    new RegExp(pattern, flags);
  } catch (e) {
    return `not a valid regular expression: ${(e as Error).message}`;
  }
  const stack: Frame[] = [newFrame()];
  const top = (): Frame => stack[stack.length - 1] as Frame;
  const atom = (first: string | null): void => {
    const f = top();
    if (f.atStart) {
      f.firsts.push(first !== null && flags.includes("i") ? first.toLowerCase() : first);
      f.atStart = false;
    }
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    let closed: Frame | undefined;
    if (c === "\\") {
      const next = pattern[i + 1] ?? "";
      if (/[1-9]/.test(next) || (next === "k" && pattern[i + 2] === "<")) return "backreferences are not allowed";
      atom(/[dDwWsSbBpPuxc0]/.test(next) ? null : next);
      i += 2;
    } else if (c === "[") {
      let j = i + 1;
      while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
      atom(null);
      i = j + 1;
    } else if (c === "(") {
      const lookaround = /^\(\?(?:[=!]|<[=!])/.test(pattern.slice(i));
      atom(null);
      stack.push(newFrame());
      const m = /^\(\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>)?/.exec(pattern.slice(i));
      i += m ? m[0].length : 1;
      if (lookaround) top().firsts.push(null);
    } else if (c === ")") {
      closed = stack.pop();
      i += 1;
    } else if (c === "|") {
      top().alternation = true;
      if (top().atStart) top().firsts.push(null);
      top().atStart = true;
      i += 1;
    } else {
      const q = quantifierAt(pattern, i);
      if (q) {
        if (q.repeats) top().repeats = true;
        i += q.length;
        continue;
      }
      atom(c === "." || c === "^" || c === "$" ? null : c);
      i += 1;
    }
    if (closed) {
      if (closed.atStart) closed.firsts.push(null);
      const q = quantifierAt(pattern, i);
      if (q?.repeats && closed.repeats) return "nested quantifier: a repeated group repeats inside";
      if (q?.repeats && closed.alternation && hasDuplicate(closed.firsts)) {
        return "a repeated group has alternatives that may start alike";
      }
      if (closed.repeats) top().repeats = true;
    }
  }
  return undefined;
};
