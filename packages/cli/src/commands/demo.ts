import { Actor, createDesk, describeEvent, type Store, timeline } from "@spoc/core";
import { playMonth } from "../demo/month";
import { company, names, playScenario, setUpCompany } from "../demo/scenario";
import { allTickets, performanceSummary } from "../demo/summary";

/**
 * Options of `spoc demo`.
 * @example
 * await runDemo({ store: memoryStore(), month: false, out: (line) => lines.push(line) })
 */
export interface DemoOptions {
  /** Where the scenario is written (default: the SQLite file `$SPOC_DB`, else `sqlite:spoc.sqlite`, opened and closed here). */
  readonly store?: Store;
  /** Where the timeline and summary lines go (default `console.log`). */
  readonly out?: (line: string) => void;
  /** Also play a month of generated traffic (default true). */
  readonly month?: boolean;
  /** Tickets in the generated month (default 360). */
  readonly tickets?: number;
}

const lee: Actor = Actor.agent(company.lee);

/**
 * Plays the IT Support scenario and prints the ticket's timeline; then a month of generated traffic
 * through routing, SLA and escalation, and a performance summary per group.
 * @example await runDemo({ out: console.log })
 */
export async function runDemo(options: DemoOptions = {}): Promise<void> {
  if (options.store === undefined) {
    // The CLI wires the embedded default itself (@spoc/core loads no adapter of its own), and
    // only when asked to: the package entry loads nothing beyond @spoc/core.
    const { openStore } = await import("@spoc/store-kysely");
    const opened = await openStore(process.env.SPOC_DB ?? "sqlite:spoc.sqlite");
    try {
      return await runDemo({ ...options, store: opened.store });
    } finally {
      await opened.close();
    }
  }
  const out = options.out ?? ((l: string) => console.log(l));
  // A scripted morning: each step of the story happens a few minutes after the last.
  let now = Date.UTC(2026, 8, 28, 7, 47);
  const steps = [0, 4, 9, 6, 12, 23, 8, 31, 47, 12, 95, 3, 26, 240, 5];
  let step = 0;
  let scripted = true;
  const clock = () => (scripted ? (now += (steps[step++ % steps.length] ?? 5) * 60_000) : now);
  const desk = createDesk({ clock, store: options.store });
  await setUpCompany(desk);
  const { support, billing } = await playScenario(desk);
  const history = await desk.history(lee, company.support, support.id);
  out(`\n${support.number} — ${support.subject}  [${support.status}, ${support.priority}]`);
  out(`Requester: ${names[support.requesterId] ?? support.requesterId}; opened by ${names[(support.openedBy as { id: string }).id] ?? "?"}; ` +
    `first response by ${names[support.responders[0] ?? ""] ?? "nobody"}`);
  out("─".repeat(100));
  for (const line of timeline(history.map((h) => h.event), (id) => names[id])) out(line);
  out("─".repeat(100));
  out(`Time logged ${support.timeMinutes} min, cost ${support.costCents === null ? "hidden" : (support.costCents / 100).toFixed(2)}; ` +
    `handed off to ${billing?.number ?? "?"} in Billing & Collections (${billing?.status ?? "?"}).`);
  // What Billing's agent reads there: the excerpt, since the Support ticket itself is closed to them.
  const excerpt = billing ? await desk.handOffExcerpt(Actor.agent(company.bea), company.billing, billing.id) : null;
  if (billing && excerpt) out(`${billing.number} ${describeEvent(excerpt)}.`);
  if (options.month === false) return;

  scripted = false;
  const month = await playMonth(desk, { tickets: options.tickets ?? 360, now: { set: (t) => { now = t; } } });
  out(`\nA month of traffic (October 2026, seed 2026): ${month.tickets} tickets, ${month.commands} commands, ` +
    `${month.sweeps} hourly sweeps → ${month.breaches} SLA breaches recorded, ${month.escalations} escalations; ${month.seconds.toFixed(1)} s.`);
  const tickets = await allTickets(desk, company.support);
  const groups = new Map((await desk.store.listGroups(company.support as never)).map((g) => [g.id as string, g.name]));
  out("");
  for (const line of performanceSummary(tickets, (id) => (id === null ? "(no group)" : (groups.get(id) ?? id)))) out(line);
  const escalated = tickets.find((t) => t.escalations.length > 0 && t.status === "closed");
  if (escalated) {
    const h = await desk.history(lee, company.support, escalated.id);
    const agentNames = new Map((await desk.store.listAgents(company.support as never)).map((a) => [a.id as string, a.name]));
    const requester = await desk.store.getContact(company.list as never, escalated.requesterId);
    if (requester) agentNames.set(requester.id, requester.name);
    out(`\nAn escalated ticket: ${escalated.number} — ${escalated.subject}`);
    for (const line of timeline(h.map((e) => e.event), (id) => agentNames.get(id) ?? groups.get(id) ?? names[id])) out(line);
  }
}
