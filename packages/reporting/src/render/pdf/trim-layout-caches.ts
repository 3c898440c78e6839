/** The parts of pdfkit's document and fonts that hold the text-shaping cache. */
interface FontCacheInternals {
  readonly _fontFamilies?: Record<string, { layoutCache?: Record<string, unknown> } | undefined>;
}

/**
 * Empties pdfkit's per-font cache of shaped words (call every few pages).
 *
 * pdfkit keeps every distinct word it has shaped for the life of the document; a table of ticket
 * numbers, amounts and dates makes that grow by megabytes per thousand rows. Words repeat within a
 * few pages far more than across the document, so a short-lived cache keeps the speed without the growth. Reads
 * pdfkit internals defensively: when they are not there it does nothing.
 * @example
 * if (++pages % 8 === 0) trimLayoutCaches(doc)
 */
export const trimLayoutCaches = (doc: object): void => {
  const families = (doc as FontCacheInternals)._fontFamilies;
  if (families === undefined) return;
  for (const font of Object.values(families)) {
    if (font?.layoutCache !== undefined) font.layoutCache = Object.create(null) as Record<string, unknown>;
  }
};
