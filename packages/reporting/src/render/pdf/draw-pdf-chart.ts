import type PDFDocument from "pdfkit";
import type { ChartData } from "../../model/chart-data";
import { chartGeometry } from "../chart-geometry";
import { pdfFonts, pdfStyle as s } from "./pdf-style";

type Doc = InstanceType<typeof PDFDocument>;

/**
 * Draws a bar or line chart with vector primitives in the box at (`x`, `y`), `w` × `h` points.
 * @example
 * drawPdfChart(doc, collector.data(), 36, 120, 770, 200, (n) => String(n))
 */
export const drawPdfChart = (
  doc: Doc,
  data: ChartData,
  x: number,
  y: number,
  w: number,
  h: number,
  formatValue: (n: number) => string,
): void => {
  const g = chartGeometry(data, w, h - 16, formatValue, 4.4, true);
  const color = (i: number): string => s.chartColors[i % s.chartColors.length] ?? s.accent;
  doc.save();
  doc.translate(x, y);
  doc.font(pdfFonts.bold).fontSize(10).fillColor(s.text).text(g.title, 0, 0, { lineBreak: false });
  if (g.note) {
    doc.font(pdfFonts.regular).fontSize(7).fillColor(s.muted);
    doc.text(g.note, g.width - doc.widthOfString(g.note), 2, { lineBreak: false });
  }
  doc.translate(0, 16);
  if (g.empty !== undefined) {
    doc.rect(0, 4, g.width, g.height - 8).lineWidth(0.5).strokeColor("#e2e8f0").stroke();
    doc.font(pdfFonts.regular).fontSize(10).fillColor(s.muted);
    doc.text(g.empty, (g.width - doc.widthOfString(g.empty)) / 2, g.height / 2 - 6, { lineBreak: false });
    doc.restore();
    return;
  }
  let lx = g.plot.x;
  doc.font(pdfFonts.regular).fontSize(7);
  for (const item of g.legend) {
    doc.rect(lx, 6, 7, 7).fill(color(item.series));
    doc.fillColor(s.muted).text(item.label, lx + 10, 5.5, { lineBreak: false });
    lx += 22 + doc.widthOfString(item.label);
  }
  const right = g.plot.x + g.plot.w;
  doc.lineWidth(0.5);
  for (const t of g.ticks) {
    doc.moveTo(g.plot.x, t.y).lineTo(right, t.y).strokeColor("#e2e8f0").stroke();
    doc.fillColor(s.muted).text(t.label, g.plot.x - 5 - doc.widthOfString(t.label), t.y - 3.5, { lineBreak: false });
  }
  for (const b of g.bars) doc.rect(b.x, b.y, b.w, b.h).fill(color(b.series));
  doc.lineWidth(1.6);
  for (const line of g.lines) {
    const [first, ...rest] = line.points;
    if (first === undefined) continue;
    doc.moveTo(first.x, first.y);
    for (const p of rest) doc.lineTo(p.x, p.y);
    doc.strokeColor(color(line.series)).stroke();
    for (const p of line.points) doc.circle(p.x, p.y, 2.2).fill(color(line.series));
  }
  doc.lineWidth(0.8).moveTo(g.plot.x, g.baseline).lineTo(right, g.baseline).strokeColor(s.muted).stroke();
  const labelY = g.plot.y + g.plot.h + 5;
  doc.fillColor(s.muted);
  for (const c of g.categories) {
    c.lines.forEach((line, k) => doc.text(line, c.x - doc.widthOfString(line) / 2, labelY + k * 8.5, { lineBreak: false }));
  }
  doc.restore();
};
