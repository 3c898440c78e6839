import * as Schema from "effect/Schema";
import { documentSchemas, type DocumentKind } from "./documents";

const titles: Record<DocumentKind, string> = {
  "contact-list": "spoc contact list: the list and its organisations",
  service: "spoc service: settings, groups, routing rules, SLA set-up and calendars, escalation rules, report schedules, mailboxes",
  agents: "spoc agents: memberships, skills, capacity, working calendar, absences",
};

/**
 * The JSON Schema (draft 2020-12) of one kind of configuration file, generated from the Effect
 * Schema `spoc apply` decodes it with (which stays the final authority: a cron expression or a
 * time zone is checked only there).
 * @example JSON.parse(jsonSchemaOf("service")).properties.kind // { type: "string", enum: ["service"] }
 */
export function jsonSchemaOf(kind: DocumentKind): string {
  const { schema, definitions } = Schema.toJsonSchemaDocument(documentSchemas[kind], { onExcessProperty: "error" });
  const document = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `${kind}.schema.json`,
    title: titles[kind],
    ...schema,
    ...(Object.keys(definitions).length > 0 ? { $defs: definitions } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Every configuration file's JSON Schema, by file name (`service.schema.json`…).
 * @example
 * for (const { name, text } of jsonSchemaFiles()) writeFileSync(join("schemas", name), text) // service.schema.json…
 */
export const jsonSchemaFiles = (): ReadonlyArray<{ readonly name: string; readonly text: string }> =>
  (Object.keys(documentSchemas) as ReadonlyArray<DocumentKind>).map((kind) => ({ name: `${kind}.schema.json`, text: jsonSchemaOf(kind) }));
