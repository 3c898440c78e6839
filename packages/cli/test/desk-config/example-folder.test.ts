import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "@spoc/store-kysely";
import { configFiles, jsonSchemaFiles, readDeskState, sqlConfigSource } from "../../src/desk-config/index";
import { exampleDir, exampleSchemas, filesIn, setUpDemoConfiguration } from "./demo-config";

const dir = mkdtempSync(join(tmpdir(), "spoc-example-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// `SPOC_UPDATE_EXAMPLES=1 npx vitest run test/desk-config` writes the files instead of comparing.
const update = process.env.SPOC_UPDATE_EXAMPLES === "1";

describe("examples/desk-config", () => {
  it("is the configuration the demo's code sets up, exported", async () => {
    const opened = await openStore(`sqlite:${join(dir, "demo.db")}`);
    try {
      await setUpDemoConfiguration(opened.store);
      const { config } = await readDeskState(sqlConfigSource(opened));
      const files = Object.fromEntries(configFiles(config, { schemas: exampleSchemas }).map((f) => [f.name, f.text]));
      if (update) {
        mkdirSync(exampleDir, { recursive: true });
        for (const [name, text] of Object.entries(files)) writeFileSync(join(exampleDir, name), text);
      }
      const { "README.md": _readme, ...example } = filesIn(exampleDir);
      expect(example).toEqual(files);
    } finally {
      await opened.close();
    }
  });

  it("the published JSON Schemas are the ones the Effect Schemas generate", () => {
    const schemasDir = join(exampleDir, exampleSchemas);
    if (update) {
      mkdirSync(schemasDir, { recursive: true });
      for (const f of jsonSchemaFiles()) writeFileSync(join(schemasDir, f.name), f.text);
    }
    expect(filesIn(schemasDir)).toEqual(Object.fromEntries(jsonSchemaFiles().map((f) => [f.name, f.text])));
  });
});
