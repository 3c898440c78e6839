import {
  decodeReportDefinition, decodeSchedule, isPredefinedName, labelsFromStore, listSchedules, migrateReportRuns, nodemailerMailer,
  predefinedNames, predefinedReport, putSchedule, resolvePeriod, runDueSchedules, runReport, runSqlReportFiles, smtpTimeouts, sqlColumnKinds,
  sqlDataSource, sqlRunClaims, SqlReportError, type ReportDefinition, type ReportFormat, type RunReportResult, type SqlColumnKind,
  type SqlColumnOverride, type SqlParam,
} from "@spoc/reporting";
import { openStore, type OpenedStore } from "@spoc/store-kysely";
import { existsSync, readFileSync } from "node:fs";
import { hostname } from "node:os";
import { type Command, CliError, dbOption, dbUrl } from "./command";
import { readJsonFile } from "./json-file";
import { dateOption, enumListOption, enumOption, instantOption, integerOption, timeZoneOption } from "./option-values";
import { about } from "./catalog";

const usage = `spoc report run <${predefinedNames.join(" | ")} | definition.json> --db URL [--format html,xlsx,pdf] [--out DIR]
                [--from DATE] [--to DATE] [--tz ZONE] [--service ID,…] [--granularity day|week|month]
spoc report run --sql FILE.sql [--param NAME=VALUE …] [--column NAME=KIND[:Label] …] [--title TEXT] --db URL
                [--format html,xlsx,pdf] [--out DIR] [--from DATE] [--to DATE] [--tz ZONE] [--service ID,…]
                [--row-cap N] [--timeout SECONDS]
spoc report schedule add <schedule.json> --db URL
spoc report schedule list --db URL [--json]
spoc report schedule run-due --db URL --smtp smtp://host:port --mail-from ADDRESS [--now ISO]

  Dates are local dates in --tz (default UTC) or ISO instants; --to includes its whole day.
  Without --from/--to a predefined report covers the 30 days up to today.
  A SQL report reads the views tickets and events; :from and :to are the period in epoch ms;
  --param values that are decimal numerals are numbers, the rest text. KIND: ${sqlColumnKinds.join(", ")}.`;

const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const list = (v: unknown): ReadonlyArray<string> | undefined => text(v)?.split(",").map((s) => s.trim()).filter(Boolean);

const withDatabase = async <T>(values: Record<string, unknown>, f: (opened: OpenedStore) => Promise<T>): Promise<T> => {
  const opened = await openStore(dbUrl(values));
  try {
    return await f(opened);
  } finally {
    await opened.close();
  }
};

const definitionOf = async (target: string, values: Record<string, unknown>, now: Date): Promise<ReportDefinition> => {
  const tz = text(values.tz) ?? "UTC";
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  if (isPredefinedName(target)) {
    const from = text(values.from) ?? iso(new Date(now.getTime() - 29 * 86_400_000));
    const to = text(values.to) ?? iso(now);
    const granularity = text(values.granularity) as "day" | "week" | "month" | undefined;
    return predefinedReport(target, { period: { from, to, timeZone: tz, ...(granularity ? { granularity } : {}) } });
  }
  if (!existsSync(target)) throw new CliError(`"${target}" is neither a predefined report (${predefinedNames.join(", ")}) nor a definition file`);
  const d = await readJsonFile(target, decodeReportDefinition);
  const period = { ...d.dataSet.period, ...(text(values.from) ? { from: text(values.from) } : {}), ...(text(values.to) ? { to: text(values.to) } : {}), ...(text(values.tz) ? { timeZone: tz } : {}) };
  return decodeReportDefinition({ ...d, dataSet: { ...d.dataSet, period } });
};

const printResults = (results: ReadonlyArray<RunReportResult>) => {
  for (const r of results) console.log(`${r.path} (${r.summary.rows} rows${r.summary.bytes !== undefined ? `, ${r.summary.bytes} bytes` : ""})`);
};

/** `--param name=value …`: a decimal numeral is a number, anything else text (a usage error names a bad one). */
const sqlParams = (values: Record<string, unknown>): Record<string, SqlParam> => {
  const out: Record<string, SqlParam> = {};
  for (const item of (values.param as ReadonlyArray<string> | undefined) ?? []) {
    const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(item);
    if (m === null) throw new CliError(`--param: "${item}" is not NAME=VALUE (NAME a letter or _ then letters, digits, _)`, 2);
    out[m[1]!] = /^-?\d+(\.\d+)?$/.test(m[2]!) ? Number(m[2]) : m[2]!;
  }
  return out;
};

/** `--column name=KIND[:Label] …`: column declarations over the inferred ones. */
const sqlColumnOptions = (values: Record<string, unknown>): Record<string, SqlColumnOverride> => {
  const out: Record<string, SqlColumnOverride> = {};
  for (const item of (values.column as ReadonlyArray<string> | undefined) ?? []) {
    const m = /^([^=\s]+)=([a-z-]*)(?::(.*))?$/s.exec(item);
    const kind = m?.[2];
    if (m === null || (kind !== "" && !(sqlColumnKinds as ReadonlyArray<string>).includes(kind!)) || (kind === "" && m[3] === undefined)) {
      throw new CliError(`--column: "${item}" is not NAME=KIND[:Label] with KIND one of ${sqlColumnKinds.join(", ")} (or NAME=:Label)`, 2);
    }
    out[m[1]!] = { ...(kind ? { kind: kind as SqlColumnKind } : {}), ...(m[3] !== undefined ? { label: m[3] } : {}) };
  }
  return out;
};

