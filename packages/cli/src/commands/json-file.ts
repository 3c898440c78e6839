import { readFileSync } from "node:fs";
import type { ParseError } from "jsonc-parser";
import { CliError } from "./command";

// jsonc-parser locates what JSON.parse cannot; loaded only when a file fails, so commands that
// read a good file (spoc import's mapping) load nothing more.
const jsonc = () => import("jsonc-parser");

/** Line and column (both from 1) of a character offset in `text`. */
const position = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
};

/** A field's dotted path ("dataSet.dimensions.0") as jsonc-parser's segments (array indexes as numbers). */
const segments = (path: string) => (path === "" ? [] : path.split(".").map((k) => (/^\d+$/.test(k) ? Number(k) : k)));

/**
 * The line of the value at a dotted path in a JSON text; for a missing field, the line of the
 * nearest object that holds it; undefined for text that is not JSON.
 * @example await lineOfPath('{\n  "a": {\n    "b": 1\n  }\n}', "a.b") // 3
 */
export async function lineOfPath(text: string, path: string): Promise<number | undefined> {
  const { findNodeAtLocation, parseTree } = await jsonc();
  const root = parseTree(text);
  if (root === undefined) return undefined;
  const keys = segments(path);
  for (let n = keys.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, keys.slice(0, n));
    if (node !== undefined) return position(text, node.offset).line;
  }
  return undefined;
}

/**
 * Parses a JSON text; a syntax error is a `CliError` (exit 1) naming the file, line and column.
 * @example await parseJsonText("schedule.json", '{ "id": }') // rejects with `schedule.json:1:9: not valid JSON (ValueExpected)`
 */
export async function parseJsonText(file: string, text: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch (e) {
    const { parse: parseLoosely, printParseErrorCode } = await jsonc();
    const errors: ParseError[] = [];
    parseLoosely(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (first === undefined) throw new CliError(`${file}: not valid JSON: ${(e as Error).message}`, 1);
    const at = position(text, first.offset);
    throw new CliError(`${file}:${at.line}:${at.column}: not valid JSON (${printParseErrorCode(first.error)})`, 1);
  }
}

/** The issues of a typed input error (`InvalidInput` of @spoc/core), recognised by shape. */
const issuesOf = (e: unknown): ReadonlyArray<{ path: string; message: string }> | undefined => {
  const issues = (e as { _tag?: unknown; issues?: unknown } | null)?._tag === "InvalidInput" ? (e as { issues: unknown }).issues : undefined;
  return Array.isArray(issues) ? issues : undefined;
};

/**
 * Reads a JSON file and decodes it with `decode`. A file that cannot be read, is not JSON or does
 * not decode is a one-line `CliError` (exit 1) that names the file, the line and the field's path.
 * @example const schedule = await readJsonFile("schedule.json", decodeSchedule)
 */
export async function readJsonFile<A>(file: string, decode: (value: unknown) => A): Promise<A> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`, 1);
  }
  const value = await parseJsonText(file, text);
  try {
    return decode(value);
  } catch (e) {
    const issues = issuesOf(e);
    const first = issues?.[0];
    if (first === undefined) throw new CliError(`${file}: ${(e as Error).message}`, 1);
    const line = await lineOfPath(text, first.path);
    const more = issues !== undefined && issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    throw new CliError(`${file}${line !== undefined ? `:${line}` : ""}: ${first.path === "" ? "" : `${first.path}: `}${first.message}${more}`, 1);
  }
}
