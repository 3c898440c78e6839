import type PDFDocument from "pdfkit";
import type { Align, Column } from "../../model/column";
import { alignOf, widthOf } from "../../model/column-rules";
import { pdfFonts, pdfStyle as s } from "./pdf-style";
import { TextFitter } from "./pdf-text-fitter";
import { trimLayoutCaches } from "./trim-layout-caches";

type Doc = InstanceType<typeof PDFDocument>;
type RowKind = "data" | "alt" | "subtotal" | "total";

const oneLine = (text: string): string => (/[\r\n\t]/.test(text) ? text.replace(/\s+/g, " ") : text);

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
  /** The y of the next row. */
  y: number;

  private readonly doc: Doc;
  private readonly columns: ReadonlyArray<Column>;

  constructor(doc: Doc, columns: ReadonlyArray<Column>, top: number) {
    this.doc = doc;
    this.columns = columns;
    this.left = s.margin;
    this.width = doc.page.width - 2 * s.margin;
    const total = columns.reduce((sum, c) => sum + widthOf(c), 0);
    let x = this.left;
    const xs: Array<number> = [];
    const ws: Array<number> = [];
    for (const c of columns) {
      const w = (widthOf(c) / total) * this.width;
      xs.push(x);
      ws.push(w);
      x += w;
    }
    this.xs = xs;
    this.ws = ws;
    this.aligns = columns.map(alignOf);
    this.regular = new TextFitter(doc, pdfFonts.regular);
    this.bold = new TextFitter(doc, pdfFonts.bold);
    this.headerFit = new TextFitter(doc, `${pdfFonts.bold}@header`);
    this.y = top;
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
    const h = s.headerRowHeight;
    doc.rect(this.left, this.y, this.width, h).fill(s.headerFill);
    doc.font(pdfFonts.bold).fontSize(s.headerFontSize).fillColor(s.headerText);
    this.columns.forEach((c, i) => this.cell(this.headerFit, c.label.toUpperCase(), i, this.y + (h - s.headerFontSize * 1.2) / 2));
    this.y += h;
  }

  /** Draws a group heading spanning the table. */
  group(label: string): void {
    this.ensure(s.rowHeight * 3);
    const doc = this.doc;
    doc.rect(this.left, this.y, this.width, s.rowHeight + 2).fill(s.groupFill);
    doc.rect(this.left, this.y, this.width, 1.5).fill(s.accent);
    doc.font(pdfFonts.bold).fontSize(s.fontSize).fillColor(s.text);
    const text = this.bold.fit(oneLine(label), this.width - 2 * s.cellPadding);
    doc.text(text, this.left + s.cellPadding, this.y + 4.5, { lineBreak: false });
    this.y += s.rowHeight + 2;
  }

  /** Draws one row of display texts; cell `spanAt` may spread over `span` columns (totals labels). */
  row(cells: ReadonlyArray<string>, kind: RowKind, spanAt = -1, span = 1): void {
    this.ensure(kind === "total" ? s.rowHeight + 4 : s.rowHeight);
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
