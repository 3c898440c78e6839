/**
 * One soak process: mixed Desk commands on the service's tickets until its time is up, with
 * sweeps, outbox deliveries and report runs between them. Half the commands carry the host's
 * idempotency key (and are run again with it after an unavailable store, as a host would); the
 * other half get the Desk's own command id. Sends its log (`WorkerLog`) to the parent.
 */
import "../source-resolution.ts";
import { Writable } from "node:stream";

const { createDesk } = await import("@spoc/core");
const { openStore } = await import("@spoc/store-kysely");
const { predefinedReport, runReport, sqlDataSource } = await import("@spoc/reporting");
const { virtualClock, world } = await import("./world.ts");
type WorkerLog = import("./world.ts").WorkerLog;

const [url, workerId, startedAtArg] = process.argv.slice(2) as [string, string, string];
const clock = virtualClock(Number(startedAtArg));
let seed = [...workerId].reduce((a, c) => a * 31 + c.charCodeAt(0), Date.now()) >>> 0;
const rand = (n: number) => {
  seed = (seed * 1_103_515_245 + 12_345) >>> 0;
  return (seed >>> 8) % n;
};
const pick = <T>(xs: ReadonlyArray<T>): T => xs[rand(xs.length)] as T;

const opened = await openStore(url, { migrate: false, poolSize: 3 });
const desk = createDesk({ store: opened.store, clock, storeRetry: { times: 4, baseDelayMs: 25 } });
const log: WorkerLog = {
  workerId, answered: [], refused: [], unsure: [], checkable: [], delivered: [], sweeps: 0, sweepFailures: 0, escalations: 0,
  reportRuns: 0, reportFailures: 0, hostRetries: 0, cpuMs: 0, refusals: {}, errors: [],
};

const isUnavailable = (e: unknown) => (e as { _tag?: string; reason?: string })._tag === "StoreError" && (e as { reason?: string }).reason === "Unavailable";
const retryingRead = async <A>(f: () => Promise<A>): Promise<A> => {
  for (let i = 0; ; i++) {
    try {
      return await f();
    } catch (e) {
      if (!isUnavailable(e) || i >= 20) throw e;
      await new Promise((r) => setTimeout(r, 50 + rand(100)));
    }
  }
};

let tickets = (await retryingRead(() => desk.listTickets(world.system, world.service, { limit: 200 }))).items.map((t) => t.id as string);
const agent = (id: string) => ({ kind: "agent", id }) as const;
// Ready: the parent starts the phase's clock once every process of the phase has loaded and connected.
const until = await new Promise<number>((resolve) => {
  process.once("message", (m) => resolve((m as { until: number }).until));
  process.send?.({ ready: true });
});
const cpuAtStart = process.cpuUsage();
const sink = () => new Writable({ write: (_c, _e, done) => done() });

for (let i = 0; Date.now() < until; i++) {
  const key = `${workerId}-${i}`;
  const keyed = i % 2 === 0;
  const options = keyed ? { commandId: key } : {};
  const ticketId = pick(tickets);
  const base = { serviceId: world.service, ticketId };
  const by = agent(pick(world.agents));
  const kind = rand(100);
  let checkable = false;
  const run = (): Promise<{ id: string }> => {
    if (kind < 10 || tickets.length === 0) {
      checkable = true;
      return desk.openTicket(by, { serviceId: world.service, subject: key, channel: "api", requesterId: pick(world.contacts) }, options);
    }
    if (kind < 45) { checkable = true; return desk.addMessage(by, { ...base, kind: "note", body: key }, options); }
    if (kind < 55) { checkable = true; return desk.logTime(by, { ...base, minutes: 1 + rand(30), billable: rand(2) === 0, note: key }, options); }
    if (kind < 70) return desk.changeStatus(by, { ...base, status: pick(["open", "pending-customer", "resolved"] as const) }, options);
    if (kind < 75) return desk.reopen(by, base, options);
    if (kind < 85) return desk.changePriority(by, { ...base, priority: pick(["low", "normal", "high"] as const) }, options);
    if (kind < 93) return desk.updateFields(by, { ...base, addTags: [`t${rand(6)}`] }, options);
    return desk.assign(by, { ...base, groupId: world.group, agentId: pick([...world.agents, null]) }, options);
  };
  let outcome: "answered" | "refused" | "unsure" = "unsure";
  // A keyed command is run again with its key while the store is unavailable; an unkeyed one only by the Desk.
  for (let attempt = 0; attempt < (keyed ? 20 : 1) && outcome === "unsure"; attempt++) {
    try {
      const t = await run();
      if (kind < 10 && !tickets.includes(t.id)) tickets.push(t.id);
      outcome = "answered";
    } catch (e) {
      if (isUnavailable(e)) {
        if (keyed) { log.hostRetries++; await new Promise((r) => setTimeout(r, 50 + rand(100))); }
      } else if (typeof (e as { _tag?: string })._tag === "string" && (e as { _tag?: string })._tag !== "StoreError") {
        outcome = "refused"; // the domain's answer (an illegal transition, a closed ticket…)
        const why = `${(e as { _tag?: string })._tag}:${(e as { code?: string }).code ?? ""}`;
        log.refusals[why] = (log.refusals[why] ?? 0) + 1;
      } else {
        log.errors.push(`${key}: ${(e as { _tag?: string })._tag ?? "?"} ${(e as Error).message}`.slice(0, 300));
        outcome = "refused";
      }
    }
  }
  if (checkable) log.checkable.push(key);
  if (outcome === "unsure") log.unsure.push(key);
  else log.answered.push(key);
  if (outcome === "refused") log.refused.push(key);

  if (i % 40 === 39) {
    try {
      const report = await desk.sweep({ workerId, leaseMs: 30 * 60_000 });
      log.sweeps++;
      log.escalations += report.escalations.length;
      log.sweepFailures += report.failed.length;
    } catch { log.sweepFailures++; }
    try {
      const now = clock();
      const items = await opened.store.claimOutbox(now, { limit: 20, leaseMs: 30 * 60_000, workerId });
      for (const item of items) {
        await opened.store.markOutboxSent(item.id, now); // the "delivery": recorded once it is marked
        log.delivered.push(item.id);
      }
    } catch { /* an unavailable store: the items stay claimable after their lease */ }
  }
  if (i % 100 === 99) {
    try {
      const day = new Date(clock()).toISOString().slice(0, 10);
      await runReport(predefinedReport("backlog", { period: { from: day, to: day, timeZone: "UTC" } }), {
        source: sqlDataSource(opened.db, [world.service]), formats: ["html"], out: sink, generatedAt: new Date(clock()),
      });
      log.reportRuns++;
    } catch { log.reportFailures++; }
  }
}
const cpu = process.cpuUsage(cpuAtStart);
(log as { cpuMs: number }).cpuMs = Math.round((cpu.user + cpu.system) / 1000);
await opened.close();
process.send?.(log);
