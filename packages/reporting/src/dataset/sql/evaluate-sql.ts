import { sql, type Kysely, type RawBuilder } from "kysely";
import { decodeRowKey, filterFieldOf, toRow, type DataSetRow } from "../data-set-row";
import type { DataSetDefinition, Dimension } from "../definition";
import { planAll } from "../measure-plan";
import { resolvePeriod, type PeriodBucket } from "../period-buckets";
import { dataSetDialectOfDb, ticketsFrom, type DataSetDialect } from "./sql-dialect";
import { anchorSql, dimensionSql, factSql } from "./ticket-facts-sql";

/**
 * Options of the SQL evaluator.
 * @example
 * evaluateInSql(definition, db, { dialect: "postgres" })
 */
export interface SqlDataSetOptions {
  /** The database dialect; guessed from the Kysely adapter when absent. */
  readonly dialect?: DataSetDialect;
}

// Buckets are computed here in the period's zone (DST included), so no database needs time-zone
// tables: MySQL's CONVERT_TZ needs them loaded, and this MariaDB has none.
const bucketsCte = (d: DataSetDialect, buckets: ReadonlyArray<PeriodBucket>): RawBuilder<unknown> => {
  // Bucket bounds are integers computed here, never user text, so they are inlined (bounded by maxBuckets).
  const rows = buckets.map((b, i) => [i, Math.trunc(b.start), Math.trunc(b.end)].join(", "));
  // MySQL 8 spells a table value constructor `values row(…)`, MariaDB `values (…)`: a union reads the same in both.
  return d === "mysql"
    ? sql.raw(`b(i, s, e) as (${rows.map((r) => `select ${r}`).join(" union all ")})`)
    : sql.raw(`b(i, s, e) as (values ${rows.map((r) => `(${r})`).join(", ")})`);
};

/** The `where` of the tickets a data set reads: its filters, bound as parameters, and the period end. */
const whereSql = (d: DataSetDialect, definition: DataSetDefinition, to: number): RawBuilder<unknown> => {
  const parts: Array<RawBuilder<unknown>> = [sql`t.created_at < ${to}`];
  const filters = definition.filters ?? {};
  for (const [dimension, field] of Object.entries(filterFieldOf) as Array<[Exclude<Dimension, "period">, keyof typeof filters]>) {
    const values = filters[field];
    if (values === undefined) continue;
    parts.push(values.length === 0 ? sql`1 = 0` : sql`${dimensionSql(d, dimension)} in (${sql.join(values.map((v) => sql`${v}`))})`);
  }
  return sql.join(parts, sql` and `);
};

const anchorsJoin = (anchors: ReadonlyArray<string>): RawBuilder<unknown> =>
  sql.join(anchors.map((a) => anchorSql(a as never)), sql` or `);

/**
 * Compiles a data set to one SQL query over `spoc_report_tickets` (and `spoc_report_events` where a measure
 * needs the history): conditional sums and counts per group, nearest-rank percentiles by window
 * functions. Exported so hosts can read the SQL it runs.
 * @example const q = compileDataSet(definition, "postgres"); await q.execute(db)
 */
