import type { Column, ColumnKind } from "./column";
import { toNumber } from "./coerce-value";
import type { ChartSpec } from "./report-layout";
import type { TotalsRow } from "./running-totals";
import type { ValueFormatter } from "./value-formatter";

/** A chart ready to draw: bounded categories, one series per value column. */
export interface ChartData {
  readonly type: ChartSpec["type"];
  readonly title: string;
  readonly categories: ReadonlyArray<string>;
  readonly series: ReadonlyArray<{ readonly label: string; readonly values: ReadonlyArray<number | null> }>;
  /** The kind of the first value column, so axis labels can be formatted alike. */
  readonly valueKind: ColumnKind;
  /** Set when there were more categories than the chart shows. */
  readonly truncated: boolean;
}

const defaultLimit = 12;

/**
 * Collects the few rows (or group subtotals) a chart needs while the report streams.
 * @example
 * const c = new ChartCollector(spec, columns, formatter, false)
 * for await (const row of rows) c.addRow(row)
 * const data = c.data()
 */
export class ChartCollector {
  /** Whether the chart is fed by rows (else by group subtotals). */
  readonly fromRows: boolean;
  private readonly limit: number;
  private readonly valueColumns: ReadonlyArray<Column>;
  private readonly categoryColumn: Column | undefined;
  private readonly categories: Array<string> = [];
  private readonly values: Array<Array<number | null>>;
  private truncated = false;

  private readonly spec: ChartSpec;
  private readonly formatter: ValueFormatter;

  constructor(spec: ChartSpec, columns: ReadonlyArray<Column>, formatter: ValueFormatter, grouped: boolean) {
    this.spec = spec;
    this.formatter = formatter;
    this.fromRows = (spec.source ?? (grouped ? "groups" : "rows")) === "rows";
    this.limit = spec.limit ?? defaultLimit;
    const byKey = new Map(columns.map((c) => [c.key, c]));
    this.categoryColumn = byKey.get(spec.category);
    this.valueColumns = spec.values.flatMap((k) => byKey.get(k) ?? []);
    this.values = this.valueColumns.map(() => []);
  }

  /** Whether the chart has all the categories it will show. */
  get isFull(): boolean {
    return this.categories.length >= this.limit;
  }

  /** Offers a data row (ignored once full, or when the chart is fed by groups). */
  addRow(row: Readonly<Record<string, unknown>>): void {
    if (!this.fromRows) return;
    if (this.isFull) {
      this.truncated = true;
      return;
    }
    const value = row[this.spec.category];
    this.categories.push(this.categoryColumn ? this.formatter.format(this.categoryColumn, value) : String(value));
    this.valueColumns.forEach((c, i) => this.values[i]?.push(toNumber(row[c.key])));
  }

  /** Offers a group subtotal (ignored once full, or when the chart is fed by rows). */
  addSubtotal(subtotal: TotalsRow): void {
    if (this.fromRows) return;
    if (this.isFull) {
      this.truncated = true;
      return;
    }
    this.categories.push(subtotal.label);
    this.valueColumns.forEach((c, i) => this.values[i]?.push(subtotal.values[c.key] ?? null));
  }

  /** The chart as collected so far. */
  data(): ChartData {
    return {
      type: this.spec.type,
      title: this.spec.title ?? this.valueColumns.map((c) => c.label).join(", "),
      categories: this.categories,
      series: this.valueColumns.map((c, i) => ({ label: c.label, values: this.values[i] ?? [] })),
      valueKind: this.valueColumns[0]?.kind ?? "number",
      truncated: this.truncated,
    };
  }
}