const sqlCommand = async (file: string, values: Record<string, unknown>): Promise<number> => {
  const formats: ReadonlyArray<ReportFormat> = enumListOption(values, "format", ["html", "xlsx", "pdf"]) ?? ["html"];
  const params = sqlParams(values);
  const columns = sqlColumnOptions(values);
  const rowCap = integerOption(values, "row-cap", { min: 1, max: 1_000_000, fallback: 10_000 });
  const timeoutMs = integerOption(values, "timeout", { min: 1, max: 3600, fallback: 30 }) * 1000;
  if (!existsSync(file)) throw new CliError(`${file}: no such SQL file`, 1);
  const sql = readFileSync(file, "utf8");
  if (sql.trim() === "") throw new CliError(`${file}: the SQL file is empty`, 1);
  const now = new Date();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const timeZone = text(values.tz) ?? "UTC";
  const period = resolvePeriod({ from: text(values.from) ?? iso(new Date(now.getTime() - 29 * 86_400_000)), to: text(values.to) ?? iso(now), timeZone }, false);
  const title = text(values.title) ?? (file.split(/[\\/]/).pop() ?? file).replace(/\.sql$/i, "");
  return withDatabase(values, async (opened) => {
    const services = await servicesOf(opened, values);
    const names = (await Promise.all(services.map((s) => opened.store.getService(s as never)))).map((s) => s?.name ?? "");
    try {
      // The CLI holds the database URL, so it acts as the system; the query's guards stay the database's.
      const results = await runSqlReportFiles({ kind: "system", name: "cli" }, { title, sql, params, columns }, opened.db, {
        serviceIds: services, period: { from: period.from, to: period.to, timeZone }, formats, out: text(values.out) ?? ".",
        generatedAt: now, serviceNames: names, rowCap, timeoutMs,
      });
      printResults(results);
      return 0;
    } catch (e) {
      if (e instanceof SqlReportError) throw new CliError(`${file}: ${e.reason}: ${e.message}`, 1);
      throw e;
    }
  });
};

const servicesOf = async (opened: OpenedStore, values: Record<string, unknown>): Promise<ReadonlyArray<string>> => {
  const all = (await opened.store.listServices()).map((s) => s.id as string);
  const services = list(values.service) ?? all;
  const unknown = services.filter((s) => !all.includes(s));
  if (unknown.length > 0) throw new CliError(`no such service: ${unknown.join(", ")}`, 1);
  return services;
};

// A filter's ids checked against the directory of the report's services: a typo ("grp-l1x") would
// otherwise give an empty report that reads as "no tickets", month after month.
const unknownFilterIds = (definition: ReportDefinition, labels: Readonly<Record<string, ReadonlyMap<string, string> | undefined>>): ReadonlyArray<string> => {
  const filters = definition.dataSet.filters ?? {};
  return ([["groups", "group"], ["agents", "agent"]] as const).flatMap(([field, dimension]) =>
    (filters[field] ?? []).flatMap((id, i) => (labels[dimension]?.has(id) === true ? [] : [`dataSet.filters.${field}.${i}: no ${dimension} "${id}" in the report's services`])),
  );
};

const runCommand = async (target: string | undefined, values: Record<string, unknown>): Promise<number> => {
  const sqlFile = text(values.sql);
  if (sqlFile !== undefined) {
    if (target !== undefined) throw new CliError(`report run: give a report or --sql FILE, not both ("${target}" and --sql ${sqlFile})`, 2);
    return sqlCommand(sqlFile, values);
  }
  for (const name of ["param", "column", "title", "row-cap", "timeout"]) {
    if (values[name] !== undefined) throw new CliError(`--${name} applies to SQL reports only (--sql FILE)`, 2);
  }
  if (target === undefined) throw new CliError(`report run needs a report: ${predefinedNames.join(", ")} or a definition file`);
  const formats: ReadonlyArray<ReportFormat> = enumListOption(values, "format", ["html", "xlsx", "pdf"]) ?? ["html"];
  const now = new Date();
  const definition = await definitionOf(target, values, now);
  return withDatabase(values, async (opened) => {
    const services = await servicesOf(opened, values);
    const names = (await Promise.all(services.map((s) => opened.store.getService(s as never)))).map((s) => s?.name ?? "");
    const labels = await labelsFromStore(opened.store, services);
    const unknown = unknownFilterIds(definition, labels);
    if (unknown.length > 0) throw new CliError(unknown.join("; "), 1);
    const tty = process.stderr.isTTY === true;
    const results = await runReport(definition, {
      source: sqlDataSource(opened.db, services, { dialect: opened.dialect }),
      formats, out: text(values.out) ?? ".", generatedAt: now, serviceNames: names,
      labels, progressEvery: 5000,
      onProgress: ({ format, rows, done }) => {
        const line = `${format}: ${rows.toLocaleString("en")} rows${done ? ", done" : "…"}`;
        if (tty) process.stderr.write(`\r${line}${done ? "\n" : ""}`);
        else if (done || rows % 50_000 === 0) process.stderr.write(`${line}\n`);
      },
    });
    printResults(results);
    return 0;
  });
};

