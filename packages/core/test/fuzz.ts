/**
 * What the fuzz suites (`*.fuzz.test.ts`) share: hostile values, mutations of valid inputs, a
 * store that records every write, and the run settings.
 *
 * - `SPOC_FUZZ_RUNS=N`: N inputs per property (default 200, each property also stops after a few
 *   seconds so `npm test` stays quick; with the variable set, every run is made).
 * - `SPOC_FUZZ_BUDGET_MS=N`: the time one input may take (default 2,000 ms: a shared CI machine).
 * - `SPOC_FUZZ_SEED=N`: the seed of a reported failure, to replay it.
 */
import fc from "fast-check";
import type { Store } from "../src/store/port";

const runs = Number(process.env["SPOC_FUZZ_RUNS"] ?? "");
/** `SPOC_FUZZ_SEED`: replays the inputs of a failure fast-check reported (it prints the seed). */
const seed = process.env["SPOC_FUZZ_SEED"] === undefined ? undefined : Number(process.env["SPOC_FUZZ_SEED"]);
/** The time one input may take, in ms. */
export const fuzzBudgetMs = Number(process.env["SPOC_FUZZ_BUDGET_MS"] ?? "") || 2000;

/** The vitest timeout of a fuzz test: the default, or an hour when `SPOC_FUZZ_RUNS` asks for a long run. */
export const fuzzTimeout = Number.isInteger(runs) && runs > 0 ? 3_600_000 : 30_000;

/** fast-check parameters: `SPOC_FUZZ_RUNS` runs, else 200 within about `seconds`. */
export const fuzzParameters = (seconds = 4): fc.Parameters<unknown> => ({
  ...(Number.isInteger(runs) && runs > 0 ? { numRuns: runs } : { numRuns: 200, interruptAfterTimeLimit: seconds * 1000, markInterruptAsFailure: false }),
  ...(seed === undefined ? {} : { seed }),
});

/** Strings that have broken parsers and databases: NUL, lone surrogates, controls, huge, prototype keys. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom("\u0000", "\uD800", "\uDC00", "\uFFFF", "\u202E", "\r", "\n", "\t", " ", "a", "é", "😀", "<", '"', "'", "\\", "%", "$", "{", "}"), maxLength: 40 }),
  fc.constantFrom("", " ", "\u0000", "hello\u0000world", "\uD800", "a\uDC00b", "__proto__", "constructor", "prototype", "toString", "NaN", "-0", "1e309", "null", "undefined", "'; DROP TABLE spoc_events; --", "=cmd|' /C calc'!A0", "${7*7}", "%s%n"),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => "x".repeat(n)),
);

/** Any JSON-ish value a hostile caller can send, numbers that are not finite included. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, Number.MAX_SAFE_INTEGER + 2, 1e308, -1),
    fc.integer(),
    fc.boolean(),
    fc.constantFrom(null, undefined),
    fc.bigInt().map((b) => b),
    fc.date({ noInvalidDate: false }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** One change to an object: a key set to a hostile value, a key removed, or a key added. */
type Mutation = { readonly kind: "set" | "delete"; readonly path: ReadonlyArray<number>; readonly value: unknown } | { readonly kind: "add"; readonly path: ReadonlyArray<number>; readonly key: string; readonly value: unknown };

const applyMutation = (input: unknown, m: Mutation): unknown => {
  if (typeof input !== "object" || input === null) return m.kind === "delete" ? undefined : m.value;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(input) ? [...input] : { ...(input as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (m.path.length > 1 && keys.length > 0) {
    const k = keys[(m.path[0] as number) % keys.length] as string;
    (copy as Record<string, unknown>)[k] = applyMutation((copy as Record<string, unknown>)[k], { ...m, path: m.path.slice(1) });
    return copy;
  }
  if (m.kind === "add") {
    // An array's `length` cannot be redefined (it is not configurable): such a mutation adds nothing.
    if (Array.isArray(copy) && m.key === "length") return copy;
    Object.defineProperty(copy, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    return copy;
  }
  if (keys.length === 0) return copy;
  const k = keys[(m.path[0] ?? 0) % keys.length] as string;
  if (m.kind === "delete") delete (copy as Record<string, unknown>)[k];
  else (copy as Record<string, unknown>)[k] = m.value;
  return copy;
};

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), value: hostileValue }),
  fc.record({ kind: fc.constant("delete" as const), path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), value: fc.constant(undefined) }),
  fc.record({ kind: fc.constant("add" as const), path: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), key: hostileString, value: hostileValue }),
);

/**
 * Inputs near the valid ones: a valid example as it is, or with a few mutations (hostile values,
 * missing or extra keys, at any depth), or anything at all.
 */
export const nearValid = (examples: ReadonlyArray<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...examples) },
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...examples), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([e, ms]) => ms.reduce(applyMutation, e)) },
    { weight: 1, arbitrary: hostileValue },
  );

const WRITES = /^(put|append|allocate|release|delete|set|claim|mark)/;

/** A store that records the name of every write method called on it. */
export function recordingStore(store: Store): { readonly store: Store; readonly writes: string[] } {
  const writes: string[] = [];
  const recorded = new Proxy(store, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      if (typeof v !== "function") return v;
      const f = v as (...a: unknown[]) => unknown;
      return typeof key === "string" && WRITES.test(key)
        ? (...args: unknown[]) => {
          writes.push(key);
          return f.apply(target, args);
        }
        : f.bind(target);
    },
  });
  return { store: recorded, writes };
}

/** Runs `f` and says how long it took (ms). */
export async function timed<A>(f: () => Promise<A> | A): Promise<{ readonly value: A; readonly ms: number }> {
  const start = performance.now();
  const value = await f();
  return { value, ms: performance.now() - start };
}
