import * as Exit from "effect/Exit";
import * as Schema from "effect/Schema";
import * as SchemaIssue from "effect/SchemaIssue";
import { unsafeInputIssues } from "./safe-text";

/**
 * One problem found in an input: the dotted path of the field and what is wrong with it.
 * @example
 * if (e instanceof InvalidInput) e.issues.forEach((i: FieldIssue) => console.error(`${i.path}: ${i.message}`))
 */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Input that failed its schema; names every bad field and why. Nothing was changed.
 * @example if (e instanceof InvalidInput) for (const i of e.issues) console.log(`${i.path}: ${i.message}`)
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  message: Schema.String,
  issues: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
}) {}

const formatter = SchemaIssue.makeFormatterStandardSchemaV1();

const pathOf = (path: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined): string =>
  (path ?? [])
    .map((p) => (typeof p === "object" && p !== null && "key" in p ? p.key : p))
    .map(String)
    .join(".");

/** Turns a schema issue into field issues with dotted paths. @example fieldIssues(error.issue) // [{ path: "memberships.0.role", message: "…" }] */
export const fieldIssues = (issue: SchemaIssue.Issue): ReadonlyArray<FieldIssue> =>
  formatter(issue).issues.map((i) => ({ path: pathOf(i.path as never), message: i.message }));

/**
 * Builds an `InvalidInput` from field issues, with a one-line summary naming the fields.
 * @example invalidInput("service", [{ path: "key", message: "must be 2–10 capitals" }]).message // "invalid service: key: must be 2–10 capitals"
 */
export const invalidInput = (what: string, issues: ReadonlyArray<FieldIssue>): InvalidInput =>
  new InvalidInput({
    message: `invalid ${what}: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`,
    issues: [...issues],
  });

/**
 * Decodes unknown input with a schema, or returns an `InvalidInput` naming each bad field. Before the
 * schema, every string and number of the input is checked (`unsafeInputIssues`): U+0000, lone
 * surrogates and non-finite numbers are refused wherever they are, so no input can store them.
 * @example
 * const r = decodeInput(Schema.Struct({ a: Schema.Number }), { a: "x" }, "command")
 * if (r instanceof InvalidInput) console.log(r.issues[0].path) // "a"
 */
export const decodeInput = <S extends Schema.Top & { readonly DecodingServices: never }>(
  schema: S,
  input: unknown,
  what = "input",
): S["Type"] | InvalidInput => {
  let unsafe: ReadonlyArray<FieldIssue>;
  try {
    unsafe = unsafeInputIssues(input);
  } catch {
    // A getter or proxy that throws while being read: the input cannot be decoded, whatever it holds.
    return invalidInput(what, [{ path: "", message: "could not be read" }]);
  }
  if (unsafe.length > 0) return invalidInput(what, unsafe);
  const exit = Schema.decodeUnknownExit(schema as never)(input, { errors: "all", onExcessProperty: "error" });
  if (Exit.isSuccess(exit)) return exit.value as S["Type"];
  const failure = exit.cause.reasons.find((r) => r._tag === "Fail");
  const error = failure && "error" in failure ? (failure.error as Schema.SchemaError) : undefined;
  return invalidInput(what, error ? fieldIssues(error.issue) : [{ path: "", message: "could not be decoded" }]);
};
