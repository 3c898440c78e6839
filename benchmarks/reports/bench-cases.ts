/**
 * The four measured cases. Each case renders the same rows from the same async stream to a file;
 * "raw" cases are what a careful developer writes by hand with exceljs or pdfkit.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { columns, meta, rows } from "./bench-rows.ts";

// Libraries load inside each case, so a case's peak RSS holds only what that case uses. The spoc
// cases import `@spoc/reporting/render`, the renderers alone (no effect, @spoc/core, kysely), as a
// report worker does.

export type CaseName = "xlsx-spoc" | "xlsx-raw" | "pdf-spoc" | "pdf-raw";

const finished = async (stream: NodeJS.WritableStream): Promise<void> => {
  await once(stream, "finish");
};

type Render = (count: number, file: string) => Promise<void>;

const xlsxRaw = async (): Promise<Render> => {
  const { default: ExcelJS } = await import("exceljs");
  return async (count, file) => {
    const out = createWriteStream(file);
    const done = finished(out);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet("Report");
    const keys = columns.map((c) => c.key);
    sheet.addRow(columns.map((c) => c.label)).commit();
    let n = 0;
    for await (const r of rows(count)) {
      sheet.addRow(keys.map((k) => r[k])).commit();
      // let the zip stream work now and then (without this, raw exceljs buffers the whole sheet)
      if (++n % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    sheet.commit();
    await workbook.commit();
    await done;
  };
};

const pdfRaw = async (): Promise<Render> => {
  const { default: PDFDocument } = await import("pdfkit");
  const dir = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
  return async (count, file) => {
    const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: 36, bufferPages: true });
    doc.registerFont("r", join(dir, "DejaVuSans.ttf"));
    doc.registerFont("b", join(dir, "DejaVuSans-Bold.ttf"));
    const out = createWriteStream(file);
    const done = finished(out);
    doc.pipe(out);
    const left = 36;
    const width = doc.page.width - 72;
    const colW = width / columns.length;
    const bottom = doc.page.height - 36 - 22;
    let y = 36;
    const header = (): void => {
      doc.rect(left, y, width, 20).fill("#1e293b").fillColor("#ffffff").font("b").fontSize(7.5);
      columns.forEach((c, i) => doc.text(c.label, left + i * colW + 5, y + 6, { lineBreak: false }));
      y += 20;
    };
    doc.font("b").fontSize(18).fillColor("#1f2937").text(meta.title, left, y);
    y = doc.y + 14;
    header();
    let n = 0;
    for await (const r of rows(count)) {
      if (y + 15 > bottom) {
        doc.addPage();
        y = 36;
        header();
      }
      if (n++ % 2 === 1) doc.rect(left, y, width, 15).fill("#f3f6fa");
      doc.font("r").fontSize(8.5).fillColor("#1f2937");
      columns.forEach((c, i) => {
        const v = r[c.key];
        doc.text(v instanceof Date ? v.toISOString().slice(0, 16) : String(v), left + i * colW + 5, y + 3, { lineBreak: false });
      });
      y += 15;
    }
    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(i);
      doc.font("r").fontSize(7.5).fillColor("#64748b").text(`Page ${i + 1} of ${range.count}`, doc.page.width - 100, doc.page.height - 44, { lineBreak: false });
    }
    doc.end();
    await done;
  };
};

/** Loads what a case needs (not timed) and returns the timed part. */
export const loadCase = async (name: CaseName): Promise<Render> => {
  switch (name) {
    case "xlsx-raw":
      return xlsxRaw();
    case "pdf-raw":
      return pdfRaw();
    case "xlsx-spoc": {
      const { renderXlsx } = await import("@spoc/reporting/render");
      await import("exceljs"); // renderXlsx loads it on first use; load it before the clock starts
      return async (count, file) => {
        await renderXlsx(meta, columns, rows(count), {}, createWriteStream(file));
      };
    }
    case "pdf-spoc": {
      const { renderPdf } = await import("@spoc/reporting/render");
      await import("pdfkit");
      return async (count, file) => {
        await renderPdf(meta, columns, rows(count), {}, createWriteStream(file));
      };
    }
  }
};
