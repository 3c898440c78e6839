import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

/** The packages bundled into the `spoc` command: spoc's own, and the two big libraries they share. */
const bundled = [/^@spoc\//, /^effect(\/|$)/, /^kysely(\/|$)/, /^uuid$/];
const dependenciesOf = (dir: string): string[] =>
  Object.keys((JSON.parse(readFileSync(new URL(`${dir}/package.json`, import.meta.url), "utf8")) as { dependencies?: object }).dependencies ?? {});
/** Everything else stays a package loaded from node_modules: database drivers (native code) and the renderers and mail libraries. */
const external = [...new Set(["./", "../core", "../store-kysely", "../reporting", "../email"].flatMap(dependenciesOf))]
  .filter((d) => !bundled.some((b) => b.test(d)))
  .concat(["better-sqlite3", "pg", "mysql2"]);

export default defineConfig([
  {
    // The library entry (`main`, `runDemo`, …): shares @spoc/core, effect and kysely with its host.
    // import-worker: the thread `spoc import` runs on (src/import/import-thread.ts finds it beside its chunk).
    // config: `@spoc/cli/config`, apply and export from code (an entry of its own: it loads @spoc/reporting and yaml).
    entry: { index: "src/index.ts", config: "src/desk-config/index.ts", "import-worker": "src/import/import-worker.ts" },
    format: ["esm"],
    // Declarations (with declaration maps) come from scripts/build-types.mjs, run after tsup by "build".
    sourcemap: true,
    clean: true,
    target: "node22",
  },
  {
    // The `spoc` bin as one tree-shaken bundle: only the parts of effect and kysely it uses, no
    // comments, so `spoc import` holds ~20 MB less code in memory (every command is a lazy chunk).
    // The two threads of `spoc import` start from files beside the chunks that start them:
    // import-worker (the import) and sqlite-writer (store-kysely's writer thread).
    entry: {
      bin: "src/bin.ts", main: "src/main.ts", "import-worker": "src/import/import-worker.ts",
      "sqlite-writer": "../store-kysely/src/writer-thread/worker.ts",
    },
    outDir: "dist/standalone",
    format: ["esm"],
    sourcemap: true,
    clean: true,
    target: "node22",
    noExternal: bundled,
    external,
    esbuildOptions(options) {
      // Whitespace and syntax only: identifiers keep their names for stack traces.
      options.minifyWhitespace = true;
      options.minifySyntax = true;
    },
  },
]);
