// @ts-check
// A TypeDoc plugin (loaded by typedoc.config.mjs): every public export of every package's entry points
// carries an `@example`. `npm run docs:api` fails (an error, not a warning) on one without, naming its
// package and source file.
import { Application, ReflectionKind } from "typedoc";

/** Exports that need an example: the declarations a host names (fields and methods of these do not). */
const needsExample =
  ReflectionKind.Function |
  ReflectionKind.Class |
  ReflectionKind.Variable |
  ReflectionKind.TypeAlias |
  ReflectionKind.Interface |
  ReflectionKind.Enum;

/**
 * Containers whose exported members are checked, themselves exempt: an entry point's module, and a
 * namespace (`export * as x`), whose members already exported elsewhere are references, exempt too.
 */
const container = ReflectionKind.Project | ReflectionKind.Module | ReflectionKind.Namespace;

/** @param {import("typedoc").Comment | undefined} comment */
const hasExampleTag = (comment) => comment?.blockTags.some((tag) => tag.tag === "@example") ?? false;

/** The comment of a function lives on its signatures, of a variable holding a function on its type's. */
const hasExample = (/** @type {import("typedoc").DeclarationReflection} */ reflection) =>
  hasExampleTag(reflection.comment) ||
  (reflection.signatures ?? []).some((signature) => hasExampleTag(signature.comment)) ||
  (reflection.type?.type === "reflection" &&
    (reflection.type.declaration.signatures ?? []).some((signature) => hasExampleTag(signature.comment)));

/**
 * A schema's type (`export type Ticket = typeof Ticket.Type` beside `export const Ticket = Schema…`)
 * shares the example of its schema: exempt when a value of the same name is exported beside it.
 */
const isSchemaType = (/** @type {import("typedoc").DeclarationReflection} */ reflection) =>
  reflection.kindOf(ReflectionKind.TypeAlias) &&
  (reflection.parent?.children ?? []).some(
    (sibling) => sibling !== reflection && sibling.name === reflection.name && sibling.kindOf(ReflectionKind.Variable),
  );

/** @param {import("typedoc").Application} app */
export const load = (app) => {
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    // Packages mode validates each package's project, then the merged one (its packages already checked).
    if (app.options.getValue("entryPointStrategy") === "packages") return;
    const packageName = project.packageName ?? project.name;
    /** @type {string[]} */
    const missing = [];
    /** @param {import("typedoc").ContainerReflection} parent */
    const visit = (parent) => {
      for (const child of parent.children ?? []) {
        if (child.kindOf(container)) visit(child);
        else if (child.kindOf(needsExample) && !hasExample(child) && !isSchemaType(child)) {
          const id = project.getSymbolIdFromReflection(child);
          missing.push(`${child.getFriendlyFullName()} (${ReflectionKind[child.kind]}) in ${packageName}/${id?.packagePath ?? "?"}`);
        }
      }
    };
    visit(project);
    for (const line of missing) app.logger.error(`no @example: ${line}`);
    if (missing.length > 0) {
      app.logger.error(
        `${packageName}: ${missing.length} public export(s) without an @example (see CONTRIBUTING.md, "The API reference")`,
      );
    }
  });
};
