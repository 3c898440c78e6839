// One measured import, in its own process so that one database's garbage does not inflate the
// other's peak: runs `spoc import servicenow-incident FILE --db URL` through the CLI's `main`,
// then prints one JSON line with its time and memory. Plain JavaScript on purpose: loading no
// TypeScript keeps Node's type transform (and its memory) out of the built measurement.
//
//   node import/child.mjs built|source URL FILE
const [mode, url, file] = process.argv.slice(2);
if ((mode !== "built" && mode !== "source") || url === undefined || file === undefined) {
  console.error("usage: node import/child.mjs built|source URL FILE");
  process.exit(2);
}

let main;
if (mode === "source") {
  // Needs --conditions=source and type stripping (the parent passes its own flags on).
  await import("../source-resolution.ts");
  ({ main } = await import("../../packages/cli/src/main.ts"));
} else {
  // What the `spoc` bin loads: the bundled standalone build (packages/cli/dist/standalone/bin.js
  // calls this same `main`), not the library entry, which loads @spoc/core, effect and kysely whole.
  ({ main } = await import(new URL("../../packages/cli/dist/standalone/main.js", import.meta.url).href));
}

const loadRssMb = process.memoryUsage().rss / 2 ** 20;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const code = await main(["import", "servicenow-incident", file, "--db", url]);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ code, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, loadRssMb, peakRssMb }));
process.exitCode = code;
