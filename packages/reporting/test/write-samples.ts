// Writes sample reports for looking at: npx esbuild --bundle --platform=node --format=esm
// --packages=external test/write-samples.ts --outfile=/tmp/samples.mjs && npx node /tmp/samples.mjs DIR
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
