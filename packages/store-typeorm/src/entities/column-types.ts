import type { EntitySchemaColumnOptions } from "typeorm";

/**
 * A JSON document column. The store writes JSON text; a host reading through the entity gets the
 * value back parsed on every database (PostgreSQL's `json` comes parsed, SQLite's and MySQL's
 * `text` does not).
 */
export const jsonColumn = (options: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({
  type: "text",
  transformer: {
    to: (v: unknown) => (v === undefined || v === null || typeof v === "string" ? v : JSON.stringify(v)),
    from: (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v),
  },
  ...options,
});

/** An epoch-milliseconds or counter column: BIGINT in the database, a number in JavaScript. */
export const bigintColumn = (options: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({
  type: "bigint",
  transformer: { to: (v: unknown) => v, from: (v: unknown) => (v === null || v === undefined ? v : Number(v)) },
  ...options,
});

/** An id column (text, compared in code-point order). */
export const idColumn = (options: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({ type: "varchar", ...options });
