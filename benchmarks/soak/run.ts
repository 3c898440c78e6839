/**
 * Soak on PostgreSQL across processes (issue 20, part 11). For SPOC_SOAK_MINUTES (default 10),
 * in four equal phases, 1, 2, 4 and 8 processes issue mixed Desk commands, sweeps, outbox
 * deliveries and report runs on one service, while a chaos task terminates every backend of the
 * soak's database (`pg_terminate_backend`) every few seconds. It never restarts the server: the
 * machine's PostgreSQL is shared. Then every stream is re-read and checked (see check.ts), and one
 * JSON line is printed. Exits 1 when a command was lost or duplicated, an escalation fired twice,
 * a stream has a gap or disagrees with its projection, a notification is missing, or a process died.
 *
 *   SPOC_PG_URL=postgres://… SPOC_SOAK_MINUTES=1 npm run soak
 */
import "../source-resolution.ts";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { availableParallelism, loadavg } from "node:os";

const { createDesk } = await import("@spoc/core");
const { openStore } = await import("@spoc/store-kysely");
const pg = (await import("pg")).default;
const { virtualClock, world } = await import("./world.ts");
const { checkSoak } = await import("./check.ts");
type WorkerLog = import("./world.ts").WorkerLog;

const url = process.env.SPOC_PG_URL;
if (!url) {
  console.error("soak: SPOC_PG_URL is not set (a PostgreSQL database the soak may fill and whose backends it may terminate)");
  process.exit(2);
}
const minutes = Number(process.env.SPOC_SOAK_MINUTES ?? 10);
if (!(minutes > 0)) {
  console.error(`soak: SPOC_SOAK_MINUTES must be a positive number, got ${process.env.SPOC_SOAK_MINUTES}`);
  process.exit(2);
}
const PHASES = [1, 2, 4, 8] as const;
const phaseMs = (minutes * 60_000) / PHASES.length;

