/** Rounds to 6 decimals, as the reference scripts do (`round(x, 6)`). */
export const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** n, mean, median and nearest-rank p90 of a sample, as the reference scripts define them. */
export interface Summary {
  readonly n: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly p90: number | null;
}

/**
 * Summarises a sample: mean, median (the mean of the two middle values for an even n) and the
 * nearest-rank 90th percentile `sorted[ceil(0.9 n) - 1]`; floats rounded to 6 decimals.
 * @example summary([1, 2, 3, 4]) // { n: 4, mean: 2.5, median: 2.5, p90: 4 }
 */
export function summary(xs: ReadonlyArray<number>): Summary {
  if (xs.length === 0) return { n: 0, mean: null, median: null, p90: null };
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  let sum = 0;
  for (const x of s) sum += x;
  return { n, mean: r6(sum / n), median: r6(median), p90: r6(s[Math.ceil(0.9 * n) - 1] as number) };
}

/**
 * Counts values, keys in code-point order (Python's `sorted` on strings).
 * @example counts(["b", "a", "b"]) // { a: 1, b: 2 }
 */
export function counts(values: Iterable<string>): Record<string, number> {
  const c = new Map<string, number>();
  for (const v of values) c.set(v, (c.get(v) ?? 0) + 1);
  return Object.fromEntries([...c.entries()].sort(([a], [b]) => compareText(a, b)));
}

/**
 * The n most frequent values as `[value, count]`, count descending then value ascending.
 * @example top(["x", "y", "y"], 1) // [["y", 2]]
 */
export function top(values: Iterable<string>, n = 10, exclude: ReadonlyArray<string> = []): Array<[string, number]> {
  const c = new Map<string, number>();
  for (const v of values) if (!exclude.includes(v)) c.set(v, (c.get(v) ?? 0) + 1);
  return [...c.entries()].sort(([a, x], [b, y]) => y - x || compareText(a, b)).slice(0, n);
}

/** Compares strings by code point, as Python does (not by UTF-16 unit or locale). */
export const compareText = (a: string, b: string): number => {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
};

/** Hours between two epoch-ms instants. */
export const hours = (from: number, to: number): number => (to - from) / 3_600_000;
