// The packaging check (`npm run check:packages`, run by .ci/run after the build): packs every
// @spoc package as npm would publish it and checks what an adopter gets.
//  1. contents: README, LICENSE (the root's text), CHANGELOG, declaration maps; no tests, test
//     helpers or fixtures; no source maps in the CLI;
//  2. publint and @arethetypeswrong/cli (profile esm-only: node16-esm and bundler) on each tarball;
//  3. an install into scratch hosts outside the repository, from the tarballs alone: a library host
//     with its own kysely and effect at the lowest supported versions runs the README example, a
//     Kysely-store (SQLite) example and HTML rendering without exceljs/pdfkit, and type-checks a host
//     file (typed inputs: wrong ones must not compile) and the README example under moduleResolution
//     nodenext and bundler; a CLI host runs the installed `spoc`.
// Usage: node scripts/check-packages.mjs [--keep]   (--keep leaves the scratch folder for a look)
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The lowest versions of the peers spoc supports: the install test runs on these. */
const LOWEST = { kysely: "0.29.0", effect: "4.1.0" };
const PACKAGES = ["core", "store-conformance", "store-kysely", "store-typeorm", "reporting", "email", "cli"];
/** Files no tarball may hold: tests, test helpers, fixtures. */
const FORBIDDEN = [/\.test\.[cm]?[jt]s$/, /(^|\/)test\//, /(^|\/)__tests__\//, /ticket-fixture\.ts$/, /test-history\.ts$/, /(^|\/)vitest\.config/];

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => join(root, "node_modules", ".bin", name);
const work = mkdtempSync(join(tmpdir(), "spoc-packages-"));
const packs = join(work, "packs");
mkdirSync(packs);
const problems = [];
const started = Date.now();

const step = (title) => console.log(`\n--- ${title} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
/** Runs a command; on failure records it (with its output) and returns undefined. */
const run = (cmd, args, options = {}) => {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20, ...options, env: { ...process.env, NPM_CONFIG_UPDATE_NOTIFIER: "false", NPM_CONFIG_FUND: "false", NPM_CONFIG_AUDIT: "false", ...options.env } });
  if (r.status !== 0) {
    problems.push(`${[cmd, ...args].join(" ")} exited ${r.status ?? r.signal}`);
    console.log(`${r.stdout ?? ""}${r.stderr ?? ""}`.trim());
    return undefined;
  }
  return r.stdout;
};
const fail = (message) => {
  problems.push(message);
  console.log(`  ✗ ${message}`);
};

step("pack");
const tarballs = {};
for (const name of PACKAGES) {
  const out = run("npm", ["pack", "--json", "--pack-destination", packs], { cwd: join(root, "packages", name) });
  if (out === undefined) continue;
  const [info] = JSON.parse(out);
  tarballs[name] = { file: join(packs, info.filename), files: info.files.map((f) => f.path), size: info.size, unpacked: info.unpackedSize };
  console.log(`  @spoc/${name}: ${(info.size / 1024).toFixed(0)} kB packed, ${(info.unpackedSize / 1024).toFixed(0)} kB unpacked, ${info.entryCount} files`);
}

/**
 * Creates a scratch host with these dependencies and starts `npm install` in it; resolves to whether
 * it succeeded. Both hosts install while the tarballs are linted (the installs wait on the network).
 */
const host = (dir, dependencies) => {
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "spoc-scratch-host", private: true, type: "module", dependencies }, null, 2)}\n`);
  const child = spawn("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NPM_CONFIG_UPDATE_NOTIFIER: "false" } });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  const began = Date.now();
  return new Promise((resolve) => child.on("close", (code) => {
    console.log(`  npm install in ${dir}: exit ${code} after ${((Date.now() - began) / 1000).toFixed(0)} s${output.trim() ? `\n${output.trim()}` : ""}`);
    if (code !== 0) problems.push(`npm install in ${dir} exited ${code}`);
    resolve(code === 0);
  }));
};
const tgz = (name) => `file:${tarballs[name]?.file}`;
const lib = join(work, "host");
const cliHost = join(work, "cli-host");
const installs = {
  lib: host(lib, {
    "@spoc/core": tgz("core"), "@spoc/store-kysely": tgz("store-kysely"), "@spoc/reporting": tgz("reporting"),
    kysely: LOWEST.kysely, effect: LOWEST.effect, "better-sqlite3": "^13.2.0", "@types/node": "^24.0.0", "@types/better-sqlite3": "^7.6.13",
  }),
  cli: host(cliHost, Object.fromEntries(["cli", "core", "store-kysely", "reporting", "email"].map((n) => [`@spoc/${n}`, tgz(n)]))),
};

step("contents");
const license = readFileSync(join(root, "LICENSE"), "utf8");
for (const [name, t] of Object.entries(tarballs)) {
  for (const required of ["README.md", "LICENSE", "CHANGELOG.md", "package.json"]) {
    if (!t.files.includes(required)) fail(`@spoc/${name} has no ${required}`);
  }
  if (readFileSync(join(root, "packages", name, "LICENSE"), "utf8") !== license) fail(`packages/${name}/LICENSE differs from the root LICENSE`);
  for (const f of t.files) if (FORBIDDEN.some((re) => re.test(f))) fail(`@spoc/${name} ships a test file: ${f}`);
  const declarations = t.files.filter((f) => f.startsWith("dist/") && f.endsWith(".d.ts"));
  if (declarations.length === 0) fail(`@spoc/${name} has no declarations`);
  for (const d of declarations) if (!t.files.includes(`${d}.map`)) fail(`@spoc/${name}: ${d} has no declaration map`);
  if (name === "cli") for (const f of t.files) if (f.endsWith(".js.map")) fail(`@spoc/cli ships a source map: ${f}`);
}
console.log(problems.length === 0 ? "  ok" : "");

step("publint and arethetypeswrong");
for (const [name, t] of Object.entries(tarballs)) {
  console.log(`  @spoc/${name}`);
  run(bin("publint"), ["run", t.file, "--level", "warning"], { stdio: ["ignore", "inherit", "inherit"] });
  // esm-only: spoc is ESM (Node 22.12+ also require()s it); every entry must resolve for node16-esm and bundler.
  run(bin("attw"), [t.file, "--profile", "esm-only", "--format", "table-flipped", "--no-emoji", "--no-color"], { stdio: ["ignore", "inherit", "inherit"] });
}


step(`install into a host with kysely ${LOWEST.kysely} and effect ${LOWEST.effect} (${work})`);
if (await installs.lib) {
  const copies = (pkg) => (run("npm", ["ls", pkg, "--all", "--parseable"], { cwd: lib }) ?? "").split("\n").filter((l) => l.includes(`node_modules/${pkg}`)).length;
  for (const pkg of ["kysely", "effect", "@spoc/core"]) if (copies(pkg) !== 1) fail(`the host has ${copies(pkg)} copies of ${pkg} (one expected, shared with spoc)`);
  for (const pkg of ["exceljs", "pdfkit", "dejavu-fonts-ttf", "nodemailer"]) if (existsSync(join(lib, "node_modules", pkg))) fail(`installing @spoc/reporting brought ${pkg} into the host`);

  step("the README example");
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const example = /## Use it[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (example === undefined) fail("README.md has no ```ts example under ## Use it");
  else {
    writeFileSync(join(lib, "readme-example.ts"), `${example}\nconsole.log("README example:", ticket.number, ticket.priority);\n`);
    console.log(run(process.execPath, ["readme-example.ts"], { cwd: lib })?.trim());
  }

  step("a Kysely store on SQLite, with the host's own kysely");
  writeFileSync(join(lib, "sqlite-example.mjs"), `
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { createDesk, defaultServiceSettings } from "@spoc/core";
import { kyselyStore, migrateToLatest, openStore } from "@spoc/store-kysely";

const db = new Kysely({ dialect: new SqliteDialect({ database: new Database("host.sqlite") }) });
await migrateToLatest(db);
const desk = createDesk({ store: kyselyStore(db) });
const system = { kind: "system", name: "host" };
await desk.configure.contactList(system, { id: "cl", name: "Customers" });
await desk.configure.service(system, { id: "svc", key: "IT", name: "IT", contactListId: "cl", settings: defaultServiceSettings });
await desk.configure.contact(system, { id: "c", contactListId: "cl", name: "Ann", emails: ["ann@x.example"], phones: [] });
const t = await desk.openTicket(system, { serviceId: "svc", subject: "VPN down", channel: "phone", requesterId: "c" });
await db.destroy();
const opened = await openStore("sqlite:host.sqlite");
const again = await createDesk({ store: opened.store }).getTicket(system, "svc", t.id);
await opened.close();
if (again.subject !== "VPN down") throw new Error("the ticket did not survive a reopening");
console.log("Kysely store example:", t.number, "kept in host.sqlite");
`);
  console.log(run(process.execPath, ["sqlite-example.mjs"], { cwd: lib })?.trim());

  step("HTML without the XLSX/PDF renderers; XLSX asks for exceljs by name");
  writeFileSync(join(lib, "render-example.mjs"), `
import { PassThrough } from "node:stream";
import { renderHtml, renderXlsx, MissingRendererError } from "@spoc/reporting/render";

const meta = { title: "Tickets", generatedAt: new Date(0), serviceNames: ["IT"], period: { from: new Date("2024-01-01T00:00:00Z"), to: new Date("2024-02-01T00:00:00Z"), timeZone: "UTC" } };
const columns = [{ key: "agent", label: "Agent", kind: "text" }, { key: "n", label: "Tickets", kind: "integer" }];
async function* rows() { yield { agent: "Ana", n: 3 }; }
const sink = (chunks) => { const s = new PassThrough(); s.on("data", (c) => chunks.push(c)); return s; };
const html = [];
await renderHtml(meta, columns, rows(), {}, sink(html));
if (!Buffer.concat(html).toString().includes("Ana")) throw new Error("the HTML report lacks its row");
const xlsx = [];
const e = await renderXlsx(meta, columns, rows(), {}, sink(xlsx)).then(() => undefined, (x) => x);
if (!(e instanceof MissingRendererError) || !e.message.includes("npm install exceljs")) throw new Error("XLSX without exceljs: " + e);
if (xlsx.length > 0) throw new Error("XLSX without exceljs wrote bytes");
console.log("HTML rendered; XLSX:", e.message);
`);
  console.log(run(process.execPath, ["render-example.mjs"], { cwd: lib })?.trim());

  step("type-check a host file and the README example under moduleResolution nodenext and bundler");
  writeFileSync(join(lib, "host.ts"), `
import { Actor, AgentId, createDesk, memoryStore, type Store, type Ticket } from "@spoc/core";
import { kyselyStore, openStore, MissingDriverError, type SpocDatabase } from "@spoc/store-kysely";
import { predefinedNames, runReport, MissingRendererError } from "@spoc/reporting";
import { renderHtml, type Column } from "@spoc/reporting/render";
import { Kysely } from "kysely";

export const store: Store = memoryStore();
export const desk = createDesk({ store });
export const agent: Actor = Actor.system("host");
export const open = (): Promise<Ticket> => desk.openTicket(agent, { serviceId: "svc", subject: "s", channel: "web", requesterId: "c" });
export const ana: AgentId = AgentId("ag-ana");
// The published declarations keep the typed inputs: each wrong input below must not compile.
// @ts-expect-error id is a string
export const wrongId = () => desk.configure.service(agent, { id: 42 });
// @ts-expect-error no such channel
export const wrongChannel = () => desk.execute(agent, { type: "OpenTicket", serviceId: "svc", subject: "s", channel: "fax", requesterId: "c" });
export const fromHost = (db: Kysely<SpocDatabase>): Store => kyselyStore(db);
export const opened = openStore;
export const columns: ReadonlyArray<Column> = [{ key: "agent", label: "Agent", kind: "text" }];
export const names: ReadonlyArray<string> = predefinedNames;
export const errors = [MissingDriverError, MissingRendererError] as const;
export { renderHtml, runReport };
`);
  for (const [resolution, module] of [["nodenext", "nodenext"], ["bundler", "esnext"]]) {
    const config = `tsconfig.${resolution}.json`;
    writeFileSync(join(lib, config), JSON.stringify({
      // "dom": effect's own crypto declarations name CryptoKey and JsonWebKey. No skipLibCheck: spoc's declarations are checked too.
      compilerOptions: { module, moduleResolution: resolution, target: "es2023", lib: ["es2023", "dom"], types: ["node"], strict: true, noEmit: true, skipLibCheck: false },
      files: ["host.ts", "readme-example.ts"],
    }, null, 2));
    if (run(bin("tsc"), ["-p", config], { cwd: lib, stdio: ["ignore", "inherit", "inherit"] }) !== undefined) console.log(`  ${resolution}: ok`);
  }
}

step("install the CLI into a host of its own and run it");
if (await installs.cli) {
  const spoc = join(cliHost, "node_modules", ".bin", "spoc");
  const version = run(process.execPath, [spoc, "--version"], { cwd: cliHost })?.trim();
  const expected = JSON.parse(readFileSync(join(root, "packages", "cli", "package.json"), "utf8")).version;
  if (version !== undefined && version !== expected) fail(`spoc --version printed "${version}", not ${expected}`);
  if (run(process.execPath, [spoc, "migrate", "--db", "sqlite:cli.sqlite"], { cwd: cliHost }) !== undefined) console.log(`  spoc ${version}: migrate ok`);
}

if (process.argv.includes("--keep")) console.log(`\nscratch folder kept: ${work}`);
else rmSync(work, { recursive: true, force: true });
console.log(`\npackaging check: ${problems.length === 0 ? "ok" : `${problems.length} problem(s)`} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const p of problems) console.log(`  - ${p}`);
process.exitCode = problems.length === 0 ? 0 : 1;
