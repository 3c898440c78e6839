/** The most categories a chart shows; charts are computed on a bounded set of rows. */
export const maxChartCategories = 50;
