// The reports as a person sees them: the HTML in headless Chromium (its DOM, its console, a
// screenshot) and the PDF through poppler (page count, page pictures). Each tool comes from
// $SPOC_CHROMIUM / $SPOC_PDFTOPPM (set by .ci/run) or the PATH; without it the test is skipped
// with the reason printed.
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { finished } from "node:stream/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderHtml } from "../src/render/html/render-html";
import { renderPdf } from "../src/render/pdf/render-pdf";
import { decodePng, inkOf } from "./png-pixels";
import { rowsOf, sampleColumns, sampleMeta, sampleRow, sampleRows } from "./sample-report";
import { findTool, runChromium } from "./visual-tools";

const chromium = findTool("SPOC_CHROMIUM", ["chromium", "chromium-browser", "google-chrome"], "apt-get install chromium");
const pdftoppm = findTool("SPOC_PDFTOPPM", ["pdftoppm"], "apt-get install poppler-utils");
// pdfinfo and pdftotext come in the same Debian package as pdftoppm
const poppler = (tool: string): string => (pdftoppm === undefined ? tool : join(dirname(pdftoppm), tool));

const dir = mkdtempSync(join(tmpdir(), "spoc-seen-"));
afterAll(() => console.info(`rendered reports and pictures left in ${dir}`));

// A value that runs script if the HTML ever stops escaping: the page would log to the console.
const xss = `<img src=x onerror="console.error('spoc-xss')">`;
const scriptInValue = `</td><script>console.error('spoc-script')</script>`;
const rowCount = 24;
const rows = Array.from({ length: rowCount }, (_, i) => sampleRow(i, rowCount));
rows[1] = { ...rows[1], agent: xss };
rows[17] = { ...rows[17], agent: scriptInValue };
const groupCount = new Set(rows.map((r) => r.service)).size;

const html = async (): Promise<string> => {
  const file = join(dir, "report.html");
  const out = createWriteStream(file);
  await renderHtml(
    { ...sampleMeta, title: "Εβδομαδιαία απόδοση — Недельный отчёт" },
    sampleColumns,
    rowsOf(rows),
    { grouping: { by: "service" }, chart: { type: "bar", category: "service", values: ["tickets", "resolved"] } },
    out,
  );
  await finished(out);
  return file;
};

const between = (text: string, open: string, close: string): string => {
  const from = text.indexOf(open);
  return from < 0 ? "" : text.slice(from, text.indexOf(close, from));
};

describe.skipIf(chromium === undefined)("HTML report in headless Chromium", () => {
  const browser = chromium as string;
  const profile = join(dir, "chromium-profile");

  it("logs what a page's script does (so a clean console below means something)", () => {
    const page = join(dir, "control.html");
    writeFileSync(page, `<!doctype html><body>${xss}<script>throw new Error("boom")</script></body>`);
    const { pageErrors } = runChromium(browser, profile, ["--dump-dom", `file://${page}`]);
    expect(pageErrors.join("\n")).toContain("Uncaught Error: boom");
    expect(pageErrors.join("\n")).toContain("spoc-xss");
  });

  it("shows the table with every row, non-Latin names intact, hostile values as text, no console output", async () => {
    const file = await html();
    const { stdout: dom, pageErrors } = runChromium(browser, profile, ["--dump-dom", `file://${file}`]);
    expect(pageErrors).toEqual([]);
    const body = between(dom, "<tbody>", "</tbody>");
    expect(dom).toContain("<table>");
    expect(body.match(/<tr( class="alt")?>/g)?.length).toBe(rowCount);
    expect(body.match(/<tr class="group">/g)?.length).toBe(groupCount);
    expect(between(dom, "<thead>", "</thead>").match(/<th /g)?.length).toBe(sampleColumns.length);
    for (const name of ["Ζωή Παπαδοπούλου", "Дмитрий Иванов", "José Núñez", "Łukasz Wróblewski", "Εβδομαδιαία απόδοση — Недельный отчёт"]) {
      expect(dom).toContain(name);
    }
    // the browser parsed the hostile values as text: escaped in its serialisation, no element made
    expect(dom).toContain(`&lt;img src=x onerror="console.error('spoc-xss')"&gt;`);
    expect(dom).toContain(`&lt;/td&gt;&lt;script&gt;console.error('spoc-script')&lt;/script&gt;`);
    expect(dom).not.toMatch(/<img|<script/i);
    expect(dom).toContain("<svg"); // the chart
  });

  it("paints a picture: a screenshot that is mostly not background, in several colours", async () => {
    const file = await html();
    const shot = join(dir, "report.png");
    runChromium(browser, profile, ["--hide-scrollbars", "--window-size=1280,1600", `--screenshot=${shot}`, `file://${file}`]);
    const png = decodePng(readFileSync(shot));
    expect([png.width, png.height]).toEqual([1280, 1600]);
    const ink = inkOf(png);
    console.info(`HTML screenshot: ${(ink.inked * 100).toFixed(1)}% drawn, ${ink.colours} colours`);
    expect(ink.inked).toBeGreaterThan(0.05);
    expect(ink.colours).toBeGreaterThan(8);
  });
});

describe.skipIf(pdftoppm === undefined)("PDF report through poppler", () => {
  it("has the pages its footer counts, each a drawn A4 landscape picture", async () => {
    const file = join(dir, "report.pdf");
    const out = createWriteStream(file);
    const summary = await renderPdf(
      sampleMeta,
      sampleColumns,
      sampleRows(120),
      { grouping: { by: "service" }, chart: { type: "bar", category: "service", values: ["tickets", "resolved"] } },
      out,
    );
    await finished(out);
    expect(summary.rows).toBe(120);

    const info = execFileSync(poppler("pdfinfo"), [file], { encoding: "utf8" });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    const [w, h] = (/^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info) ?? []).slice(1).map(Number) as [number, number];
    expect(pages).toBeGreaterThan(2);
    expect([Math.round(w), Math.round(h)]).toEqual([842, 595]);
    // what the renderer counted: the last footer says "Page N of N"
    const text = execFileSync(poppler("pdftotext"), ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).not.toContain(`Page ${pages + 1} of`);
    expect(text).toContain("Ζωή Παπαδοπούλου");
    expect(text).toContain("Дмитрий Иванов");

    const dpi = 40;
    execFileSync(pdftoppm as string, ["-png", "-r", String(dpi), file, join(dir, "page")]);
    const pictures = readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f)).sort();
    expect(pictures.length).toBe(pages);
    for (const picture of pictures) {
      const png = decodePng(readFileSync(join(dir, picture)));
      // pdftoppm rounds the page size in pixels up
      expect(png.width).toBe(Math.ceil((w * dpi) / 72));
      expect(png.height).toBe(Math.ceil((h * dpi) / 72));
      const ink = inkOf(png);
      expect(ink.inked, picture).toBeGreaterThan(0.02);
      expect(ink.colours, picture).toBeGreaterThan(4);
    }
  });
});
