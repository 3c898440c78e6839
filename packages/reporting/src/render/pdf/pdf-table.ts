import type PDFDocument from "pdfkit";
import type { Align, Column } from "../../model/column";
import { alignOf, isNumericKind, widthOf } from "../../model/column-rules";
import { pdfFonts, pdfStyle as s } from "./pdf-style";
import { TextFitter } from "./pdf-text-fitter";
import { trimLayoutCaches } from "./trim-layout-caches";

type Doc = InstanceType<typeof PDFDocument>;
type RowKind = "data" | "alt" | "subtotal" | "total";

const heightOf = (kind: RowKind): number => (kind === "total" ? s.rowHeight + 4 : s.rowHeight);

const oneLine = (text: string): string => (/[\r\n\t]/.test(text) ? text.replace(/\s+/g, " ") : text);

/** The widest text a value of each kind usually takes, so numeric columns are sized for their figures. */
const typicalValue: Readonly<Record<Column["kind"], string>> = {
  text: "",
  integer: "99,999",
  number: "99,999.99",
  percent: "100.0%",
  "duration-minutes": "99d 23h 59m",
  date: "30 Sep 2025",
  datetime: "30 Sep 2025, 23:59",
  currency: "€99,999.99",
};

/** Splits words into at most `maxLines` lines no wider than `width` (the last line may overflow). */
const wrapWords = (words: ReadonlyArray<string>, width: number, measure: (s: string) => number, maxLines: number): Array<string> => {
  const lines: Array<string> = [];
  let current = "";
  for (const word of words) {
    const next = current === "" ? word : `${current} ${word}`;
    if (current !== "" && measure(next) > width && lines.length < maxLines - 1) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current !== "") lines.push(current);
  return lines;
};

/** The narrowest width at which a label takes at most two lines (split at its best space). */
const twoLineWidth = (label: string, measure: (s: string) => number): number => {
  const words = label.split(/\s+/).filter(Boolean);
  let best = measure(words.join(" "));
  for (let k = 1; k < words.length; k++) best = Math.min(best, Math.max(measure(words.slice(0, k).join(" ")), measure(words.slice(k).join(" "))));
  return best;
};

/**
 * Draws a report table onto pdfkit pages: fixed-height single-line rows, text cut to the column
 * with an ellipsis, zebra stripes, and the header row repeated at the top of every page.
 * @example
 * const table = new PdfTable(doc, columns, top); table.header(); table.row(cells, "data")
 */
export class PdfTable {
  private readonly xs: ReadonlyArray<number>;
  private readonly ws: ReadonlyArray<number>;
  private readonly aligns: ReadonlyArray<Align>;
  private readonly regular: TextFitter;
  private readonly bold: TextFitter;
  private readonly headerFit: TextFitter;
  private readonly left: number;
  private readonly width: number;
  private pages = 0;
  private readonly labels: ReadonlyArray<string>;
  private readonly headerLines: ReadonlyArray<ReadonlyArray<string>>;
  private readonly headerHeight: number;
  /** The last row, held back so the total never lands alone on a page. */
  private pending: { cells: ReadonlyArray<string>; kind: RowKind; spanAt: number; span: number } | undefined;
  /** The y of the next row. */
  y: number;

  private readonly doc: Doc;
  private readonly columns: ReadonlyArray<Column>;

  constructor(doc: Doc, columns: ReadonlyArray<Column>, top: number) {
    this.doc = doc;
    this.columns = columns;
    this.left = s.margin;
    this.width = doc.page.width - 2 * s.margin;
    this.labels = columns.map((c) => c.label.toUpperCase());
    const ws = PdfTable.widths(doc, columns, this.labels, this.width);
    const xs: Array<number> = [];
    let x = this.left;
    for (const w of ws) {
      xs.push(x);
      x += w;
    }
    this.xs = xs;
    this.ws = ws;
    doc.font(pdfFonts.bold).fontSize(s.headerFontSize);
    this.headerLines = columns.map((_, i) =>
      wrapWords(this.labels[i]!.split(/\s+/).filter(Boolean), (ws[i] as number) - 2 * s.cellPadding, (t) => doc.widthOfString(t), 2),
    );
    this.headerHeight = this.headerLines.some((l) => l.length > 1) ? s.headerRowHeight + s.headerFontSize * 1.2 : s.headerRowHeight;
    this.aligns = columns.map(alignOf);
    this.regular = new TextFitter(doc, pdfFonts.regular);
    this.bold = new TextFitter(doc, pdfFonts.bold);
    this.headerFit = new TextFitter(doc, `${pdfFonts.bold}@header`);
    this.y = top;
  }

  /**
   * Column widths from their content: each at least as wide as its header on two lines and as its
   * kind's usual figure; text columns share what is left by their width weights. When even the
   * minimums do not fit the page, every column shrinks alike (and long text is cut with "…").
   */
  static widths(doc: Doc, columns: ReadonlyArray<Column>, labels: ReadonlyArray<string>, width: number): Array<number> {
    doc.font(pdfFonts.bold).fontSize(s.headerFontSize);
    const header = labels.map((l) => twoLineWidth(l, (t) => doc.widthOfString(t)));
    doc.font(pdfFonts.bold).fontSize(s.fontSize);
    const value = columns.map((c) => doc.widthOfString(typicalValue[c.kind]));
    const mins = columns.map((_, i) => Math.max(header[i] as number, value[i] as number) + 2 * s.cellPadding + 1);
    const sum = mins.reduce((a, b) => a + b, 0);
    if (sum >= width) return mins.map((m) => (m / sum) * width);
    const flexible = columns.map((c) => !isNumericKind(c.kind));
    const weights = columns.map((c, i) => (flexible.some(Boolean) ? (flexible[i] ? widthOf(c) : 0) : widthOf(c)));
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    return mins.map((m, i) => m + ((weights[i] as number) / total) * (width - sum));
  }

