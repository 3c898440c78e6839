import { type Kysely, sql } from "kysely";
import type { StoreDialect } from "../dialect/store-dialect";

/** Inserts a row, or updates its non-key columns when a row with the same key exists. */
export function upsert(db: Kysely<any>, d: StoreDialect, table: string, row: Record<string, unknown>, keys: ReadonlyArray<string>) {
  const updates = Object.keys(row).filter((c) => !keys.includes(c));
  const insert = db.insertInto(table).values(row);
  if (d.upsert === "on-duplicate-key") {
    const set = updates.length > 0 ? updates : keys.slice(0, 1);
    return insert.onDuplicateKeyUpdate(Object.fromEntries(set.map((c) => [c, sql`values(${sql.ref(c)})`])));
  }
  return insert.onConflict((oc) =>
    updates.length === 0
      ? oc.columns(keys as string[]).doNothing()
      : oc.columns(keys as string[]).doUpdateSet(Object.fromEntries(updates.map((c) => [c, sql.ref(`excluded.${c}`)]))),
  );
}

/** A value as a JSON column takes it (text on every driver; `undefined` is stored as null). */
export const toJson = (v: unknown): string => JSON.stringify(v) ?? "null";