// A schema of its own in the given database, so runs never meet each other's rows.
const schema = `spoc_soak_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`create schema ${schema}`);
const soakUrl = `${url}${url.includes("?") ? "&" : "?"}application_name=spoc-soak&options=${encodeURIComponent(`-c search_path=${schema}`)}`;

const startedAt = Date.now();
const clock = virtualClock(startedAt);
const opened = await openStore(soakUrl, { poolSize: 2 });
const desk = createDesk({ store: opened.store, clock });
const sys = world.system;
await desk.configure.contactList(sys, { id: world.list, name: "Soak" });
await desk.configure.service(sys, { id: world.service, key: "SK", name: "Soak", contactListId: world.list, settings: { reopenWindowDays: 7, numberWidth: 6, defaultPriority: "normal" } });
for (const id of world.contacts) await desk.configure.contact(sys, { id, contactListId: world.list, name: id, emails: [`${id}@example.org`], phones: [] });
for (const id of [world.lead, ...world.agents]) {
  await desk.configure.agent(sys, { id, name: id, email: `${id}@example.org`, memberships: [{ serviceId: world.service, role: id === world.lead ? "lead" : "agent" }], skills: [], absences: [] });
}
await desk.configure.group(sys, { id: world.group, serviceId: world.service, name: "L1", level: "1", members: [...world.agents], leadId: world.lead });
await desk.configure.escalationRule(sys, world.service, world.rule);
for (let i = 0; i < 40; i++) {
  const t = await desk.openTicket(sys, { serviceId: world.service, subject: `seed ${i}`, channel: "api", requesterId: world.contacts[i % world.contacts.length] as string });
  await desk.assign(sys, { serviceId: world.service, ticketId: t.id, groupId: world.group });
}

// Chaos: every 2–5 s, terminate every backend of this database but the chaos task's own.
let terminated = 0;
let chaosRounds = 0;
let chaosOn = true;
const chaos = (async () => {
  while (chaosOn) {
    await new Promise((r) => setTimeout(r, 2000 + Math.random() * 3000));
    if (!chaosOn) break;
    try {
      const r = await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
      terminated += r.rowCount ?? 0;
      chaosRounds++;
    } catch (e) {
      console.error(`soak: chaos round failed: ${(e as Error).message}`);
    }
  }
})();

interface Exit { log?: WorkerLog; code: number | null; signal: NodeJS.Signals | null }
/** Starts a process; `ready` resolves once it has connected, `go(until)` starts its commands, `exit` when it ends. */
const startWorker = (workerId: string) => {
  const child = fork(fileURLToPath(new URL("./worker.ts", import.meta.url)), [soakUrl, workerId, String(startedAt)], {
    execArgv: ["--conditions=source", "--experimental-transform-types", "--no-warnings"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let log: WorkerLog | undefined;
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => { onReady = r; });
  const exit = new Promise<Exit>((resolve) => {
    child.on("exit", (code, signal) => { onReady(); resolve({ ...(log ? { log } : {}), code, signal }); });
  });
  child.on("message", (m) => {
    if ((m as { ready?: boolean }).ready) onReady();
    else log = m as WorkerLog;
  });
  return { ready, exit, go: (until: number) => { if (child.connected) child.send({ until }); } };
};

const rates: Record<string, number> = {};
const cpuPerCommand: Record<string, number> = {};
const load: number[] = [];
const exits: Exit[] = [];
for (const p of PHASES) {
  const workers = Array.from({ length: p }, (_, w) => startWorker(`p${p}w${w}`));
  await Promise.all(workers.map((w) => w.ready));
  // The phase's clock starts when every process has loaded and connected.
  const from = Date.now();
  for (const w of workers) w.go(from + phaseMs);
  const phase = await Promise.all(workers.map((w) => w.exit));
  const answered = phase.reduce((n, e) => n + (e.log?.answered.length ?? 0), 0);
  rates[`cmds_per_s_${p}p`] = Math.round((answered / (phaseMs / 1000)) * 10) / 10;
  // Node's own CPU per command: with the database on the same cores, what bounds the rate.
  cpuPerCommand[`node_cpu_ms_per_cmd_${p}p`] = Math.round((phase.reduce((n, e) => n + (e.log?.cpuMs ?? 0), 0) / Math.max(1, answered)) * 10) / 10;
  load.push(Math.round((loadavg()[0] ?? 0) * 10) / 10);
  exits.push(...phase);
  console.error(`soak: ${p} process(es): ${answered} commands answered, ${rates[`cmds_per_s_${p}p`]}/s; ${terminated} backends terminated so far`);
}
chaosOn = false;
await chaos;

const logs = exits.flatMap((e) => (e.log ? [e.log] : []));
const check = await checkSoak(opened, logs);
await opened.close();
if (process.env.SPOC_SOAK_KEEP !== "1") await admin.query(`drop schema ${schema} cascade`);
await admin.end();

const sum = (f: (l: WorkerLog) => number) => logs.reduce((n, l) => n + f(l), 0);
const result = {
  minutes,
  cores: availableParallelism(),
  node: process.version,
  ...rates,
  ...cpuPerCommand,
  load_average_1m: load,
  lost: check.lost,
  duplicated: check.duplicated,
  double_escalations: check.doubleEscalations,
  commands: sum((l) => l.answered.length + l.unsure.length),
  checked: check.checked,
  refused: sum((l) => l.refused.length),
  refused_but_applied: check.refusedButApplied,
  refusals: logs.reduce<Record<string, number>>((all, l) => {
    for (const [k, n] of Object.entries(l.refusals)) all[k] = (all[k] ?? 0) + n;
    return all;
  }, {}),
  unsure: sum((l) => l.unsure.length),
  unsure_applied: check.unsureApplied,
  host_retries: sum((l) => l.hostRetries),
  unexpected_errors: sum((l) => l.errors.length),
  process_deaths: exits.filter((e) => e.code !== 0 || e.log === undefined).length,
  backends_terminated: terminated,
  chaos_rounds: chaosRounds,
  tickets: check.tickets,
  events: check.events,
  version_gaps: check.versionGaps,
  projection_mismatches: check.projectionMismatches,
  escalations: check.escalations,
  notifications: check.notifications,
  notifications_delivered: check.delivered,
  notifications_pending: check.pending,
  notifications_missing: check.missing,
  double_deliveries: check.doubleDeliveries,
  sweeps: sum((l) => l.sweeps),
  report_runs: sum((l) => l.reportRuns),
  report_failures: sum((l) => l.reportFailures),
};
for (const l of logs) for (const e of l.errors.slice(0, 5)) console.error(`soak: ${l.workerId}: ${e}`);
console.log(JSON.stringify(result));
const failed = result.lost + result.refused_but_applied + result.duplicated + result.double_escalations + result.version_gaps + result.projection_mismatches
  + result.notifications_missing + result.process_deaths > 0;
process.exit(failed ? 1 : 0);
