import * as Schema from "effect/Schema";
import type { FieldIssue } from "../validation/invalid-input";

const Count = (maximum: number) => Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum }));

/**
 * How much a service takes in one command; every field optional, `defaultInputLimits` fills the rest.
 * Each has a hard ceiling, so a setting cannot open the door to what stalls the desk.
 * @example { subjectChars: 200, tags: 20 }
 */
export const InputLimits = Schema.Struct({
  /** Characters of a subject (default 998, RFC 5322's line limit, which is also the ceiling). */
  subjectChars: Schema.optionalKey(Count(998)),
  /** UTF-8 bytes of a description, message body, note, reason or comment (default 1 MiB; ceiling 16 MiB). */
  bodyBytes: Schema.optionalKey(Count(16 * 1024 * 1024)),
  /** Tags on a ticket, and in one command (default 50; ceiling 1,000). */
  tags: Schema.optionalKey(Count(1000)),
  /** Characters of one tag (default 100; ceiling 1,000). */
  tagChars: Schema.optionalKey(Count(1000)),
  /** Custom fields in one command (default 50; ceiling 1,000). */
  customFields: Schema.optionalKey(Count(1000)),
  /** Characters of a custom field's key or string value (default 1,000; ceiling 100,000). */
  customFieldChars: Schema.optionalKey(Count(100_000)),
  /** Characters of a short text: category, external id, a page cursor (default 1,000; ceiling 10,000). */
  shortTextChars: Schema.optionalKey(Count(10_000)),
});
export type InputLimits = typeof InputLimits.Type;

/** The limits of a service that sets none. @example defaultInputLimits.subjectChars // 998 */
export const defaultInputLimits: Required<InputLimits> = {
  subjectChars: 998,
  bodyBytes: 1024 * 1024,
  tags: 50,
  tagChars: 100,
  customFields: 50,
  customFieldChars: 1000,
  shortTextChars: 1000,
};

/** A service's limits: its settings over the defaults. @example limitsOf(service).tags // 50 */
export const limitsOf = (service: { readonly settings: { readonly limits?: InputLimits } }): Required<InputLimits> =>
  ({ ...defaultInputLimits, ...service.settings.limits });

const bodyFields = ["description", "body", "reason", "note", "comment"] as const;
const shortFields = ["category", "externalId"] as const;

/**
 * Every field of a command over the service's limits, as field issues (empty when none is). Pure;
 * sizes are measured, never trimmed: the caller refuses the command and nothing is written.
 * @example commandLimitIssues({ subject: "x".repeat(2000) }, defaultInputLimits) // [{ path: "subject", message: "…" }]
 */
export const commandLimitIssues = (command: Readonly<Record<string, unknown>>, limits: Required<InputLimits>): ReadonlyArray<FieldIssue> => {
  const issues: FieldIssue[] = [];
  const subject = command.subject;
  if (typeof subject === "string" && subject.length > limits.subjectChars) {
    issues.push({ path: "subject", message: `is ${subject.length} characters; this service takes at most ${limits.subjectChars}` });
  }
  for (const field of bodyFields) {
    const v = command[field];
    // A UTF-16 code unit is at most 3 UTF-8 bytes: short strings need no count.
    if (typeof v !== "string" || v.length * 3 <= limits.bodyBytes) continue;
    const bytes = Buffer.byteLength(v, "utf8");
    if (bytes > limits.bodyBytes) issues.push({ path: field, message: `is ${bytes} bytes; this service takes at most ${limits.bodyBytes}` });
  }
  for (const field of shortFields) {
    const v = command[field];
    if (typeof v === "string" && v.length > limits.shortTextChars) {
      issues.push({ path: field, message: `is ${v.length} characters; this service takes at most ${limits.shortTextChars}` });
    }
  }
  for (const field of ["tags", "addTags", "removeTags"] as const) {
    const tags = command[field];
    if (!Array.isArray(tags)) continue;
    if (tags.length > limits.tags) issues.push({ path: field, message: `has ${tags.length} tags; this service takes at most ${limits.tags}` });
    const long = tags.findIndex((t) => typeof t === "string" && t.length > limits.tagChars);
    if (long >= 0) issues.push({ path: `${field}.${long}`, message: `is ${(tags[long] as string).length} characters; a tag has at most ${limits.tagChars}` });
  }
  const fields = command.customFields;
  if (typeof fields === "object" && fields !== null) {
    const entries = Object.entries(fields);
    if (entries.length > limits.customFields) issues.push({ path: "customFields", message: `has ${entries.length} fields; this service takes at most ${limits.customFields}` });
    for (const [key, value] of entries) {
      if (key.length > limits.customFieldChars) issues.push({ path: "customFields", message: `a key is ${key.length} characters; at most ${limits.customFieldChars}` });
      else if (typeof value === "string" && value.length > limits.customFieldChars) {
        issues.push({ path: `customFields.${key}`, message: `is ${value.length} characters; at most ${limits.customFieldChars}` });
      }
    }
  }
  return issues;
};

/**
 * The tags a ticket would hold past the service's limit after a change (the command's own count is
 * checked by `commandLimitIssues`); `undefined` when within it. Pure.
 * @example tagTotalIssue(49, 3, defaultInputLimits) // { path: "addTags", … }
 */
export const tagTotalIssue = (total: number, limits: Required<InputLimits>, path = "addTags"): FieldIssue | undefined =>
  total > limits.tags ? { path, message: `would leave the ticket with ${total} tags; this service takes at most ${limits.tags}` } : undefined;
