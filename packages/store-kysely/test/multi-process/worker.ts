// One process of the multi-process test: 500 Desk commands on the shared tickets, with sweeps between.
import { createDesk, Escalation, type TicketId } from "@spoc/core";
import { openStore } from "../../src/open.ts";
import { world } from "./scenario.ts";

const [url, workerId, idsJson, commandsArg] = process.argv.slice(2);
const ids = JSON.parse(idsJson ?? "[]") as TicketId[];
const commands = Number(commandsArg ?? 500);
let seed = [...(workerId ?? "w")].reduce((a, c) => a * 31 + c.charCodeAt(0), 7) >>> 0;
const rand = (n: number) => {
  seed = (seed * 1_103_515_245 + 12_345) >>> 0;
  return seed % n;
};

const opened = await openStore(url ?? "", { migrate: false, poolSize: 4 });
const desk = createDesk({ store: opened.store });
const at = { at: world.t0 };
const sys = world.system;
const outcome = { ok: 0, rejected: 0, storeErrors: [] as string[], fired: 0, sweepFailures: 0, opened: [] as string[] };

for (let i = 0; i < commands; i++) {
  const ticketId = ids[rand(ids.length)] as TicketId;
  const base = { serviceId: world.service, ticketId };
  const kind = rand(10);
  try {
    if (kind === 0 && i % 2 === 0) {
      const t = await desk.openTicket(sys, { serviceId: world.service, subject: `${workerId} ${i}`, channel: "api", requesterId: world.requester }, at);
      outcome.opened.push(t.id);
    } else if (kind <= 2) await desk.addMessage(sys, { ...base, kind: "note", body: `${workerId} note ${i}` }, at);
    else if (kind === 3) await desk.changeStatus(sys, { ...base, status: (["open", "pending-customer", "resolved"] as const)[rand(3)] ?? "open" }, at);
    else if (kind === 4) await desk.reopen(sys, base, at);
    else if (kind === 5) await desk.changePriority(sys, { ...base, priority: (["low", "normal", "high"] as const)[rand(3)] ?? "low" }, at);
    else if (kind === 6) await desk.updateFields(sys, { ...base, addTags: [`${workerId}-${rand(5)}`] }, at);
    else if (kind === 7) await desk.assign(sys, { ...base, agentId: rand(2) === 0 ? world.agent : null }, at);
    else await desk.logTime(sys, { ...base, minutes: 5, billable: true, rateCentsPerHour: 6000, agentId: world.agent }, at);
    outcome.ok++;
  } catch (e) {
    const tag = (e as { _tag?: string; reason?: string })._tag;
    if (tag === "StoreError" || tag === undefined) outcome.storeErrors.push(String((e as Error).message ?? e));
    else outcome.rejected++;
  }
  if (i % 25 === 24) {
    const now = world.t0 + (i < commands / 2 ? 61 : 91) * world.minute;
    const report = await Escalation.sweep({ store: opened.store, workerId: workerId ?? "w", leaseMs: 5_000, ...Escalation.escalationSources(opened.store) }, now);
    outcome.fired += report.fired.length;
    outcome.sweepFailures += report.failed.length;
  }
}
await opened.close();
process.send?.(outcome);
