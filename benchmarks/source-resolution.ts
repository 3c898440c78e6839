/**
 * Lets Node's type stripping load the workspace packages from their TypeScript sources (the `source` export
 * condition): their relative imports are extensionless, which Node's ESM resolver rejects, so
 * a synchronous resolve hook retries them with `.ts` and `/index.ts`.
 */
import { registerHooks } from "node:module";

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const relative = specifier.startsWith("./") || specifier.startsWith("../");
      if (!relative || /\.[cm]?[jt]s$/.test(specifier)) throw error;
      for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`]) {
        try {
          return nextResolve(candidate, context);
        } catch {
          // try the next candidate
        }
      }
      throw error;
    }
  },
});
