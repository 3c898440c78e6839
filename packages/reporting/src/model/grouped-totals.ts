import type { Column } from "./column";
import { isNumericKind } from "./column-rules";
import { toNumber } from "./coerce-value";
import { groupKeyOf, type ComputedTotals } from "./computed-totals";
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

const keyOf = groupKeyOf;

/**
 * Tracks groups (runs of equal group-column values) and their subtotals while rows stream by.
 * With `computed` totals, a totals line takes each numeric column's figure from them (the data
 * evaluated at that level); columns they do not name are folded from the rows.
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
  private currentValue: unknown;
  private readonly numericKeys: ReadonlyArray<string>;
  private readonly computed: ComputedTotals | undefined;

  private readonly grouping: Grouping | undefined;
  private readonly labelOf: (value: unknown) => string;

  constructor(columns: ReadonlyArray<Column>, grouping: Grouping | undefined, labelOf: (value: unknown) => string, computed?: ComputedTotals) {
    this.grouping = grouping;
    this.computed = computed;
    this.numericKeys = columns.filter((c) => isNumericKind(c.kind)).map((c) => c.key);
    this.labelOf = labelOf;
    this.group = new RunningTotals(columns);
    this.grand = new RunningTotals(columns);
  }

  /** Whether any column is totalled (so total lines carry numbers). */
  get hasTotals(): boolean {
    return !this.grand.isEmpty || (this.computed !== undefined && this.numericKeys.length > 0);
  }

  /** Every group's subtotal line from the computed totals, before any row (undefined without them). */
  computedSubtotals(): ReadonlyArray<TotalsRow> | undefined {
    const groups = this.computed?.groups;
    if (groups === undefined || this.grouping === undefined) return undefined;
    const empty = this.group.result("subtotal", "");
    return groups.map((g) => this.withComputed({ ...empty, label: this.labelOf(g.value) }, g.figures));
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
        this.currentValue = value;
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
    return { closed, total: this.withComputed(this.grand.result("total", "Total"), this.computed?.total) };
  }

  private closeGroup(): TotalsRow {
    const row = this.withComputed(this.group.result("subtotal", this.currentLabel), this.computed?.subtotal?.(this.currentValue));
    this.group.reset();
    return row;
  }

  /** The folded line with every numeric figure the data gives for that level put in. */
  private withComputed(row: TotalsRow, figures: Readonly<Record<string, unknown>> | undefined): TotalsRow {
    if (figures === undefined) return row;
    const values: Record<string, number | null> = { ...row.values };
    for (const key of this.numericKeys) if (key in figures) values[key] = toNumber(figures[key]);
    return { ...row, values };
  }
}
