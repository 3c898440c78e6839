import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

/** The repository's root, found from this file's place in it. */
const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

/** The shared data folder (SPOC_SHARED_DIR, else `../shared` beside the repository), or undefined when absent. */
export const dataDir = (): string | undefined => {
  const root = process.env.SPOC_SHARED_DIR ?? join(repoRoot, "..", "shared");
  const dir = existsSync(join(root, "data")) ? join(root, "data") : root;
  return existsSync(dir) ? dir : undefined;
};

/** A public log of the shared data and its reference aggregates. */
export interface ReferenceLog {
  readonly mapping: "servicenow-incident" | "helpdesk-log" | "bpic2013";
  readonly folder: string;
  readonly file: string;
}

export const referenceLogs: ReadonlyArray<ReferenceLog> = [
  { mapping: "servicenow-incident", folder: "uci-incident-event-log", file: "incident_event_log.public.csv.gz" },
  { mapping: "helpdesk-log", folder: "helpdesk-italian-software-company", file: "helpdesk.public.csv" },
  { mapping: "bpic2013", folder: "bpic2013-volvo-incidents", file: "bpic2013_incidents.public.csv" },
];

/** The log's file and reference JSON, or why they are not here. */
export const locate = (log: ReferenceLog): { file: string; reference: unknown } | { missing: string } => {
  const dir = dataDir();
  if (dir === undefined) return { missing: "the shared data folder is absent (set SPOC_SHARED_DIR)" };
  const file = join(dir, log.folder, log.file);
  const ref = join(dir, log.folder, "reference_aggregates.json");
  if (!existsSync(file) || !existsSync(ref)) return { missing: `${join(log.folder, log.file)} or its reference_aggregates.json is absent` };
  return { file, reference: JSON.parse(readFileSync(ref, "utf8")) };
};

/** Compares like the acceptance rule: same keys, counts exact, floats within 1e-6 relative. */
export function expectSameAggregates(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Number.isInteger(expected) && Number.isInteger(actual)) {
      expect(actual, path).toBe(expected);
    } else {
      const tol = 1e-6 * Math.max(Math.abs(expected), 1e-12);
      expect(Math.abs(actual - expected) <= tol || Math.abs(actual - expected) <= 1e-6, `${path}: ${actual} vs ${expected}`).toBe(true);
    }
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectSameAggregates((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === "object") {
    expect(actual !== null && typeof actual === "object", path).toBe(true);
    expect(Object.keys(actual as object), `${path} keys`).toEqual(Object.keys(expected));
    for (const [k, v] of Object.entries(expected)) expectSameAggregates((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}
