// Every predefined report of the fixture desk, rendered as a person gets it: PDF text through
// poppler, the HTML's DOM in headless Chromium, the XLSX read back. Checks what a machine can: the
// chart comes first with the largest group in it, no header cut with "…", the total never alone on
// a page, totals equal to the figures recomputed from the data.
import { createWriteStream, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlDataSource, type DataSetSource } from "../src/dataset/data-set-source";
import { renderPdf } from "../src/render/pdf/render-pdf";
import { labelsFromStore, type DimensionLabels } from "../src/run/dimension-labels";
import { generateTickets, ids, reportingDesk } from "./desk-fixture";
import { expectPredefinedSeen, pagesOf, pdftoppm } from "./predefined-checks";
import { sampleColumns, sampleMeta, sampleRow } from "./sample-report";
import { sqliteTestStore, type TestStore } from "./stores";

const dir = mkdtempSync(join(tmpdir(), "spoc-predefined-"));
afterAll(() => console.info(`rendered predefined reports left in ${dir}`));
const services = [ids.it, ids.hr];
const periods = {
  month: { from: "2025-03-01", to: "2025-03-31", timeZone: "Europe/Athens" },
  quarter: { from: "2025-01-01", to: "2025-03-31", timeZone: "Europe/Athens" },
};

describe.skipIf(pdftoppm === undefined)("every predefined report as a person sees it", () => {
  let store: TestStore;
  let source: DataSetSource;
  let labels: DimensionLabels;
  beforeAll(async () => {
    store = await sqliteTestStore();
    await generateTickets(await reportingDesk(store.store), 120, 11);
    source = sqlDataSource(store.db!, services);
    labels = await labelsFromStore(store.store, services);
  }, 120_000);
  afterAll(() => store.close());

  for (const [span, period] of Object.entries(periods)) {
    it(`renders the six reports over a ${span}: chart first on page 1, largest group charted, headers whole, totals from the data`, async () => {
      await expectPredefinedSeen({ source, labels, period, out: join(dir, span), serviceNames: ["IT Help Desk", "HR Services"], generatedAt: new Date("2025-04-01T06:00:00Z") });
    }, 240_000);
  }

  it("never leaves the total alone on the last PDF page, whatever the number of rows", async () => {
    for (let n = 26; n <= 40; n++) {
      const file = join(dir, `rows-${n}.pdf`);
      const out = createWriteStream(file);
      await renderPdf(sampleMeta, sampleColumns, rowsOf(n), {}, out);
      await finished(out);
      const last = pagesOf(file).at(-1)!;
      if (!last.includes("Total (")) continue;
      const dataLines = last.split("\n").filter((l) => /\d{1,2}:\d{2}/.test(l) && !/Total \(|Page \d|Generated/.test(l));
      expect(dataLines.length, `${n} rows`).toBeGreaterThan(0);
    }
  }, 120_000);
});

async function* rowsOf(n: number) {
  for (let i = 0; i < n; i++) yield sampleRow(i, n);
}
