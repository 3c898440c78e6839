// @ts-check
// The API reference: one site, a page per package, built from the TSDoc of every public entry point
// (`npm run docs:api`, into the git-ignored docs/api). Run by CI with warnings as errors, so an
// undocumented export, a broken {@link} or a type left out of the documentation fails the build.
import { readFileSync, readdirSync, existsSync } from "node:fs";

/** Each package's entry points are the `source` files of its package.json `exports`. */
const sourcesOf = (dir) =>
  Object.values(JSON.parse(readFileSync(`packages/${dir}/package.json`, "utf8")).exports ?? {})
    .flatMap((target) => (typeof target === "object" && target.source ? [target.source.replace(/^\.\//, "")] : []))
    .sort();

/**
 * A package's own typedoc.json adds to `packageOptions`: the entry points of a package with a
 * subpath export, and `intentionallyNotExported` (local helper types shown inline).
 */
const configured = (dir) =>
  (existsSync(`packages/${dir}/typedoc.json`) && JSON.parse(readFileSync(`packages/${dir}/typedoc.json`, "utf8")).entryPoints) ||
  defaultEntryPoints;

const defaultEntryPoints = ["src/index.ts"];
// Refuse to document fewer entry points than a package exports (a new subpath would go unchecked).
for (const dir of readdirSync("packages")) {
  if (!existsSync(`packages/${dir}/package.json`)) continue;
  const exported = sourcesOf(dir).join(", ");
  const documented = [...configured(dir)].sort().join(", ");
  if (exported !== documented) {
    throw new Error(
      `packages/${dir}: package.json exports ${exported} but the API reference documents ${documented}; ` +
        `list every exported source in packages/${dir}/typedoc.json "entryPoints"`,
    );
  }
}

/** Kinds that must carry a TSDoc summary: every export, and every method of an exported type. */
const requiredToBeDocumented = [
  "Module",
  "Namespace",
  "Enum",
  "Variable",
  "Function",
  "Class",
  "Interface",
  "TypeAlias",
  "Method",
  "Accessor",
];

const validation = { notExported: true, invalidLink: true, invalidPath: true, notDocumented: true };

/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  name: "spoc API reference",
  // Every public export carries an @example: an error (not a warning) naming each one without.
  plugin: ["./scripts/typedoc-require-examples.mjs"],
  entryPointStrategy: "packages",
  entryPoints: ["packages/*"],
  // The root tsconfig.json only holds project references; the packages' own tsconfigs are used.
  tsconfig: "tsconfig.base.json",
  packageOptions: {
    entryPoints: defaultEntryPoints,
    // `npm run typecheck` checks the types; the reference only reads them.
    skipErrorChecking: true,
    excludePrivate: true,
    excludeInternal: true,
    requiredToBeDocumented,
    validation,
    // No source links (see below): a clone's "origin" is no valid link target.
    disableSources: true,
    disableGit: true,
    sourceLinkTemplate: "{path}#L{line}",
  },
  requiredToBeDocumented,
  validation,
  out: "docs/api",
  readme: "none",
  // Members inherited from effect's classes (the tagged errors' `make`…) link to effect's own reference.
  externalSymbolLinkMappings: { effect: { "*": "https://effect.website/docs" } },
  githubPages: false,
  // The repository has no public address yet, and a clone's "origin" (a local path in CI) is no valid
  // link target: TypeDoc warns, which fails the warnings-as-errors build. No source links until it has one.
  disableSources: true,
  disableGit: true,
  sourceLinkTemplate: "{path}#L{line}",
};