export const compileDataSet = (definition: DataSetDefinition, d: DataSetDialect) => {
  const { raws } = planAll(definition.measures);
  const { buckets, to } = resolvePeriod(definition.period, definition.dimensions.includes("period"));
  const anchors = [...new Set(raws.map((r) => r.anchor))];
  const dims = definition.dimensions.filter((x): x is Exclude<Dimension, "period"> => x !== "period");
  const dimCols = dims.map((_, i) => sql.raw(`d${i}`));
  const partition = sql.join([...dimCols, sql.raw("bi")]);
  const jCols = [
    ...dims.map((x, i) => sql`${dimensionSql(d, x)} as ${sql.raw(`d${i}`)}`),
    sql`b.i as bi`,
    ...raws.map((r, k) => sql`case when ${anchorSql(r.anchor)} then ${factSql(d, r.fact)} end as ${sql.raw(`v${k}`)}`),
  ];
  const windows = raws.flatMap((r, k) =>
    r.kind !== "percentile"
      ? []
      : [
          sql`row_number() over (partition by ${partition}, (${sql.raw(`v${k}`)} is null) order by ${sql.raw(`v${k}`)}) as ${sql.raw(`r${k}`)}`,
          sql`count(${sql.raw(`v${k}`)}) over (partition by ${partition}) as ${sql.raw(`n${k}`)}`,
        ],
  );
  const aggregates = raws.map((r, k) => {
    const v = sql.raw(`v${k}`);
    if (r.kind === "sum") return sql`coalesce(sum(${v}), 0) as ${sql.raw(`a${k}`)}`;
    if (r.kind === "count") return sql`count(${v}) as ${sql.raw(`a${k}`)}`;
    // Nearest rank ceil(p·n/100), in integer division (`/` is decimal division in MySQL).
    return sql`max(case when ${v} is not null and ${sql.raw(`r${k}`)} = (${sql.raw(String(r.p ?? 50))} * ${sql.raw(`n${k}`)} + 99) ${sql.raw(d === "mysql" ? "div" : "/")} 100 then ${v} end) as ${sql.raw(`a${k}`)}`;
  });
  // Byte order everywhere: PostgreSQL's "C"; SQLite's default; MySQL's binary strings (see docText) and utf8mb4_bin columns.
  const collate = d === "postgres" ? sql.raw(` collate "C"`) : sql.raw("");
  const orderBy = definition.dimensions.map((x) => {
    if (x === "period") return sql`bi`;
    const c = sql.raw(`d${dims.indexOf(x)}`);
    return sql`(${c} is null), ${c}${collate}`;
  });
  const query = sql<Record<string, unknown>>`with ${bucketsCte(d, buckets)},
j as (select ${sql.join(jCols)} from ${ticketsFrom(d)} join b on (${anchorsJoin(anchors)}) where ${whereSql(d, definition, to)}),
w as (select j.*${windows.length > 0 ? sql`, ${sql.join(windows)}` : sql``} from j)
select ${sql.join([...dimCols, sql.raw("bi"), ...aggregates])} from w group by ${partition}
order by ${sql.join([...orderBy, sql.raw("bi")])}`;
  return { query, dims, buckets, raws };
};

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
// MySQL returns the byte-compared dimension values as Buffers.
const text = (v: unknown): string | null => (v === null || v === undefined ? null : Buffer.isBuffer(v) ? v.toString("utf8") : String(v));

/**
 * Evaluates a data set in the database through the host's Kysely instance (SQLite, PostgreSQL or MySQL/MariaDB);
 * the same rows and numbers as `evaluateInMemory`. Only the grouped rows leave the database.
 * @example for await (const row of evaluateInSql(definition, db)) console.log(row.group, row.created)
 */
export async function* evaluateInSql(definition: DataSetDefinition, db: Kysely<any>, options: SqlDataSetOptions = {}): AsyncGenerator<DataSetRow> {
  const d = options.dialect ?? dataSetDialectOfDb(db);
  const { query, dims, buckets, raws } = compileDataSet(definition, d);
  const result = await query.execute(db);
  for (const r of result.rows) {
    const parts = definition.dimensions.map((x) => (x === "period" ? Number(r.bi) : text(r[`d${dims.indexOf(x)}`])));
    yield toRow(definition, parts, raws.map((_, k) => num(r[`a${k}`])), buckets);
  }
}

/**
 * The ids of the tickets behind one row of a data set, from the database.
 * @example for await (const id of drillDownInSql(definition, db, row.rowKey)) console.log(id)
 */
export async function* drillDownInSql(definition: DataSetDefinition, db: Kysely<any>, rowKey: string, options: SqlDataSetOptions = {}): AsyncGenerator<string> {
  const d = options.dialect ?? dataSetDialectOfDb(db);
  const parts = decodeRowKey(rowKey, definition.dimensions.length);
  const { raws } = planAll(definition.measures);
  const { buckets, to } = resolvePeriod(definition.period, definition.dimensions.includes("period"));
  const anchors = [...new Set(raws.map((r) => r.anchor))];
  const conditions = definition.dimensions.map((x, i) => {
    const v = parts[i] ?? null;
    if (x === "period") return sql`b.i = ${buckets.findIndex((b) => b.start === v)}`;
    return v === null ? sql`${dimensionSql(d, x)} is null` : sql`${dimensionSql(d, x)} = ${String(v)}`;
  });
  const where = sql.join([whereSql(d, definition, to), ...conditions], sql` and `);
  const result = await sql<{ id: unknown }>`with ${bucketsCte(d, buckets)}
select distinct t.id from ${ticketsFrom(d)} join b on (${anchorsJoin(anchors)}) where ${where} order by t.id`.execute(db);
  for (const r of result.rows) yield text(r.id) as string;
}
