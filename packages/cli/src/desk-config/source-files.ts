import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { decodeInput, InvalidInput } from "@spoc/core";
import { LineCounter, parseDocument, type Document } from "yaml";
import { parseJsonText } from "../commands/json-file";
import { CliError } from "../commands/command";
import { documentKinds, documentSchemas, type AgentsDocument, type ContactListDocument, type DocumentKind, type ServiceDocument } from "./documents";

/**
 * A configuration file, read and decoded: its documents and how to find the line of a path in it.
 * @example
 * const source: SourceFile = await readSourceFile("desk-config/agents.yaml")
 * source.lineOf("agents.0.email") // the line of the first agent's email
 */
export interface SourceFile {
  readonly file: string;
  readonly document: ContactListDocument | ServiceDocument | AgentsDocument;
  /** The line (from 1) of the value at a dotted path, or of the nearest object holding it. */
  readonly lineOf: (path: string) => number | undefined;
}

/** A bad configuration file: a `CliError` (exit 1) whose message names the file, line and path. */
export const fileError = (file: string, message: string, line?: number, path?: string): CliError =>
  new CliError(`${file}${line !== undefined ? `:${line}` : ""}: ${path ? `${path}: ` : ""}${message}`, 1);

// Parsing keeps a YAML document's whole syntax tree: 2.7 MB of YAML takes ~400 MB and ~5 s to
// read. A desk's configuration is kilobytes; a file far beyond that is a mistake or an attack.
const maxFileBytes = 8 * 2 ** 20;

const utf8 = new TextDecoder("utf-8", { fatal: true });

const extensions = new Set([".yaml", ".yml", ".json"]);

/**
 * The configuration files a path names: the file itself, or a folder's `*.yaml`, `*.yml` and
 * `*.json` files in name order (not its subfolders: `schemas/` beside them is not configuration).
 * @example
 * configFilesAt("desk-config") // ["desk-config/agents.yaml", "desk-config/service.svc-support.yaml", …]
 */
export function configFilesAt(path: string): ReadonlyArray<string> {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as Error).message}`, 1);
  }
  if (!isDir) return [path];
  const files = readdirSync(path).filter((f) => extensions.has(extname(f).toLowerCase())).sort().map((f) => join(path, f));
  if (files.length === 0) throw new CliError(`${path}: no .yaml, .yml or .json files`, 1);
  return files;
}

const segments = (path: string) => (path === "" ? [] : path.split(".").map((k) => (/^\d+$/.test(k) ? Number(k) : k)));

/** Finds the line of a dotted path in a parsed YAML (or JSON) document; a missing key gives its parent's line. */
const lineFinder = (doc: Document, counter: LineCounter) => (path: string): number | undefined => {
  const keys = segments(path);
  for (let n = keys.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return counter.linePos(range[0]).line;
  }
  return undefined;
};

/**
 * Reads and decodes one configuration file. YAML or JSON (by extension); every error is a
 * `CliError` (exit 1) naming the file, the line and the path of the bad field.
 * @example const source = readSourceFile("examples/desk-config/service.svc-support.yaml")
 */
export async function readSourceFile(file: string): Promise<SourceFile> {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > maxFileBytes) throw fileError(file, `${(size / 2 ** 20).toFixed(1)} MiB: a configuration file may hold at most 8 MiB (split it: several files of one kind are read together)`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`, 1);
  }
  // A Latin-1 file read as UTF-8 would store U+FFFD in names; refuse it instead.
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw fileError(file, "not UTF-8 text (save it as UTF-8)");
  }
  // JSON's own parser first for .json, so its errors read as JSON errors with line and column.
  if (extname(file).toLowerCase() === ".json") await parseJsonText(file, text);
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const syntax = doc.errors[0];
  // JSON is read by the YAML parser too (it is YAML): what JSON.parse lets through (a key given twice) is still a JSON error.
  const syntaxName = extname(file).toLowerCase() === ".json" ? "JSON" : "YAML";
  if (syntax) throw fileError(file, `not valid ${syntaxName}: ${syntax.message.split("\n")[0]}`, counter.linePos(syntax.pos[0]).line);
  const lineOf = lineFinder(doc, counter);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // yaml refuses aliases that expand too far (a "billion laughs" file): name the file.
    throw fileError(file, `not valid ${syntaxName}: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw fileError(file, "expected an object with a kind", 1);
  const kind = (value as { kind?: unknown }).kind;
  if (typeof kind !== "string" || !(documentKinds as ReadonlyArray<string>).includes(kind)) {
    throw fileError(file, `must be one of ${documentKinds.join(", ")}`, lineOf("kind"), "kind");
  }
  if (kind === "service" && "webhooks" in value) {
    throw fileError(file, "webhook subscriptions are not in spoc yet; remove the key", lineOf("webhooks"), "webhooks");
  }
  const decoded = decodeInput(documentSchemas[kind as DocumentKind], value, kind);
  if (decoded instanceof InvalidInput) {
    const first = decoded.issues[0] ?? { path: "", message: decoded.message };
    const more = decoded.issues.length > 1 ? ` (and ${decoded.issues.length - 1} more)` : "";
    throw fileError(file, `${first.message}${more}`, lineOf(first.path), first.path);
  }
  return { file, document: decoded as SourceFile["document"], lineOf };
}