const scheduleCommand = async (action: string | undefined, rest: ReadonlyArray<string>, values: Record<string, unknown>): Promise<number> => {
  switch (action) {
    case "add": {
      const file = rest[0];
      if (file === undefined) throw new CliError("report schedule add needs a schedule JSON file");
      const createdAt = Date.now();
      const schedule = await readJsonFile(file, (input) => decodeSchedule({ createdAt, ...(input as Record<string, unknown>) }));
      return withDatabase(values, async ({ store }) => {
        await putSchedule(store, schedule);
        console.log(`schedule ${schedule.id} saved for ${schedule.serviceId}: "${schedule.cron}" ${schedule.timeZone} → ${schedule.recipients.join(", ")}`);
        return 0;
      });
    }
    case "list":
      return withDatabase(values, async ({ store }) => {
        const schedules = await listSchedules(store);
        if (values.json) console.log(JSON.stringify(schedules));
        else for (const s of schedules) console.log(`${s.serviceId}/${s.id}\t${s.cron} ${s.timeZone}\t${"predefined" in s.report ? s.report.predefined : "sql" in s.report ? `${s.report.sql.title} (SQL)` : s.report.definition.title}\t${s.formats.join(",")}\t${s.recipients.join(", ")}`);
        return 0;
      });
    case "run-due": {
      const smtp = text(values.smtp);
      const from = text(values["mail-from"]);
      if (smtp === undefined || from === undefined) throw new CliError("report schedule run-due needs --smtp URL and --mail-from ADDRESS");
      const { default: nodemailer } = await import("nodemailer");
      const now = instantOption(values, "now", Date.now());
      return withDatabase(values, async (opened) => {
        await migrateReportRuns(opened.db);
        const r = await runDueSchedules({
          store: opened.store, claims: sqlRunClaims(opened.db), mailer: nodemailerMailer(nodemailer.createTransport({ url: smtp, ...smtpTimeouts }), from),
          sourceFor: (s) => sqlDataSource(opened.db, s, { dialect: opened.dialect }), now, workerId: `${hostname()}:${process.pid}`,
          sql: { db: opened.db },
        });
        console.log(values.json ? JSON.stringify(r) : `sent ${r.sent.length}, already sent elsewhere ${r.skipped}, retrying ${r.retrying.length}, failed ${r.failed.length}`);
        // A run left for a retry (SMTP down) is not sent: say so and why, or cron's log reads as if nothing was due.
        for (const f of r.retrying) console.error(`spoc: ${f.scheduleId} at ${new Date(f.fireTime).toISOString()}: will retry at ${new Date(f.retryAt).toISOString()}: ${f.error}`);
        for (const f of r.failed) console.error(`spoc: ${f.scheduleId} at ${new Date(f.fireTime).toISOString()}: ${f.error}`);
        return r.failed.length > 0 ? 1 : 0;
      });
    }
    default:
      throw new CliError(`report schedule: expected add, list or run-due, got "${action ?? ""}"`);
  }
};

/** `spoc report`: runs a predefined or custom report into files, and manages scheduled reports. */
export const report: Command = {
  ...about.report,
  usage,
  options: {
    ...dbOption,
    format: { type: "string" }, out: { type: "string" }, from: { type: "string" }, to: { type: "string" }, tz: { type: "string" },
    service: { type: "string" }, granularity: { type: "string" }, smtp: { type: "string" }, "mail-from": { type: "string" },
    now: { type: "string" }, json: { type: "boolean" },
    sql: { type: "string" }, param: { type: "string", multiple: true }, column: { type: "string", multiple: true }, title: { type: "string" },
    "row-cap": { type: "string" }, timeout: { type: "string" },
  },
  async run({ values, positionals }) {
    // Every option is checked before a database is opened or a file written.
    for (const name of ["from", "to"]) dateOption(values, name);
    timeZoneOption(values, "tz");
    enumOption(values, "granularity", ["day", "week", "month"]);
    enumListOption(values, "format", ["html", "xlsx", "pdf"]);
    instantOption(values, "now", 0);
    integerOption(values, "row-cap", { min: 1, max: 1_000_000, fallback: 0 });
    integerOption(values, "timeout", { min: 1, max: 3600, fallback: 0 });
    sqlParams(values);
    sqlColumnOptions(values);
    const [sub, ...rest] = positionals;
    if (sub === "run") return runCommand(rest[0], values);
    if (sub === "schedule") return scheduleCommand(rest[0], rest.slice(1), values);
    throw new CliError(`report: expected "run" or "schedule"; see spoc report --help`);
  },
};
