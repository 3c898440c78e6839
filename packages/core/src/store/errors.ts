import * as Schema from "effect/Schema";

/**
 * Why a store operation failed.
 * @example
 * if (isStoreError(e, "Unavailable" satisfies StoreErrorReason)) await retryLater()
 */
export const StoreErrorReason = Schema.Literals([
  "VersionConflict",
  "DuplicateMessageId",
  "DuplicateKey",
  "DuplicateCommand",
  "NotFound",
  "Unavailable",
  "Unknown",
]);
export type StoreErrorReason = typeof StoreErrorReason.Type;

/**
 * A failure of the storage layer, classified so callers know whether to retry.
 * Adapters map their driver's errors onto these reasons (PostgreSQL 23505 / MySQL 1062 → a duplicate).
 * @example if (e instanceof StoreError && e.reason === "VersionConflict") retry()
 */
export class StoreError extends Schema.TaggedError<StoreError>()("StoreError", {
  reason: StoreErrorReason,
  message: Schema.String,
  cause: Schema.optionalKey(Schema.Unknown),
}) {
  /** Whether trying the same operation again may succeed. */
  get isRetryable(): boolean {
    return this.reason === "VersionConflict" || this.reason === "Unavailable";
  }
}

/** Another writer appended to the ticket first; reload and decide again. @example throw versionConflict(req.ticketId, req.expectedVersion, actual) */
export const versionConflict = (ticketId: string, expected: number, actual: number): StoreError =>
  new StoreError({
    reason: "VersionConflict",
    message: `ticket ${ticketId}: expected version ${expected}, found ${actual}`,
  });

/** An inbound message with this id is already stored in the service. @example throw duplicateMessageId(externalId) */
export const duplicateMessageId = (externalId: string): StoreError =>
  new StoreError({ reason: "DuplicateMessageId", message: `message ${externalId} is already stored` });

/**
 * An append carried a command id the service has already recorded: the command was applied
 * before (perhaps by a try whose answer was lost). Not retryable; the Desk answers with the
 * ticket the first application wrote (`Store.findCommand`).
 * @example
 * throw duplicateCommand("req-7f3a") // an adapter refusing a command id the service already recorded
 */
export const duplicateCommand = (commandId: string): StoreError =>
  new StoreError({ reason: "DuplicateCommand", message: `command ${commandId} was already applied` });

/** Whether an unknown error is a store error of a given reason. @example if (isStoreError(e, "VersionConflict")) retry() */
export const isStoreError = (e: unknown, reason?: StoreErrorReason): e is StoreError =>
  e instanceof StoreError && (reason === undefined || e.reason === reason);
