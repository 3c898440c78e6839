import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const built = existsSync(new URL("../dist/index.js", import.meta.url));
if (!built) console.warn("packaging test skipped: packages/core/dist is not built (run npm run build)");

describe.skipIf(!built)("the published shape of @spoc/core", () => {
  it("loads from CommonJS require() and from ESM import", () => {
    const cjs = execFileSync(process.execPath, ["-e", "const c = require('@spoc/core'); console.log(typeof c.createDesk, typeof c.decide)"], { cwd: root, encoding: "utf8" });
    expect(cjs.trim()).toBe("function function");
    const esm = execFileSync(process.execPath, ["--input-type=module", "-e", "const c = await import('@spoc/core'); console.log(typeof c.createDesk)"], { cwd: root, encoding: "utf8" });
    expect(esm.trim()).toBe("function");
  });
});
