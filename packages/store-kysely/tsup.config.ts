import { defineConfig } from "tsup";

// No `clean`: the two builds run side by side, and one must not wipe the other's output (the build script empties dist/ first).

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm"],
    // Declarations (with declaration maps) come from scripts/build-types.mjs, run after tsup by "build".
    sourcemap: true,
    target: "node22",
  },
  {
    // The SQLite writer thread runs from its own file beside the entry (`writer-thread/client.ts`
    // finds it there). @spoc/core is inlined: a worker inherits the host's resolution conditions,
    // and under a source condition `@spoc/core` would resolve to TypeScript it cannot load.
    entry: { "sqlite-writer": "src/writer-thread/worker.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node22",
    noExternal: [/^@spoc\//],
  },
]);
