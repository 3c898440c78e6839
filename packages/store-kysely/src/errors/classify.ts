import { StoreError, type StoreErrorReason } from "@spoc/core";

/**
 * What the failing statement was writing, when the driver's error doesn't name the table.
 * @example
 * throw classifyError(error, { table: "spoc_tickets" })
 */
export interface ErrorContext {
  readonly table?: string;
}

export interface DriverError {
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly table?: unknown;
  readonly constraint?: unknown;
  readonly message?: unknown;
}

const PG_RETRYABLE = new Set(["40001", "40P01", "55P03", "53300", "57P01", "57P02", "57P03"]);
const MYSQL_RETRYABLE = new Set([1205, 1213, 1040, 1053, 1927, 2002, 2003, 2006, 2013]);
const NET_RETRYABLE = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH",
  "PROTOCOL_CONNECTION_LOST", "ER_LOCK_DEADLOCK", "ER_LOCK_WAIT_TIMEOUT", "ER_CON_COUNT_ERROR",
]);

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** Whether a driver error is a unique-key violation, on any of the three databases. @example isUniqueViolation({ errno: 1062 }) // true */
export const isUniqueViolation = (e: DriverError): boolean =>
  e.code === "23505" ||
  e.errno === 1062 ||
  e.code === "ER_DUP_ENTRY" ||
  e.code === "SQLITE_CONSTRAINT_UNIQUE" ||
  e.code === "SQLITE_CONSTRAINT_PRIMARYKEY";

/** Whether a driver error says the database is unreachable or the transaction lost a race. @example isTransient({ code: "40001" }) // true */
export const isTransient = (e: DriverError): boolean => {
  const code = str(e.code);
  if (/^08/.test(code) || PG_RETRYABLE.has(code)) return true;
  if (typeof e.errno === "number" && MYSQL_RETRYABLE.has(e.errno) && !code.startsWith("SQLITE")) return true;
  if (NET_RETRYABLE.has(code) || code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return true;
  return /Connection terminated|connection is closed|Can't add new command when connection is in closed state|not queryable|connection error/i.test(str(e.message));
};

/** The table, and the constraint if named, that a unique violation hit. */
export const violatedKey = (e: DriverError, context: ErrorContext = {}): { table: string; key: string } => {
  const message = str(e.message);
  if (typeof e.table === "string") return { table: e.table, key: str(e.constraint) };
  const sqlite = /constraint failed: (\w+)\.([\w., ]+)/.exec(message);
  if (sqlite) return { table: sqlite[1] ?? "", key: (sqlite[2] ?? "").replace(/\w+\./g, "") };
  // MySQL 8 names the key as `table.key`; MariaDB names only the key.
  const mysql = /for key '(?:(\w+)\.)?(\w+)'/.exec(message);
  if (mysql) {
    const key = mysql[2] ?? "";
    const fromName = /^(spoc_[a-z_]+?)_(?:pk|number)$/.exec(key)?.[1];
    return { table: mysql[1] ?? fromName ?? context.table ?? "", key };
  }
  return { table: context.table ?? "", key: str(e.constraint) };
};

const uniqueReason = (table: string, key: string): StoreErrorReason => {
  if (table === "spoc_messages") return "DuplicateMessageId";
  if (table === "spoc_commands") return "DuplicateCommand";
  if (table === "spoc_events") return "VersionConflict";
  if (table === "spoc_tickets" && !/number/.test(key)) return "VersionConflict";
  return "DuplicateKey";
};

/**
 * Maps a driver error onto a `StoreError`: a unique violation becomes a `VersionConflict` (event
 * stream or ticket row), a `DuplicateMessageId` (inbound message id) or a `DuplicateKey`; a lost
 * connection, deadlock or serialisation failure becomes a retryable `Unavailable`.
 * @example classifyError({ code: "23505", table: "spoc_messages" }).reason // "DuplicateMessageId"
 */
export function classifyError(error: unknown, context: ErrorContext = {}): StoreError {
  if (error instanceof StoreError) return error;
  const e: DriverError = typeof error === "object" && error !== null ? (error as DriverError) : { message: String(error) };
  const message = str(e.message) || String(error);
  if (isUniqueViolation(e)) {
    const { table, key } = violatedKey(e, context);
    return new StoreError({ reason: uniqueReason(table, key), message, cause: error });
  }
  if (isTransient(e)) return new StoreError({ reason: "Unavailable", message, cause: error });
  return new StoreError({ reason: "Unknown", message, cause: error });
}
