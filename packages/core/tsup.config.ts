import { defineConfig } from "tsup";

export default defineConfig({
  // Two entries: the domain, and the SQL the SQL adapters share (`@spoc/core/sql`, Node-only).
  entry: { index: "src/index.ts", "sql/index": "src/store/sql/index.ts" },
  format: ["esm"],
  // Declarations (with declaration maps) come from scripts/build-types.mjs, run after tsup by "build".
  sourcemap: true,
  clean: true,
  target: "node22",
});
