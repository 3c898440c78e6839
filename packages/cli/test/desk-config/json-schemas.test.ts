import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as Exit from "effect/Exit";
import * as Schema from "effect/Schema";
import * as SchemaRepresentation from "effect/SchemaRepresentation";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { exampleDir, exampleSchemas } from "./demo-config";

// The published JSON Schemas, read back as a validator (Effect's own JSON Schema importer): an
// editor using them must accept the example files and flag what spoc apply refuses.
const validatorOf = (kind: string) => {
  const { $schema: _d, $id: _i, title: _t, $defs, ...schema } = JSON.parse(readFileSync(join(exampleDir, exampleSchemas, `${kind}.schema.json`), "utf8"));
  const decoder = SchemaRepresentation.fromJsonSchemaDocument({ dialect: "draft-2020-12", schema, definitions: $defs ?? {} }, { patterns: "apply" });
  return (value: unknown) => Exit.isSuccess(Schema.decodeUnknownExit(decoder as Schema.Codec<unknown>)(value, { onExcessProperty: "error" }));
};
const example = (name: string) => parse(readFileSync(join(exampleDir, name), "utf8")) as Record<string, unknown>;

describe("the published JSON Schemas", () => {
  it("accept the example files", () => {
    expect(validatorOf("agents")(example("agents.yaml"))).toBe(true);
    expect(validatorOf("contact-list")(example("contact-list.cl-customers.yaml"))).toBe(true);
    expect(validatorOf("service")(example("service.svc-support.yaml"))).toBe(true);
    expect(validatorOf("service")(example("service.svc-billing.yaml"))).toBe(true);
  });

  it("flag a wrong value, a missing field and an unknown key", () => {
    const service = validatorOf("service");
    const support = example("service.svc-support.yaml");
    const groups = support.groups as Array<Record<string, unknown>>;
    expect(service({ ...support, groups: [{ ...groups[0], level: "night-shift" }] })).toBe(false);
    const { settings: _s, ...withoutSettings } = support;
    expect(service(withoutSettings)).toBe(false);
    expect(service({ ...support, colour: "red" })).toBe(false);
    expect(service({ ...support, mailboxes: [{ id: "m", address: "not an address" }] })).toBe(false);
    expect(service({ ...support, mailboxes: [{ id: "m", address: "desk@example.com" }] })).toBe(true);
  });
});
