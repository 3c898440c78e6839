/** The measuring part of a pdfkit document (current font and size). */
interface Measurer {
  widthOfString(text: string): number;
}

const ellipsis = "…";
const cacheLimit = 20_000;

/**
 * Measures and shortens cell text to a width, ending cut text with an ellipsis. Widths are
 * cached per font, since report columns repeat the same names and labels many times.
 * @example
 * const fit = new TextFitter(doc, "body"); fit.fit("Αλέξανδρος Κωνσταντινίδης", 60) // "Αλέξανδρος Κ…"
 */
export class TextFitter {
  private readonly widths = new Map<string, number>();

  private readonly doc: Measurer;
  /** The font this fitter measures (a name to tell fitters apart). */
  readonly font: string;

  constructor(doc: Measurer, font: string) {
    this.doc = doc;
    this.font = font;
  }

  /** Width of `text` in the current font and size (which must be this fitter's font). */
  width(text: string): number {
    let w = this.widths.get(text);
    if (w === undefined) {
      if (this.widths.size >= cacheLimit) this.widths.clear();
      w = this.doc.widthOfString(text);
      this.widths.set(text, w);
    }
    return w;
  }

  /** `text` itself if it fits in `max` points, else its longest prefix that fits with "…". */
  fit(text: string, max: number): string {
    if (this.width(text) <= max) return text;
    if (this.width(ellipsis) > max) return "";
    const chars = Array.from(text);
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.doc.widthOfString(`${chars.slice(0, mid).join("").trimEnd()}${ellipsis}`) <= max) lo = mid;
      else hi = mid - 1;
    }
    return `${chars.slice(0, lo).join("").trimEnd()}${ellipsis}`;
  }
}
