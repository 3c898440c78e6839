/**
 * Subtotals and the grand total as figures computed from the data (the data set evaluated at the
 * group's level and at the report's), instead of folding the rows on the page. Rates then come
 * out weighted (244/308, not the mean of the rows' percentages) and medians and p90 exist at every
 * level. Renderers use a figure from here for every numeric column it names.
 * @example
 * const totals: ComputedTotals = { total: { created: 308, "sla-compliance": 0.792 }, subtotal: (g) => byGroup.get(groupKeyOf(g)) }
 */
export interface ComputedTotals {
  /** The whole report's figures, by column key. */
  readonly total?: Readonly<Record<string, unknown>>;
  /** A group's figures, by the group column's value as the rows carry it. */
  readonly subtotal?: (groupValue: unknown) => Readonly<Record<string, unknown>> | undefined;
  /**
   * Every group's value and figures, in the order the rows bring them: lets a chart of groups be
   * drawn before the table (the PDF puts it on page 1).
   */
  readonly groups?: ReadonlyArray<{ readonly value: unknown; readonly figures: Readonly<Record<string, unknown>> }>;
}

/**
 * The key that tells groups apart: equal dates and equal values of one type are one group.
 * @example groupKeyOf(new Date(0)) === groupKeyOf(new Date(0)) // true
 */
export const groupKeyOf = (value: unknown): string =>
  value instanceof Date ? `d:${value.getTime()}` : `${typeof value}:${String(value)}`;
