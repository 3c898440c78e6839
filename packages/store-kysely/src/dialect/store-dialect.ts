import type { Kysely, RawBuilder } from "kysely";
import type { SpocDatabase } from "../schema/tables";

/**
 * Names of the databases the store runs on.
 * @example
 * const { dialect } = await openStore("postgres://localhost/spoc") // dialect: DialectName = "postgres"
 */
export type DialectName = "sqlite" | "postgres" | "mysql";

/**
 * What differs between databases, and nothing else: column types, upsert syntax, whether the
 * sweep can `SKIP LOCKED`, how a ticket number is allocated atomically.
 * @example const d = dialectOf(db); d.skipLocked // true on PostgreSQL
 */
export interface StoreDialect {
  readonly name: DialectName;
  /** Type of id columns (compared in code-point order, case-sensitive). */
  readonly idType: RawBuilder<unknown>;
  /** Type of key columns holding emails and domains. */
  readonly longKeyType: RawBuilder<unknown>;
  /** Type of the inbound message id column (RFC 5322 Message-IDs can be long). */
  readonly messageIdType: RawBuilder<unknown>;
  /** Type of JSON document columns. */
  readonly jsonType: RawBuilder<unknown>;
  /** Appended to `CREATE TABLE` (MySQL's charset and binary collation). */
  readonly tableOptions: RawBuilder<unknown> | undefined;
  /** `on-conflict` (PostgreSQL, SQLite) or `on-duplicate-key` (MySQL). */
  readonly upsert: "on-conflict" | "on-duplicate-key";
  /** The sweep locks rows with `FOR UPDATE SKIP LOCKED`; otherwise one `UPDATE … RETURNING`. */
  readonly skipLocked: boolean;
  /** Several processes may write at once. */
  readonly multiProcess: boolean;
  /**
   * The sweep claim skips waiting for the disk flush at commit. A lease lost in a crash only lets
   * another sweeper claim the ticket again; what makes escalations idempotent is the
   * expected-version append, which stays durable.
   */
  readonly relaxedLeaseCommit: boolean;
  /** The append runs as one statement of data-modifying CTEs (PostgreSQL) instead of a transaction. */
  readonly singleStatementAppend: boolean;
  /** Partial indexes (`WHERE next_deadline IS NOT NULL`) are supported. */
  readonly partialIndexes: boolean;
  /** Turns a JSON column value as the driver returns it into a value. */
  readonly readJson: (v: unknown) => unknown;
  /** Allocates the next `count` numbers (default 1) of a service in one atomic statement; returns the last of them. */
  readonly allocateNumber: (db: Kysely<SpocDatabase>, serviceId: string, count?: number) => Promise<number>;
}

/** Reads a JSON column that the driver returns as text. */
export const parseJsonText = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : v);
