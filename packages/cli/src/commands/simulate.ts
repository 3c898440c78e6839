import { readFile, writeFile } from "node:fs/promises";
import { createDesk, type DeskSimulation, type Service, type Store } from "@spoc/core";
import { openStore } from "@spoc/store-kysely";
import { CliError, type Command, dbOption, dbUrl } from "./command";
import { about } from "./catalog";

const system = { kind: "system", name: "cli" } as const;

/** A `--from`/`--to` value: an ISO date or date-time (UTC unless it says otherwise). */
export const instantOf = (option: string, value: unknown): number | undefined => {
  if (value === undefined) return undefined;
  const t = typeof value === "string" ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value) : Number.NaN;
  if (Number.isNaN(t)) throw new CliError(`simulate: --${option} ${String(value)} is not a date (use 2026-10-01 or 2026-10-01T09:00:00Z)`);
  return t;
};

const jsonFile = async (option: string, file: unknown): Promise<unknown> => {
  if (file === undefined) return undefined;
  const text = await readFile(String(file), "utf8").catch((e: Error) => {
    throw new CliError(`simulate: --${option} ${String(file)}: ${e.message}`, 1);
  });
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`simulate: --${option} ${String(file)} is not JSON: ${(e as Error).message}`);
  }
};

/** The services to replay: the one `--service` names (by key or id), else every service. */
const servicesOf = async (store: Store, wanted: unknown): Promise<ReadonlyArray<Service>> => {
  const all = await store.listServices();
  if (wanted === undefined) return all;
  const found = all.filter((s) => s.key === wanted || s.id === wanted);
  if (found.length === 0) throw new CliError(`simulate: no service has the key or id ${String(wanted)}`, 1);
  return found;
};

/** `spoc simulate`: replays a database's history through proposed rules and SLA, writing nothing. */
export const simulate: Command = {
  ...about.simulate,
  usage: "spoc simulate --db URL [--service KEY] [--rules FILE] [--sla FILE] [--from DATE --to DATE] [--json] [--out FILE]\n\n" +
    "  --rules, --sla: JSON files as `configure.routingRules` / `configure.sla` take them (default: the stored ones; need --service)\n" +
    "  --from, --to:   report tickets opened from DATE; replay events up to DATE (ISO dates, UTC)\n" +
    "  --out FILE:     write every compared ticket, with its explanation, to FILE (JSON)\n" +
    "  Prints { tickets, changed: { group, agent, priority, slaOutcome }, notes }; all 0 means the Desk is reproduced.",
  options: { ...dbOption, service: { type: "string" }, rules: { type: "string" }, sla: { type: "string" }, from: { type: "string" }, to: { type: "string" },
    json: { type: "boolean" }, out: { type: "string" } },
  positionals: false,
  async run({ values }) {
    const from = instantOf("from", values.from);
    const to = instantOf("to", values.to);
    const [rules, sla] = [await jsonFile("rules", values.rules), await jsonFile("sla", values.sla)];
    if ((rules !== undefined || sla !== undefined) && values.service === undefined) throw new CliError("simulate: --rules and --sla belong to one service: give --service");
    const opened = await openStore(dbUrl(values));
    try {
      const desk = createDesk({ store: opened.store, automation: false });
      const reports: DeskSimulation[] = [];
      for (const service of await servicesOf(opened.store, values.service)) {
        const report = await desk.simulate(system, {
          serviceId: service.id, ...(rules !== undefined ? { rules } : {}), ...(sla !== undefined ? { sla } : {}),
          ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}),
        });
        reports.push({ ...report, notes: report.notes.map((n) => `${service.key}: ${n}`) });
      }
      const sum = (f: (r: DeskSimulation) => number) => reports.reduce((n, r) => n + f(r), 0);
      const summary = {
        tickets: sum((r) => r.tickets),
        changed: { group: sum((r) => r.changed.group), agent: sum((r) => r.changed.agent), priority: sum((r) => r.changed.priority), slaOutcome: sum((r) => r.changed.slaOutcome) },
        notes: reports.flatMap((r) => r.notes),
      };
      if (typeof values.out === "string") await writeFile(values.out, `${JSON.stringify({ tickets: reports.flatMap((r) => r.details) }, null, 2)}\n`);
      console.log(values.json ? JSON.stringify(summary) : `replayed ${summary.tickets} tickets: ${summary.changed.group} change group, ${summary.changed.agent} agent, ` +
        `${summary.changed.priority} priority, ${summary.changed.slaOutcome} SLA outcome${summary.notes.map((n) => `\nnote: ${n}`).join("")}`);
      return 0;
    } finally {
      await opened.close();
    }
  },
};
