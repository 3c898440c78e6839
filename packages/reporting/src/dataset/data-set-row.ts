import type { DataSetDefinition, DataSetFilters, Dimension } from "./definition";
import { planAll } from "./measure-plan";
import type { PeriodBucket } from "./period-buckets";

/**
 * One row of a data set: a field per dimension (ids; `period` as the bucket's start `Date`), a field
 * per measure, and `rowKey`, which `drillDown` takes to list the tickets behind the row.
 * @example
 * for await (const row of evaluateInMemory(definition, storeTickets(store, ["svc-it"]))) console.log(row.group, row.created, row.rowKey)
 */
export type DataSetRow = Readonly<Record<string, unknown>> & { readonly rowKey: string };

/** Dimension values of a row as raw keys: ids or null, and the bucket index for `period`. */
export type RowKeyParts = ReadonlyArray<string | number | null>;

/** The filter field of each dimension that has one. */
export const filterFieldOf: Readonly<Record<Exclude<Dimension, "period">, keyof DataSetFilters>> = {
  service: "services",
  group: "groups",
  agent: "agents",
  channel: "channels",
  priority: "priorities",
  category: "categories",
  type: "types",
  organisation: "organisations",
  status: "statuses",
};

/** Orders row keys: part by part, nulls last, numbers numerically, text by code units. */
export const compareKeys = (a: RowKeyParts, b: RowKeyParts): number => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
};

/**
 * The key `drillDown` takes: the row's dimension values, with `period` as the bucket's start instant.
 * @example encodeRowKey(["grp-1", 1740787200000]) // '["grp-1",1740787200000]'
 */
export const encodeRowKey = (parts: ReadonlyArray<string | number | null>): string => JSON.stringify(parts);

/** Reads a row key back; throws a `RangeError` for text that is not one. @example decodeRowKey('["grp-1",1740787200000]', 2) // ["grp-1", 1740787200000] */
export const decodeRowKey = (key: string, arity: number): ReadonlyArray<string | number | null> => {
  const parts: unknown = JSON.parse(key);
  if (!Array.isArray(parts) || parts.length !== arity || !parts.every((p) => p === null || typeof p === "string" || typeof p === "number")) {
    throw new RangeError(`"${key}" is not a row key of this data set`);
  }
  return parts as ReadonlyArray<string | number | null>;
};

/**
 * Builds the output row from its key parts and raw aggregate values (identical in both evaluators).
 * @example toRow(definition, ["grp-1"], [3], buckets)
 */
export const toRow = (
  definition: DataSetDefinition,
  parts: RowKeyParts,
  raws: ReadonlyArray<number | null>,
  buckets: ReadonlyArray<PeriodBucket>,
): DataSetRow => {
  const row: Record<string, unknown> = {};
  const keyParts = definition.dimensions.map((d, i) => {
    const v = parts[i] ?? null;
    if (d !== "period") {
      row[d] = v;
      return v;
    }
    const start = buckets[Number(v)]?.start ?? null;
    row[d] = start === null ? null : new Date(start);
    return start;
  });
  for (const m of planAll(definition.measures).measures) row[m.measure] = m.plan.finish(m.at.map((i) => raws[i] ?? null));
  return { ...row, rowKey: encodeRowKey(keyParts) };
};
