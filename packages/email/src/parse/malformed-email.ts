import { Schema } from "effect";

/**
 * Why a raw message was refused.
 * @example
 * if (error instanceof MalformedEmail && error.reason === "TooLarge") reject(error.detail)
 */
export const MalformedReason = Schema.Literals([
  "Unparseable",
  "TooLarge",
  "HeadersTooLarge",
  "NestingTooDeep",
  "Timeout",
]);
export type MalformedReason = typeof MalformedReason.Type;

/**
 * A raw message that could not be turned into an `InboundEmail`. It carries the raw bytes so
 * the host can keep them (dead-letter folder, ticket note): nothing is lost.
 *
 * @example
 * try { await parseEmail(raw) } catch (e) { if (e instanceof MalformedEmail) quarantine(e.raw) }
 */
export class MalformedEmail extends Schema.TaggedError<MalformedEmail>()("MalformedEmail", {
  reason: MalformedReason,
  detail: Schema.String,
  raw: Schema.Uint8Array,
}) {}
