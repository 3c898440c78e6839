import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collect, rowsOf, sampleColumns, sampleMeta, sampleRows } from "../../../test/sample-report";
import type { Column } from "../../model/column";
import { ReportLayoutError } from "../../model/report-layout-error";
import { renderPdf, type PdfOptions } from "./render-pdf";

const hasPdftotext = spawnSync("pdftotext", ["-v"]).error === undefined;
if (!hasPdftotext) console.warn("pdftotext not found (apt-get install poppler-utils): PDF text checks are skipped");

const render = async (count: number, options: PdfOptions = {}, columns: ReadonlyArray<Column> = sampleColumns) => {
  const out = await collect();
  const summary = await renderPdf(sampleMeta, columns, sampleRows(count), options, out.stream);
  return { summary, pdf: out.buffer() };
};

const pageCount = (pdf: Buffer): number => (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;

const textOf = (pdf: Buffer): Array<string> => {
  const file = join(mkdtempSync(join(tmpdir(), "spoc-pdf-")), "r.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"]).toString("utf8").split("\f").slice(0, -1);
};

describe("renderPdf", () => {
  it("more columns than a page can show is a ReportLayoutError naming the count, not a page of empty cells", async () => {
    const wide: ReadonlyArray<Column> = Array.from({ length: 100 }, (_, i) => ({ key: `c${i}`, label: `Col ${i}`, kind: "integer" as const }));
    const out = await collect();
    const error = await renderPdf(sampleMeta, wide, rowsOf([Object.fromEntries(wide.map((c, i) => [c.key, i]))]), {}, out.stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportLayoutError);
    expect((error as Error).message).toMatch(/100 columns.*at most \d+/);
    expect(out.buffer().length).toBe(0);
    // a table that fits still renders
    const fits = wide.slice(0, 20);
    const ok = await collect();
    await renderPdf(sampleMeta, fits, rowsOf([Object.fromEntries(fits.map((c, i) => [c.key, i]))]), {}, ok.stream);
    expect(ok.buffer().subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("writes a PDF that paginates a long table", async () => {
    const { pdf, summary } = await render(300);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(summary.rows).toBe(300);
    expect(summary.bytes).toBe(pdf.length);
    expect(pageCount(pdf)).toBeGreaterThan(5);
  });

  it("embeds DejaVu Sans", async () => {
    const { pdf } = await render(3);
    expect(pdf.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
  });

  it.skipIf(!hasPdftotext)("repeats the header row and numbers every page 'Page i of N'", async () => {
    const { pdf } = await render(300);
    const pages = textOf(pdf);
    expect(pages.length).toBe(pageCount(pdf));
    pages.forEach((page, i) => {
      expect(page).toMatch(/SERVICE\s+AGENT\s+LAST ACTIVITY/);
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it.skipIf(!hasPdftotext)("shows Greek, Cyrillic and accented names, title, period and generation time", async () => {
    const [first = ""] = textOf((await render(8)).pdf);
    expect(first).toContain("Ζωή Παπαδοπούλου");
    expect(first).toContain("Дмитрий Иванов");
    expect(first).toContain("José Núñez");
    expect(first).toContain("Weekly agent performance");
    expect(first).toContain("3 Mar 2025 – 9 Mar 2025");
    expect(first).toContain("10 Mar 2025, 07:30");
  });

  it.skipIf(!hasPdftotext)("cuts long cell text with an ellipsis", async () => {
    const text = textOf((await render(8)).pdf).join("\n");
    expect(text).toMatch(/Αλέξανδρος Κωνσταντινίδης\S*…/);
    expect(text).not.toContain("Κωνσταντινίδης-Οικονόμου");
  });

  it.skipIf(!hasPdftotext)("writes subtotals per group and a grand total", async () => {
    const text = textOf((await render(48, { grouping: { by: "service" } })).pdf).join("\n");
    expect(text.match(/Subtotal (IT Help Desk|Facilities|HR Services) \(16 rows\)/g)).toHaveLength(3);
    expect(text).toMatch(/Total \(48 rows\)/);
  });

  it.skipIf(!hasPdftotext)("draws a chart of group totals with its title and categories", async () => {
    const pages = textOf(
      (await render(48, { grouping: { by: "service" }, chart: { type: "bar", category: "service", values: ["tickets"], title: "Tickets per service" } })).pdf,
    );
    const last = pages.at(-1) ?? "";
    expect(last).toContain("Tickets per service");
    // ranked by value, so in whatever order the sample's figures put them
    expect(last).toMatch(/(IT Help Desk|Facilities|HR Services)(\s+(IT Help Desk|Facilities|HR Services)){2}/);
  });

  it.skipIf(!hasPdftotext)("draws a chart of groups on page 1, before the table, when the group figures are computed", async () => {
    const groups = ["IT Help Desk", "Facilities", "HR Services"].map((value, i) => ({ value, figures: { tickets: 100 * (i + 1) } }));
    const pages = textOf(
      (
        await render(120, {
          grouping: { by: "service" },
          chart: { type: "bar", category: "service", values: ["tickets"], title: "Tickets per service" },
          computedTotals: { groups, subtotal: (v) => groups.find((g) => g.value === v)?.figures },
        })
      ).pdf,
    );
    const first = pages[0] ?? "";
    expect(first.indexOf("Tickets per service")).toBeGreaterThan(-1);
    expect(first.indexOf("Tickets per service")).toBeLessThan(first.indexOf("SERVICE"));
    expect(first).toMatch(/HR Services\s+Facilities\s+IT Help Desk/);
  });

  it("turns the page to landscape for wide tables and keeps portrait for narrow ones", async () => {
    const narrow = sampleColumns.slice(0, 4);
    const mediaBox = (pdf: Buffer) => pdf.toString("latin1").match(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/)?.slice(1).map(Number);
    const [w1 = 0, h1 = 0] = mediaBox((await render(3)).pdf) ?? [];
    const [w2 = 0, h2 = 0] = mediaBox((await render(3, {}, narrow)).pdf) ?? [];
    expect(w1).toBeGreaterThan(h1);
    expect(w2).toBeLessThan(h2);
  });

  it.skipIf(!hasPdftotext)("caps the drawn rows but keeps totals over all rows", async () => {
    const { pdf, summary } = await render(100, { maxRows: 10 });
    expect(summary.rows).toBe(100);
    const text = textOf(pdf).join("\n");
    expect(text).toContain("The table shows the first 10 of 100 rows");
    expect(text).toMatch(/Total \(100 rows\)/);
  });

  it("escapes nothing it should not: hostile text is just text", async () => {
    const out = await collect();
    const hostile = `<script>alert(1)</script> ") Tj (x`;
    await renderPdf({ ...sampleMeta, title: hostile }, [{ key: "a", label: hostile, kind: "text" }], rowsOf([{ a: hostile }]), {}, out.stream);
    const pdf = out.buffer();
    expect(pdf.toString("latin1")).toContain("%%EOF");
    if (hasPdftotext) expect(textOf(pdf)[0]).toContain("<script>alert(1)</script>");
  });
});
