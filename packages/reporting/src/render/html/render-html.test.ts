import { describe, expect, it } from "vitest";
import { collect, rowsOf, sampleColumns, sampleMeta, sampleRows } from "../../../test/sample-report";
import type { Column } from "../../model/column";
import { ReportLayoutError } from "../../model/report-layout-error";
import { renderHtml } from "./render-html";
import { HtmlThemeError } from "./html-theme";

const hostile = `<script>alert("x")</script> "'&`;
const columns: ReadonlyArray<Column> = [
  { key: "name", label: `Name ${hostile}`, kind: "text" },
  { key: "minutes", label: "Time", kind: "duration-minutes" },
  { key: "count", label: "Count", kind: "integer" },
];

const render = async (rows: ReadonlyArray<Record<string, unknown>>, options = {}, meta = sampleMeta) => {
  const out = await collect();
  const summary = await renderHtml(meta, columns, rowsOf(rows), options, out.stream);
  return { summary, html: out.buffer().toString("utf8") };
};

describe("renderHtml", () => {
  it("wraps headers without breaking words, scrolls a wide table in its card, prints landscape with the total once", async () => {
    const { html } = await render([{ name: "a", minutes: 5, count: 1 }]);
    // words break only in a cell holding a word too long to keep whole (td.long)
    expect(html).not.toMatch(/(^|[{}])(td|th|thead th)\{[^}]*overflow-wrap:anywhere/m);
    expect(html).toMatch(/thead th\{[^}]*white-space:normal[^}]*word-break:normal/);
    expect(html).toMatch(/\.table-wrap\{overflow-x:auto/);
    expect(html).toContain("@page{size:A4 landscape");
    expect(html).toMatch(/@media print\{[\s\S]*thead\{display:table-header-group\}[\s\S]*tfoot\{display:table-row-group\}/);
  });

  it("a cell with a 200-character word may break it (td.long), so it cannot widen its column past the card; other cells keep words whole", async () => {
    const long = "Verylonggroupnamewithoutanyspaces".repeat(6);
    const { html } = await render([{ name: `Level 2 applications ${long}`, minutes: 5, count: 1 }, { name: "Level 2 applications", minutes: 5, count: 1 }]);
    expect(html).toContain(`<td class="left long">Level 2 applications ${long}</td>`);
    expect(html).toContain(`<td class="left">Level 2 applications</td>`);
    expect(html).toMatch(/td\.long,th\.long\{overflow-wrap:anywhere\}/);
  });

  it("draws only the first rows with rowLimit (an e-mail body), totals still over every row", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ name: `n${i}`, minutes: 1, count: 2 }));
    const { html, summary } = await render(rows, { rowLimit: 25 });
    expect(summary.rows).toBe(60);
    expect(html.match(/<td class="left">n\d+<\/td>/g)).toHaveLength(25);
    expect(html).toContain("The first 25 of 60 rows are shown; the totals cover every row.");
    expect(html).toMatch(/Total \(60 rows\)[\s\S]*120/);
  });

  it("shows the header facts (filters, schedule) and says when a chart has no data", async () => {
    const { html } = await render([{ name: "a", minutes: 0, count: 0 }], { chart: { type: "bar", category: "name", values: ["count"] } }, {
      ...sampleMeta,
      facts: [{ label: "Channel", value: "Email, Phone" }],
    });
    expect(html).toContain("<dt>Channel</dt><dd>Email, Phone</dd>");
    expect(html).toContain("No data in this period");
    expect(html).not.toContain("<svg");
  });

  it("escapes hostile text in cells, headings, title and subtitle", async () => {
    const { html } = await render([{ name: hostile, minutes: 5, count: 1 }], {}, {
      ...sampleMeta,
      title: hostile,
      subtitle: hostile,
      serviceNames: [hostile],
    });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain(`"'&`);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;&#x27;&amp;");
  });

  it("escapes hostile category labels in the inline SVG chart", async () => {
    const { html } = await render([{ name: hostile, minutes: 5, count: 3 }], {
      chart: { type: "bar", category: "name", values: ["count"] },
    });
    expect(html).toContain("<svg");
    expect(html).not.toContain("<script>");
  });

  it("is one self-contained file: no external scripts, stylesheets, images or fonts", async () => {
    const { html } = await render([{ name: "a", minutes: 1, count: 1 }], {
      chart: { type: "line", category: "name", values: ["count"] },
    });
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=/i);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
  });

  it("formats durations as hours and minutes and numbers with grouping", async () => {
    const { html } = await render([{ name: "a", minutes: 125, count: 12345 }]);
    expect(html).toContain("2h 05m");
    expect(html).toContain("12,345");
  });

  it("shows the title, period, time zone and the given generation time", async () => {
    const { html } = await render([]);
    expect(html).toContain("Weekly agent performance");
    expect(html).toContain("3 Mar 2025 – 9 Mar 2025");
    expect(html).toContain("Europe/Athens");
    expect(html).toContain("10 Mar 2025, 07:30");
  });

  it("writes a subtotal per group and a grand total", async () => {
    const rows = [
      { name: "A", minutes: 60, count: 1 },
      { name: "A", minutes: 30, count: 2 },
      { name: "B", minutes: 15, count: 4 },
    ];
    const { html, summary } = await render(rows, { grouping: { by: "name" } });
    expect(summary.rows).toBe(3);
    expect(html.match(/<tr class="subtotal">/g)).toHaveLength(2);
    expect(html).toContain("1h 30m");
    expect(html).toMatch(/<tr class="total">.*1h 45m.*>7</s);
  });

  it("stripes alternate data rows", async () => {
    const { html } = await render([1, 2, 3, 4].map((count) => ({ name: "x", minutes: 1, count })));
    expect(html.match(/<tr class="alt">/g)).toHaveLength(2);
  });

  it("streams rows in several chunks and reports the bytes written", async () => {
    const out = await collect();
    let writes = 0;
    out.stream.on("data", () => writes++);
    const summary = await renderHtml(sampleMeta, sampleColumns, sampleRows(1000), { batchSize: 100 }, out.stream);
    expect(summary.rows).toBe(1000);
    expect(writes).toBeGreaterThan(10);
    expect(summary.bytes).toBe(out.buffer().length);
  });

  it("refuses a theme value that would break out of CSS", async () => {
    await expect(render([], { theme: { accent: "red;}</style><script>" } })).rejects.toBeInstanceOf(HtmlThemeError);
  });

  it("refuses a grouping on a column that does not exist, before writing", async () => {
    await expect(render([], { grouping: { by: "nope" } })).rejects.toBeInstanceOf(ReportLayoutError);
  });

  it("says so when there are no rows", async () => {
    const { html, summary } = await render([]);
    expect(summary.rows).toBe(0);
    expect(html).toContain("No rows in this period.");
  });

  it("destroys the output and rejects when the rows fail", async () => {
    const out = await collect();
    async function* failing() {
      yield { name: "a", minutes: 1, count: 1 };
      throw new Error("store went away");
    }
    await expect(renderHtml(sampleMeta, columns, failing(), {}, out.stream)).rejects.toThrow("store went away");
    expect(out.stream.destroyed).toBe(true);
  });
});
