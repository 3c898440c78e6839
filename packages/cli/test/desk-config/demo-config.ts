import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDesk, type Store } from "@spoc/core";
import { setUpMonth } from "../../src/demo/month-setup";
import { setUpCompany } from "../../src/demo/scenario";

/** The demo company's configuration folder in the repository. */
export const exampleDir = fileURLToPath(new URL("../../../../examples/desk-config", import.meta.url));
/** Where the example files' `$schema` references point (the CLI package's schemas). */
export const exampleSchemas = "../../packages/cli/schemas";

/** Sets up the demo's company as its code does: the scenario's services, lists and people, and the month's groups, agents and automation. */
export async function setUpDemoConfiguration(store: Store): Promise<void> {
  const desk = createDesk({ store, automation: false });
  await setUpCompany(desk);
  await setUpMonth(desk, Date.UTC(2026, 9, 1));
}

/** The files of a folder (configuration only, not subfolders), by name. */
export const filesIn = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => [e.name, readFileSync(join(dir, e.name), "utf8")]));
