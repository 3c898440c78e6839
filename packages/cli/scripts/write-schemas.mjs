// Writes the JSON Schemas of the configuration files (`spoc apply`) into schemas/, from the built
// package: they are generated from the Effect Schemas the files are decoded with, and published.
// test/desk-config/example-folder.test.ts fails when the committed ones are stale.
import { mkdirSync, writeFileSync } from "node:fs";

const { jsonSchemaFiles } = await import("../dist/config.js");
const dir = new URL("../schemas/", import.meta.url);
mkdirSync(dir, { recursive: true });
for (const file of jsonSchemaFiles()) writeFileSync(new URL(file.name, dir), file.text);
