/**
 * Runs every business-time vector of every `*.json` in the shared vectors folder
 * (`SPOC_VECTORS_DIR`, default `../shared/vectors` from the repository root) against the engine
 * with its default conventions. Cases whose answer depends on a convention carry `semantics` and
 * `alternatives`; the runner picks the answer that matches the engine's conventions.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  addBusinessTime,
  compileCalendar,
  defaultConventions,
  elapsedBusinessTime,
  nextOpening,
  subtractBusinessTime,
} from "../../src/sla/calendar";
import { InvalidInput } from "../../src/validation/invalid-input";

interface VectorCase {
  readonly id: string;
  readonly tz: string;
  readonly hours: Record<string, ReadonlyArray<readonly [string, string]>>;
  readonly holidays: ReadonlyArray<string>;
  readonly overrides?: Record<string, ReadonlyArray<readonly [string, string]>>;
  readonly breaks?: ReadonlyArray<readonly [string, string]>;
  readonly pauses?: ReadonlyArray<readonly [string, string]>;
  readonly op: "add" | "subtract" | "elapsed" | "next_open";
  readonly start: string;
  readonly end?: string;
  readonly minutes?: number;
  readonly seconds?: number;
  readonly expected: string | number;
  readonly semantics?: Record<string, string>;
  readonly alternatives?: ReadonlyArray<Record<string, string | number>>;
}

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const vectorsDir = resolve(repositoryRoot, process.env.SPOC_VECTORS_DIR ?? "../shared/vectors");
const files = existsSync(vectorsDir) ? readdirSync(vectorsDir).filter((f) => f.endsWith(".json")).sort() : [];
const skipReason =
  files.length === 0
    ? `business-time vectors skipped: no *.json in ${vectorsDir} (set SPOC_VECTORS_DIR to the shared vectors folder)`
    : undefined;
if (skipReason !== undefined) console.warn(skipReason);

/** The value each convention dimension takes in the engine's default configuration. */
const engineConventions: Record<string, string> = {
  end_at_close: defaultConventions.endAtClose,
  zero_duration: defaultConventions.zeroDuration,
  reversed_interval: defaultConventions.reversedInterval,
  dst_duration: "absolute",
};

/** The expected answer under the engine's conventions, or a reason when the vector has none. */
const expectedFor = (c: VectorCase): string | number => {
  const dims = Object.entries(c.semantics ?? {});
  if (dims.every(([k, v]) => engineConventions[k] === v)) return c.expected;
  const alt = (c.alternatives ?? []).find((a) => dims.every(([k]) => a[k] === engineConventions[k]));
  if (alt?.expected === undefined) throw new Error(`${c.id}: no answer for the engine's conventions ${JSON.stringify(c.semantics)}`);
  return alt.expected;
};

const run = (c: VectorCase): number => {
  const cal = compileCalendar({
    timeZone: c.tz,
    hours: c.hours,
    holidays: c.holidays,
    ...(c.overrides ? { overrides: c.overrides } : {}),
    breaks: [...(c.breaks ?? []), ...(c.pauses ?? [])],
  });
  if (cal instanceof InvalidInput) throw cal;
  const start = Date.parse(c.start);
  const amount = (c.minutes ?? 0) * 60_000 + (c.seconds ?? 0) * 1000;
  switch (c.op) {
    case "add":
      return addBusinessTime(cal, start, amount);
    case "subtract":
      return subtractBusinessTime(cal, start, amount);
    case "next_open":
      return nextOpening(cal, start);
    case "elapsed":
      return elapsedBusinessTime(cal, start, Date.parse(c.end ?? c.start));
  }
};

const iso = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms));

let passed = 0;
let failed = 0;

describe.skipIf(skipReason !== undefined)("business-time vectors", () => {
  afterAll(() => {
    console.log(`${passed} passed, ${failed} failed`);
  });
  for (const file of files) {
    const cases = (JSON.parse(readFileSync(join(vectorsDir, file), "utf8")) as { cases: ReadonlyArray<VectorCase> }).cases;
    describe(file, () => {
      for (const c of cases) {
        it(c.id, () => {
          try {
            const expected = expectedFor(c);
            const actual = run(c);
            if (c.op === "elapsed") expect(actual / 60_000).toBeCloseTo(Number(expected), 9);
            else expect(iso(actual)).toBe(iso(Date.parse(String(expected))));
            passed++;
          } catch (e) {
            failed++;
            throw e;
          }
        });
      }
    });
  }
});
