/**
 * The most categories a chart shows; charts are computed on a bounded set of rows.
 * @example
 * const chart: ChartSpec = { type: "bar", category: "agent", values: ["resolved"], limit: maxChartCategories }
 */
export const maxChartCategories = 50;
