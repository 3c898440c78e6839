import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import type { DeskConfig } from "./desk-state";
import type { DocumentKind } from "./documents";
import { jsonSchemaFiles } from "./json-schemas";

/**
 * The format of exported files.
 * @example
 * exportConfig(config, "desk-config/", { format: "json" satisfies ConfigFormat })
 */
export type ConfigFormat = "yaml" | "json";

/**
 * Options of `configFiles` and `exportConfig`.
 * @example
 * configFiles(config, { format: "yaml", schemas: "https://example.com/spoc/schemas" })
 */
export interface ExportOptions {
  readonly format?: ConfigFormat;
  /**
   * Where the files' `$schema` references point: a folder (relative to the files, or a URL) holding
   * `service.schema.json`… Default `schemas`, written beside the files by `exportConfig`.
   */
  readonly schemas?: string;
}

// A file name keeps an id readable and safe on every file system.
const safe = (id: string) => id.replace(/[^A-Za-z0-9_.-]/g, "_");

/**
 * A desk's configuration as files in the canonical form: `contact-list.<id>`, `service.<id>` and
 * `agents` (`.yaml` or `.json`), each pointing at its JSON Schema. Pure: the same configuration
 * always gives the same bytes (ids ascending, routing rules in running order, no line folding).
 * @example configFiles(config).map((f) => f.name) // ["agents.yaml", "contact-list.cl-customers.yaml", "service.svc-billing.yaml", …]
 */
export function configFiles(config: DeskConfig, options: ExportOptions = {}): ReadonlyArray<{ readonly name: string; readonly text: string }> {
  const format = options.format ?? "yaml";
  const schemas = (options.schemas ?? "schemas").replace(/\/+$/, "");
  const file = (kind: DocumentKind, base: string, value: object) => {
    const ref = `${schemas}/${kind}.schema.json`;
    const text = format === "json"
      ? `${JSON.stringify({ $schema: ref, ...value }, null, 2)}\n`
      : `# yaml-language-server: $schema=${ref}\n${stringify(value, { lineWidth: 0, aliasDuplicateObjects: false })}`;
    return { name: `${base}.${format}`, text };
  };
  return [
    ...(config.agents.length > 0 ? [file("agents", "agents", { kind: "agents", agents: config.agents })] : []),
    ...config.contactLists.map((l) => file("contact-list", `contact-list.${safe(l.id)}`, l)),
    ...config.services.map((s) => file("service", `service.${safe(s.id)}`, s)),
  ];
}

/**
 * Writes a desk's configuration into a folder (made if missing; files of the same name are
 * replaced, others left), and the JSON Schemas into `schemas/` beside them unless `schemas` points
 * elsewhere. Returns the names written.
 * @example await exportConfig(config, "desk-config")
 */
export function exportConfig(config: DeskConfig, dir: string, options: ExportOptions = {}): ReadonlyArray<string> {
  mkdirSync(dir, { recursive: true });
  const files = [...configFiles(config, options)];
  if (options.schemas === undefined) {
    mkdirSync(join(dir, "schemas"), { recursive: true });
    files.push(...jsonSchemaFiles().map((f) => ({ name: join("schemas", f.name), text: f.text })));
  }
  for (const f of files) writeFileSync(join(dir, f.name), f.text);
  return files.map((f) => f.name);
}
