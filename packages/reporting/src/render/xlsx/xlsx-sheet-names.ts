/**
 * Hands out valid, unique worksheet names (≤ 31 characters, none of `[]:*?/\`, no leading or
 * trailing apostrophe; case-insensitively unique, as Excel requires).
 * @example
 * const names = new SheetNames(); names.next("IT/Help"); names.next("it/help") // "IT-Help", "it-help (2)"
 */
export class SheetNames {
  private readonly used = new Set<string>();

  /** A valid name close to `wanted` that no earlier sheet has. */
  next(wanted: string): string {
    const base = wanted.replace(/[[\]:*?/\\\u0000-\u001F]/g, "-").replace(/^'+|'+$/g, "").trim() || "Sheet";
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? "" : ` (${n})`;
      const name = `${base.slice(0, 31 - suffix.length).trimEnd()}${suffix}`;
      if (!this.used.has(name.toLowerCase())) {
        this.used.add(name.toLowerCase());
        return name;
      }
    }
  }
}
