import type { Column } from "./column";
import { aggregateOf } from "./column-rules";
import { toNumber } from "./coerce-value";

/** A subtotal or grand-total line: its label, row count and one value per totalled column. */
export interface TotalsRow {
  readonly kind: "subtotal" | "total";
  readonly label: string;
  readonly rowCount: number;
  /** Column key → sum or mean (`null` when the group had no numeric value); only totalled columns. */
  readonly values: Readonly<Record<string, number | null>>;
}

/**
 * Folds rows into sums and means for the columns whose aggregate is not `none`.
 * @example
 * const t = new RunningTotals([{ key: "n", label: "N", kind: "integer" }])
 * t.add({ n: 2 }); t.add({ n: 3 })
 * t.result("total", "Total").values.n // 5
 */
export class RunningTotals {
  private readonly keys: ReadonlyArray<string>;
  private readonly means: ReadonlyArray<boolean>;
  private readonly sums: Float64Array;
  private readonly counts: Float64Array;
  private rows = 0;

  constructor(columns: ReadonlyArray<Column>) {
    const totalled = columns.filter((c) => aggregateOf(c) !== "none");
    this.keys = totalled.map((c) => c.key);
    this.means = totalled.map((c) => aggregateOf(c) === "mean");
    this.sums = new Float64Array(totalled.length);
    this.counts = new Float64Array(totalled.length);
  }

  /** Whether any column is totalled at all. */
  get isEmpty(): boolean {
    return this.keys.length === 0;
  }

  /** Adds one row's values. */
  add(row: Readonly<Record<string, unknown>>): void {
    this.rows++;
    for (let i = 0; i < this.keys.length; i++) {
      const n = toNumber(row[this.keys[i] as string]);
      if (n !== null) {
        this.sums[i] = (this.sums[i] as number) + n;
        this.counts[i] = (this.counts[i] as number) + 1;
      }
    }
  }

  /** The totals so far, as a labelled line. */
  result(kind: TotalsRow["kind"], label: string): TotalsRow {
    const values: Record<string, number | null> = {};
    this.keys.forEach((key, i) => {
      const count = this.counts[i] as number;
      const sum = this.sums[i] as number;
      values[key] = count === 0 ? null : this.means[i] ? sum / count : sum;
    });
    return { kind, label, rowCount: this.rows, values };
  }

  /** Starts again from zero (for the next group). */
  reset(): void {
    this.sums.fill(0);
    this.counts.fill(0);
    this.rows = 0;
  }
}
