import type { Column, ColumnKind } from "./column";
import { aggregateOf } from "./column-rules";
import { toNumber } from "./coerce-value";
import type { ChartSpec, Grouping } from "./report-layout";
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
  /** Set when there were more categories than the chart shows (the rest are in "Other", or left out of a time line). */
  readonly truncated: boolean;
  /** How many categories the data had, "Other" included in the shown ones. */
  readonly totalCategories?: number;
  /** Whether the categories are points in time (kept in time order, labels thinned rather than cut). */
  readonly timeAxis?: boolean;
}

const defaultLimit = 12;
/** Categories held while rows stream; beyond this, rows count straight into "Other". */
const heldCategories = 5_000;
/** The most points of a time line (a daily year is 366). */
export const maxTimePoints = 400;

// Natural order of names: "Group 2" before "Group 10".
const natural = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

interface Category {
  readonly label: string;
  readonly values: Array<number | null>;
}

/**
 * Collects the categories a chart needs while the report streams, then ranks them: text
 * categories by the first value (largest first, ties by name in natural order; `order: "name"`
 * sorts by name), the top `limit - 1` kept and the rest added up into one "Other" bar; time
 * categories (a date column) keep their order and are all shown. A chart of rows in a grouped
 * report whose category is not the group names each category with its group ("High (IT)").
 * @example
 * const c = new ChartCollector(spec, columns, formatter, undefined)
 * for await (const row of rows) c.addRow(row)
 * const data = c.data()
 */
export class ChartCollector {
  /** Whether the chart is fed by rows (else by group subtotals). */
  readonly fromRows: boolean;
  private readonly limit: number;
  private readonly valueColumns: ReadonlyArray<Column>;
  private readonly categoryColumn: Column | undefined;
  private readonly held: Array<Category> = [];
  private readonly index = new Map<string, Category>();
  private readonly overflow: Array<number | null>;
  private overflowCount = 0;
  private readonly timeAxis: boolean;
  private readonly prefixGroup: boolean;

  private readonly spec: ChartSpec;
  private readonly formatter: ValueFormatter;

  constructor(spec: ChartSpec, columns: ReadonlyArray<Column>, formatter: ValueFormatter, grouping: Grouping | undefined) {
    this.spec = spec;
    this.formatter = formatter;
    this.fromRows = (spec.source ?? (grouping ? "groups" : "rows")) === "rows";
    this.limit = spec.limit ?? defaultLimit;
    const byKey = new Map(columns.map((c) => [c.key, c]));
    this.categoryColumn = byKey.get(this.fromRows ? spec.category : (grouping?.by ?? spec.category));
    this.valueColumns = spec.values.flatMap((k) => byKey.get(k) ?? []);
    this.overflow = this.valueColumns.map(() => null);
    this.timeAxis = this.categoryColumn?.kind === "date" || this.categoryColumn?.kind === "datetime";
    this.prefixGroup = this.fromRows && grouping !== undefined && grouping.by !== spec.category;
  }

  /** Offers a data row (ignored when the chart is fed by groups); `group` is its group's label. */
  addRow(row: Readonly<Record<string, unknown>>, group?: string): void {
    if (!this.fromRows) return;
    const value = row[this.spec.category];
    const name = this.categoryColumn ? this.formatter.format(this.categoryColumn, value) : String(value);
    // The category first, so that a label cut to its bar still tells the bars apart: "Urgent (Customer Support)".
    const label = this.prefixGroup && group !== undefined ? `${name} (${group})` : name;
    this.add(label, this.valueColumns.map((c) => toNumber(row[c.key])));
  }

  /** Offers a group subtotal (ignored when the chart is fed by rows). */
  addSubtotal(subtotal: TotalsRow): void {
    if (this.fromRows) return;
    this.add(subtotal.label, this.valueColumns.map((c) => subtotal.values[c.key] ?? null));
  }

  private add(label: string, values: Array<number | null>): void {
    const seen = this.index.get(label);
    if (seen !== undefined) {
      // The same category twice (rows that differ in a column the chart does not show): add up what adds up.
      this.valueColumns.forEach((c, i) => (seen.values[i] = this.merge(c, seen.values[i] ?? null, values[i] ?? null)));
      return;
    }
    if (this.held.length >= heldCategories) {
      this.overflowCount++;
      this.valueColumns.forEach((c, i) => (this.overflow[i] = this.merge(c, this.overflow[i] ?? null, values[i] ?? null)));
      return;
    }
    const category = { label, values };
    this.held.push(category);
    this.index.set(label, category);
  }

  private merge(column: Column, a: number | null, b: number | null): number | null {
    if (aggregateOf(column) !== "sum") return null; // a rate or a median of two categories is not known here
    return a === null && b === null ? null : (a ?? 0) + (b ?? 0);
  }

  /** The chart: ranked, with "Other", or a whole time line. */
  data(): ChartData {
    const total = this.held.length + this.overflowCount;
    let shown: Array<Category>;
    let truncated = false;
    if (this.timeAxis) {
      shown = this.held.slice(0, maxTimePoints);
      truncated = total > shown.length;
    } else {
      const ranked = [...this.held].sort((a, b) =>
        this.spec.order === "name" ? natural.compare(a.label, b.label) : (b.values[0] ?? -Infinity) - (a.values[0] ?? -Infinity) || natural.compare(a.label, b.label),
      );
      if (total <= this.limit) shown = ranked;
      else {
        const kept = ranked.slice(0, Math.max(1, this.limit - 1));
        const rest = ranked.slice(kept.length);
        const other = this.valueColumns.map((c, i) => rest.reduce<number | null>((sum, r) => this.merge(c, sum, r.values[i] ?? null), this.overflow[i] ?? null));
        shown = [...kept, { label: `Other (${total - kept.length})`, values: other }];
        truncated = true;
      }
    }
    return {
      type: this.spec.type,
      title: this.spec.title ?? this.valueColumns.map((c) => c.label).join(", "),
      categories: shown.map((c) => c.label),
      series: this.valueColumns.map((c, i) => ({ label: c.label, values: shown.map((s) => s.values[i] ?? null) })),
      valueKind: this.valueColumns[0]?.kind ?? "number",
      truncated,
      totalCategories: total,
      timeAxis: this.timeAxis,
    };
  }
}
