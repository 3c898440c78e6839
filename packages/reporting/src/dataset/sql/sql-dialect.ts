import { sql, type Kysely, type RawBuilder } from "kysely";

/**
 * SQLite and PostgreSQL: the databases SQL reports run on (each has a reporting boundary, SECURITY.md).
 * @example
 * const dialect: SqlDialect = dialectOfDb(db) // "sqlite" or "postgres"
 */
export type SqlDialect = "sqlite" | "postgres";

/** The SQL dialects data sets compile to: SQLite, PostgreSQL, and MySQL 8 / MariaDB 10.6+ (`mysql`). @example sqlDataSource(db, ["svc-it"], { dialect: "mysql" satisfies DataSetDialect }) */
export type DataSetDialect = SqlDialect | "mysql";

const adapterName = (db: Kysely<any>): string => (db.getExecutor().adapter as object).constructor.name.toLowerCase();

/**
 * The SQL-report dialect of a Kysely instance, from its adapter: SQLite or PostgreSQL, else a
 * RangeError (MySQL/MariaDB have no reporting boundary, so no SQL reports).
 * @example dialectOfDb(db) // "sqlite"
 */
export const dialectOfDb = (db: Kysely<any>): SqlDialect => {
  const name = adapterName(db);
  if (name.includes("postgres")) return "postgres";
  if (name.includes("sqlite")) return "sqlite";
  throw new RangeError(`${name} is neither SQLite nor PostgreSQL`);
};

/**
 * The data-set dialect of a Kysely instance, from its adapter (pass it explicitly when wrapped).
 * @example dataSetDialectOfDb(mysqlDb) // "mysql"
 */
export const dataSetDialectOfDb = (db: Kysely<any>): DataSetDialect => {
  const name = adapterName(db);
  if (name.includes("mysql")) return "mysql";
  if (name.includes("postgres") || name.includes("sqlite")) return dialectOfDb(db);
  throw new RangeError(`data sets compile to SQLite, PostgreSQL and MySQL/MariaDB, not ${name}`);
};

// MySQL/MariaDB: JSON text is read with `json_value` (NULL for JSON null, as SQLite and PostgreSQL
// give) and compared as bytes: the store's `utf8mb4_bin` pads trailing spaces ('a' = 'a '), while
// SQLite and PostgreSQL's "C" order compare bytes. mysql2 returns such values as Buffers.
const mysqlText = (column: string, path: ReadonlyArray<string>): RawBuilder<unknown> =>
  sql`cast(json_value(${sql.raw(column)}, ${`$.${path.join(".")}`}) as binary)`;

/** JSON text at a dotted path of the ticket document `t.doc`. */
export const docText = (d: DataSetDialect, path: ReadonlyArray<string>, column = "t.doc"): RawBuilder<unknown> => {
  if (d === "mysql") return mysqlText(column, path);
  return d === "sqlite"
    ? sql`json_extract(${sql.raw(column)}, ${`$.${path.join(".")}`})`
    : sql.raw(`(${column}${path.slice(0, -1).map((p) => `->'${p}'`).join("")}->>'${path[path.length - 1]}')`);
};

// Wide enough for epoch ms and sums of cents, with the fractions of a recorded `elapsedMs`.
const mysqlNumber = (text: RawBuilder<unknown>): RawBuilder<unknown> => sql`cast(${text} as decimal(38, 10))`;

/** A JSON number at a path of `t.doc` (numeric in PostgreSQL, decimal in MySQL/MariaDB). */
export const docNumber = (d: DataSetDialect, path: ReadonlyArray<string>, column = "t.doc"): RawBuilder<unknown> => {
  if (d === "mysql") return mysqlNumber(sql`json_value(${sql.raw(column)}, ${`$.${path.join(".")}`})`);
  return d === "sqlite" ? docText(d, path, column) : sql`(${docText(d, path, column)})::numeric`;
};

/** MySQL/MariaDB: the ticket's SLA metric records as rows `m` with the record in `m.v` (none unless `sla.metrics` is an array). */
const mysqlMetrics = sql`json_table(case when json_type(json_extract(t.doc, '$.sla.metrics')) = 'ARRAY' then t.doc else '{}' end,
  '$.sla.metrics[*]' columns (v json path '$')) m`;
const mysqlIsNumber = (k: string) => sql`(json_type(json_extract(m.v, ${`$.${k}`})) in ('INTEGER', 'UNSIGNED INTEGER', 'DOUBLE', 'DECIMAL'))`;

