// Renders every predefined report of the test fixture (SQLite) to DIR in HTML, XLSX and PDF, to look at:
//   npx esbuild --bundle --platform=node --format=esm --packages=external --conditions=source test/write-demo-reports.ts \
//     --outfile=node_modules/.cache/demo-reports.mjs && ../../node_modules/node/bin/node node_modules/.cache/demo-reports.mjs DIR [from to]
import { generateTickets, ids, reportingDesk } from "./desk-fixture";
import { sqliteTestStore } from "./stores";
import { sqlDataSource } from "../src/dataset/data-set-source";
import { predefinedNames, predefinedReport } from "../src/reports/predefined";
import { labelsFromStore } from "../src/run/dimension-labels";
import { runReport } from "../src/run/run-report";

const dir = process.argv[2] ?? "/tmp/spoc-demo-reports";
const period = { from: process.argv[3] ?? "2025-03-01", to: process.argv[4] ?? "2025-03-31", timeZone: "Europe/Athens" };
const s = await sqliteTestStore();
await generateTickets(await reportingDesk(s.store), 120, 11);
const services = [ids.it, ids.hr];
const labels = await labelsFromStore(s.store, services);
for (const name of predefinedNames) {
  await runReport(predefinedReport(name, { period }), {
    source: sqlDataSource(s.db!, services), formats: ["html", "xlsx", "pdf"], out: dir, baseName: name, labels,
    generatedAt: new Date("2025-04-01T06:00:00Z"), serviceNames: ["IT Help Desk", "HR Services"],
  });
}
await s.close();
console.log(dir);
