import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidInput } from "@spoc/core";
import { afterAll, describe, expect, it } from "vitest";
import { lineOfPath, parseJsonText, readJsonFile } from "./json-file";

const dir = mkdtempSync(join(tmpdir(), "spoc-json-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const text = '{\n  "id": "weekly",\n  "recipients": [\n    "a@x.example",\n    42\n  ]\n}\n';

describe("JSON files", () => {
  it("the line of a field is found from its dotted path, array indexes included", async () => {
    expect(await lineOfPath(text, "id")).toBe(2);
    expect(await lineOfPath(text, "recipients.1")).toBe(5);
  });

  it("a missing field is placed on the line of the object that should hold it", async () => {
    expect(await lineOfPath(text, "report.predefined")).toBe(1);
  });

  it("a syntax error names the file, line and column", async () => {
    await expect(parseJsonText("s.json", '{\n  "id": ,\n}')).rejects.toThrow("s.json:2:9: not valid JSON (ValueExpected)");
  });

  it("a decoding error names the file, the line and the field's path, and exits 1", async () => {
    const file = join(dir, "s.json");
    writeFileSync(file, text);
    const decode = () => {
      throw new InvalidInput({ message: "bad", issues: [{ path: "recipients.1", message: "Expected string" }, { path: "id", message: "x" }] });
    };
    const e = await readJsonFile(file, decode).catch((x: unknown) => x);
    expect((e as Error).message).toBe(`${file}:5: recipients.1: Expected string (and 1 more)`);
    expect((e as { exitCode: number }).exitCode).toBe(1);
  });

  it("a file that cannot be read is named", async () => {
    await expect(readJsonFile(join(dir, "none.json"), (v) => v)).rejects.toThrow(`cannot read ${join(dir, "none.json")}`);
  });
});
