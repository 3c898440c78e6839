import { sql, type Kysely, type RawBuilder } from "kysely";

/**
 * The SQL dialects data sets compile to.
 * @example
 * const dialect: SqlDialect = dialectOfDb(db) // "sqlite" or "postgres"
 */
export type SqlDialect = "sqlite" | "postgres";

/**
 * Guesses the dialect of a Kysely instance from its adapter (pass it explicitly when wrapped).
 * @example dialectOfDb(db) // "sqlite"
 */
export const dialectOfDb = (db: Kysely<any>): SqlDialect => {
  const name = (db.getExecutor().adapter as object).constructor.name.toLowerCase();
  if (name.includes("postgres")) return "postgres";
  if (name.includes("sqlite")) return "sqlite";
  throw new RangeError(`data sets compile to SQLite and PostgreSQL, not ${name}`);
};

/** JSON text at a dotted path of the ticket document `t.doc`. */
export const docText = (d: SqlDialect, path: ReadonlyArray<string>, column = "t.doc"): RawBuilder<unknown> =>
  d === "sqlite"
    ? sql`json_extract(${sql.raw(column)}, ${`$.${path.join(".")}`})`
    : sql.raw(`(${column}${path.slice(0, -1).map((p) => `->'${p}'`).join("")}->>'${path[path.length - 1]}')`);

/** A JSON number at a path of `t.doc` (numeric in PostgreSQL). */
export const docNumber = (d: SqlDialect, path: ReadonlyArray<string>, column = "t.doc"): RawBuilder<unknown> =>
  d === "sqlite" ? docText(d, path, column) : sql`(${docText(d, path, column)})::numeric`;

/** `count(*)` of the ticket's SLA metric records matching a condition on each record `m`. */
export const slaMetricCount = (d: SqlDialect, where: (m: { text: (k: string) => RawBuilder<unknown>; isNumber: (k: string) => RawBuilder<unknown> }) => RawBuilder<unknown>): RawBuilder<unknown> => {
  if (d === "sqlite") {
    const m = {
      text: (k: string) => sql`json_extract(m.value, ${`$.${k}`})`,
      isNumber: (k: string) => sql`json_type(m.value, ${`$.${k}`}) in ('integer', 'real')`,
    };
    return sql`(select count(*) from json_each(t.doc, '$.sla.metrics') m where ${where(m)})`;
  }
  const m = {
    text: (k: string) => sql.raw(`(m->>'${k}')`),
    isNumber: (k: string) => sql.raw(`(json_typeof(m->'${k}') = 'number')`),
  };
  return sql`(select count(*) from json_array_elements(case when json_typeof(t.doc->'sla'->'metrics') = 'array' then t.doc->'sla'->'metrics' else '[]'::json end) m where ${where(m)})`;
};

/** The rounded `elapsedMs` of a stopped cycle of an SLA metric, from the ticket's SLA summary. */
export const slaElapsed = (d: SqlDialect, metric: string): RawBuilder<unknown> =>
  d === "sqlite"
    ? sql`(select cast(round(json_extract(m.value, '$.elapsedMs')) as integer) from json_each(t.doc, '$.sla.metrics') m
        where json_extract(m.value, '$.metric') = ${metric} and json_extract(m.value, '$.state') in ('met', 'breached')
        and json_type(m.value, '$.elapsedMs') in ('integer', 'real') limit 1)`
    : sql`(select round((m->>'elapsedMs')::numeric) from json_array_elements(case when json_typeof(t.doc->'sla'->'metrics') = 'array' then t.doc->'sla'->'metrics' else '[]'::json end) m
        where m->>'metric' = ${metric} and m->>'state' in ('met', 'breached') and json_typeof(m->'elapsedMs') = 'number' limit 1)`;
