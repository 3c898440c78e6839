import type { Column } from "./column";
import type { Grouping } from "./report-layout";
import { RunningTotals, type TotalsRow } from "./running-totals";

/** A group starting: its display label. */
export interface GroupStart {
  readonly label: string;
}

/** What happens when a row arrives: maybe a group closes (its subtotal) and a new one opens. */
export interface GroupBoundary {
  readonly closed: TotalsRow | undefined;
  readonly opened: GroupStart;
}

const keyOf = (value: unknown): string =>
  value instanceof Date ? `d:${value.getTime()}` : `${typeof value}:${String(value)}`;

/**
 * Tracks groups (runs of equal group-column values) and their subtotals while rows stream by.
 * @example
 * const g = new GroupedTotals(columns, { by: "service" }, (v) => String(v))
 * for await (const row of rows) { const b = g.push(row); if (b?.closed) writeSubtotal(b.closed) }
 * const { closed, total } = g.finish()
 */
export class GroupedTotals {
  private readonly group: RunningTotals;
  private readonly grand: RunningTotals;
  private currentKey: string | undefined;
  private currentLabel = "";

  private readonly grouping: Grouping | undefined;
  private readonly labelOf: (value: unknown) => string;

  constructor(columns: ReadonlyArray<Column>, grouping: Grouping | undefined, labelOf: (value: unknown) => string) {
    this.grouping = grouping;
    this.labelOf = labelOf;
    this.group = new RunningTotals(columns);
    this.grand = new RunningTotals(columns);
  }

  /** Whether any column is totalled (so total lines carry numbers). */
  get hasTotals(): boolean {
    return !this.grand.isEmpty;
  }

  /** Counts one row; returns the boundary when the row starts a new group. */
  push(row: Readonly<Record<string, unknown>>): GroupBoundary | undefined {
    let boundary: GroupBoundary | undefined;
    if (this.grouping !== undefined) {
      const value = row[this.grouping.by];
      const key = keyOf(value);
      if (key !== this.currentKey) {
        const closed = this.currentKey === undefined ? undefined : this.closeGroup();
        this.currentKey = key;
        this.currentLabel = this.labelOf(value);
        boundary = { closed, opened: { label: this.currentLabel } };
      }
      this.group.add(row);
    }
    this.grand.add(row);
    return boundary;
  }

  /** Closes the last group and returns it with the grand total. */
  finish(): { readonly closed: TotalsRow | undefined; readonly total: TotalsRow } {
    const closed = this.currentKey === undefined ? undefined : this.closeGroup();
    this.currentKey = undefined;
    return { closed, total: this.grand.result("total", "Total") };
  }

  private closeGroup(): TotalsRow {
    const row = this.group.result("subtotal", this.currentLabel);
    this.group.reset();
    return row;
  }
}
