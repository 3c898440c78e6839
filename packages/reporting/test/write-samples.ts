// Writes sample reports to look at (the bundle must sit inside the repo to find its packages):
//   npx esbuild --bundle --platform=node --format=esm --packages=external test/write-samples.ts \
//     --outfile=node_modules/.cache/samples.mjs && npx node node_modules/.cache/samples.mjs DIR [html,pdf,xlsx]
// then: pdftoppm -png -r 60 DIR/sample.pdf DIR/p; chromium --headless --screenshot … file://DIR/sample.html
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { renderReport } from "../src/render/render-report";
import { sampleColumns, sampleMeta, sampleRows } from "./sample-report";

const dir = process.argv[2] ?? "/tmp/spoc-samples";
await mkdir(dir, { recursive: true });
const options = {
  grouping: { by: "service" },
  chart: { type: "bar", category: "service", values: ["tickets", "resolved"] },
} as const;
for (const format of (process.argv[3] ?? "html,pdf,xlsx").split(",") as Array<"html" | "pdf" | "xlsx">) {
  const count = format === "pdf" ? 120 : 48;
  const summary = await renderReport(format, sampleMeta, sampleColumns, sampleRows(count), options, createWriteStream(join(dir, `sample.${format}`)));
  console.log(format, summary);
}
