import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  // Declarations (with declaration maps) come from scripts/build-types.mjs, run after tsup by "build".
  sourcemap: true,
  clean: true,
  target: "node22",
});