  /** The lowest y a row may reach on a page. */
  get bottom(): number {
    return this.doc.page.height - s.margin - s.footerHeight;
  }

  /** Starts a new page (with the header row) unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height <= this.bottom) return;
    this.doc.addPage();
    if (++this.pages % 8 === 0) trimLayoutCaches(this.doc);
    this.y = s.margin;
    this.header();
  }

  /** Draws the header row at the current y. */
  header(): void {
    const doc = this.doc;
    const h = this.headerHeight;
    doc.rect(this.left, this.y, this.width, h).fill(s.headerFill);
    doc.font(pdfFonts.bold).fontSize(s.headerFontSize).fillColor(s.headerText);
    const lineHeight = s.headerFontSize * 1.2;
    this.headerLines.forEach((lines, i) => {
      // Two-line rows centre a block of two lines; a one-line label sits on its lower line, by the figures.
      const rows = h > s.headerRowHeight ? 2 : 1;
      const top = this.y + (h - rows * lineHeight) / 2 + (rows - lines.length) * lineHeight;
      lines.forEach((line, k) => this.cell(this.headerFit, line, i, top + k * lineHeight));
    });
    this.y += h;
  }

  /** Draws a group heading spanning the table. */
  group(label: string): void {
    this.flush();
    this.ensure(s.rowHeight * 3);
    const doc = this.doc;
    doc.rect(this.left, this.y, this.width, s.rowHeight + 2).fill(s.groupFill);
    doc.rect(this.left, this.y, this.width, 1.5).fill(s.accent);
    doc.font(pdfFonts.bold).fontSize(s.fontSize).fillColor(s.text);
    const text = this.bold.fit(oneLine(label), this.width - 2 * s.cellPadding);
    doc.text(text, this.left + s.cellPadding, this.y + 4.5, { lineBreak: false });
    this.y += s.rowHeight + 2;
  }

  /**
   * Draws one row of display texts; cell `spanAt` may spread over `span` columns (totals labels).
   * Each row is drawn when the next one comes, so the total takes the last row with it to a new
   * page rather than standing there alone.
   */
  row(cells: ReadonlyArray<string>, kind: RowKind, spanAt = -1, span = 1): void {
    if (kind === "total") {
      this.ensure((this.pending ? heightOf(this.pending.kind) : 0) + heightOf("total"));
      this.flush();
      this.draw(cells, kind, spanAt, span);
      return;
    }
    this.flush();
    this.pending = { cells, kind, spanAt, span };
  }

  /** Draws the row held back, if any. */
  flush(): void {
    const p = this.pending;
    if (p === undefined) return;
    this.pending = undefined;
    this.ensure(heightOf(p.kind));
    this.draw(p.cells, p.kind, p.spanAt, p.span);
  }

  private draw(cells: ReadonlyArray<string>, kind: RowKind, spanAt: number, span: number): void {
    const doc = this.doc;
    const h = kind === "total" ? s.rowHeight + 4 : s.rowHeight;
    const fill = kind === "alt" ? s.stripe : kind === "subtotal" ? s.subtotalFill : kind === "total" ? s.totalFill : undefined;
    if (fill !== undefined) doc.rect(this.left, this.y, this.width, h).fill(fill);
    if (kind === "total") doc.rect(this.left, this.y, this.width, 1).fill(s.headerFill);
    const strong = kind === "subtotal" || kind === "total";
    doc.font(strong ? pdfFonts.bold : pdfFonts.regular).fontSize(s.fontSize).fillColor(s.text);
    const fitter = strong ? this.bold : this.regular;
    const ty = this.y + (h - s.fontSize * 1.15) / 2;
    for (let i = 0; i < cells.length; i++) {
      const text = cells[i];
      if (!text) continue;
      if (i === spanAt && span > 1) {
        const w = (this.xs[i + span - 1] as number) + (this.ws[i + span - 1] as number) - (this.xs[i] as number);
        doc.text(fitter.fit(oneLine(text), w - 2 * s.cellPadding), (this.xs[i] as number) + s.cellPadding, ty, { lineBreak: false });
        i += span - 1;
      } else {
        this.cell(fitter, oneLine(text), i, ty);
      }
    }
    this.y += h;
  }

  /** A thin rule under the table's last row. */
  rule(): void {
    this.flush();
    this.doc.rect(this.left, this.y, this.width, 0.5).fill(s.rule);
  }

  private cell(fitter: TextFitter, text: string, i: number, y: number): void {
    const w = (this.ws[i] as number) - 2 * s.cellPadding;
    const fitted = fitter.fit(text, w);
    if (fitted === "") return;
    const align = this.aligns[i];
    let x = (this.xs[i] as number) + s.cellPadding;
    if (align !== "left") {
      const tw = fitter.width(fitted);
      x += align === "right" ? w - tw : (w - tw) / 2;
    }
    this.doc.text(fitted, x, y, { lineBreak: false });
  }
}
