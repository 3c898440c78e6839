import { defineConfig } from "tsup";

// Two entries: the whole package, and the renderers alone (`@spoc/reporting/render`, no effect).
// Code splitting keeps one copy of shared modules, so both entries export the same classes.
const entry = { index: "src/index.ts", "render/index": "src/render/index.ts" };

export default defineConfig({
  entry,
  format: ["esm"],
  splitting: true,
  // Declarations (with declaration maps) come from scripts/build-types.mjs, run after tsup by "build".
  sourcemap: true,
  clean: true,
  target: "node22",
});
