import { CompiledQuery, type Kysely, type Transaction } from "kysely";
import type { SpocDatabase } from "../schema/tables";

/** How a bulk insert is cut into statements and written for its driver. */
export interface InsertShape {
  /** `$1, $2…` (PostgreSQL) or `?` (SQLite, MySQL). */
  readonly placeholders: "dollar" | "question";
  /**
   * Cut rows into a few fixed statement sizes (1000, 100, 10, 1) so each SQL text recurs and a
   * prepared-statement cache (the SQLite store's) reuses it; otherwise one statement per 1000 rows.
   */
  readonly fixedSizes: boolean;
}

const MAX_ROWS = 1000; // well under every database's limit of bound parameters (7 columns × 1000)
const SIZES = [1000, 100, 10, 1] as const;

const texts = new Map<string, string>();

/** The INSERT text for `count` rows of `columns` (cached: the same shapes recur all import long). */
function insertText(table: string, columns: ReadonlyArray<string>, count: number, placeholders: InsertShape["placeholders"]): string {
  const key = `${table}\u0000${columns.join(",")}\u0000${count}\u0000${placeholders}`;
  const hit = texts.get(key);
  if (hit !== undefined) return hit;
  const width = columns.length;
  const tuples: string[] = [];
  for (let r = 0; r < count; r++) {
    const marks: string[] = [];
    for (let c = 0; c < width; c++) marks.push(placeholders === "dollar" ? `$${r * width + c + 1}` : "?");
    tuples.push(`(${marks.join(", ")})`);
  }
  const text = `insert into ${table} (${columns.join(", ")}) values ${tuples.join(", ")}`;
  if (texts.size > 256) texts.clear();
  texts.set(key, text);
  return text;
}

/**
 * Inserts rows as multi-row INSERTs compiled straight to SQL text. `values` holds the rows one
 * after another, each in `columns` order (one flat array: no array per row to build, copy or
 * send to a writer thread). Building Kysely's query tree for thousands of values costs more than
 * SQLite takes to insert them, and an import writes hundreds of thousands of event rows.
 * @example await insertRows(tx, "spoc_events", ["ticket_id", "version"], ["t1", 1, "t1", 2], { placeholders: "question", fixedSizes: true })
 */
export async function insertRows(
  db: Kysely<SpocDatabase> | Transaction<SpocDatabase>,
  table: string,
  columns: ReadonlyArray<string>,
  values: ReadonlyArray<unknown>,
  shape: InsertShape,
): Promise<void> {
  const width = columns.length;
  if (values.length % width !== 0) throw new Error(`insertRows: ${values.length} values do not fill rows of ${width} columns`);
  const rows = values.length / width;
  let i = 0;
  while (i < rows) {
    const left = rows - i;
    const count = shape.fixedSizes ? (SIZES.find((s) => s <= left) as number) : Math.min(MAX_ROWS, left);
    const parameters = values.slice(i * width, (i + count) * width);
    await db.executeQuery(CompiledQuery.raw(insertText(table, columns, count, shape.placeholders), parameters));
    i += count;
  }
}