/** `count(*)` of the ticket's SLA metric records matching a condition on each record `m`. */
export const slaMetricCount = (d: DataSetDialect, where: (m: { text: (k: string) => RawBuilder<unknown>; isNumber: (k: string) => RawBuilder<unknown> }) => RawBuilder<unknown>): RawBuilder<unknown> => {
  if (d === "sqlite") {
    const m = {
      text: (k: string) => sql`json_extract(m.value, ${`$.${k}`})`,
      isNumber: (k: string) => sql`json_type(m.value, ${`$.${k}`}) in ('integer', 'real')`,
    };
    return sql`(select count(*) from json_each(t.doc, '$.sla.metrics') m where ${where(m)})`;
  }
  if (d === "mysql") {
    const m = { text: (k: string) => mysqlText("m.v", [k]), isNumber: mysqlIsNumber };
    return sql`(select count(*) from ${mysqlMetrics} where ${where(m)})`;
  }
  const m = {
    text: (k: string) => sql.raw(`(m->>'${k}')`),
    isNumber: (k: string) => sql.raw(`(json_typeof(m->'${k}') = 'number')`),
  };
  return sql`(select count(*) from json_array_elements(case when json_typeof(t.doc->'sla'->'metrics') = 'array' then t.doc->'sla'->'metrics' else '[]'::json end) m where ${where(m)})`;
};

/** The rounded `elapsedMs` of a stopped cycle of an SLA metric, from the ticket's SLA summary. */
export const slaElapsed = (d: DataSetDialect, metric: string): RawBuilder<unknown> => {
  if (d === "mysql") {
    // round() of a decimal rounds half away from zero, as Math.round does for these positive durations.
    return sql`(select round(${mysqlNumber(sql`json_value(m.v, '$.elapsedMs')`)}) from ${mysqlMetrics}
        where ${mysqlText("m.v", ["metric"])} = ${metric} and ${mysqlText("m.v", ["state"])} in ('met', 'breached') and ${mysqlIsNumber("elapsedMs")} limit 1)`;
  }
  return d === "sqlite"
    ? sql`(select cast(round(json_extract(m.value, '$.elapsedMs')) as integer) from json_each(t.doc, '$.sla.metrics') m
        where json_extract(m.value, '$.metric') = ${metric} and json_extract(m.value, '$.state') in ('met', 'breached')
        and json_type(m.value, '$.elapsedMs') in ('integer', 'real') limit 1)`
    : sql`(select round((m->>'elapsedMs')::numeric) from json_array_elements(case when json_typeof(t.doc->'sla'->'metrics') = 'array' then t.doc->'sla'->'metrics' else '[]'::json end) m
        where m->>'metric' = ${metric} and m->>'state' in ('met', 'breached') and json_typeof(m->'elapsedMs') = 'number' limit 1)`;
};

// MariaDB's JSON parser stops at an escaped lone surrogate (`\ud800`), so every field after it in
// the document reads as NULL; NUL (`\u0000`) it reads. Such text was kept from older versions or
// direct writes (PostgreSQL's views drop it with `spoc_report_json`). Here the query drops it: escaped
// backslashes are set aside (a raw U+0001 cannot occur in JSON text), then a high surrogate escape
// not followed by a low one, and a low one not preceded by a high one, are removed. Only documents
// holding `\u` take that path. Lookarounds read the same in MariaDB's PCRE and MySQL 8's ICU.
const loneSurrogate = String.raw`\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}`;
/** MySQL/MariaDB: JSON text without escaped lone surrogates (see above). @example cleanJson(sql.raw("doc")) */
export const cleanJson = (c: RawBuilder<unknown>): RawBuilder<unknown> => {
  return sql`case when locate(${"\\u"}, ${c}) = 0 then ${c}
    else replace(regexp_replace(replace(${c}, ${"\\\\"}, ${"\u0001"}), ${loneSurrogate}, ''), ${"\u0001"}, ${"\\\\"}) end`;
};

const ticketColumns = "id, service_id, status, priority, group_id, assignee_id, created_at, resolved_at, closed_at";

/**
 * The reporting view of tickets as a data set reads it, aliased `t`: the view itself, or on
 * MySQL/MariaDB the view with its documents' lone surrogate escapes dropped.
 * @example sql`select count(*) from ${ticketsFrom("mysql")}`
 */
export const ticketsFrom = (d: DataSetDialect): RawBuilder<unknown> =>
  d === "mysql" ? sql`(select ${sql.raw(ticketColumns)}, ${cleanJson(sql.raw("doc"))} as doc from spoc_report_tickets) t` : sql.raw("spoc_report_tickets t");

/** The reporting view of events as a data set reads it, aliased `e` (payloads cleaned as `ticketsFrom` does). */
export const eventsFrom = (d: DataSetDialect): RawBuilder<unknown> =>
  d === "mysql" ? sql`(select ticket_id, type, ${cleanJson(sql.raw("payload"))} as payload from spoc_report_events) e` : sql.raw("spoc_report_events e");
