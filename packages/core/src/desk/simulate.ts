import type { ServiceId, TicketId, Timestamp } from "../ids/ids";
import { automationCache, compileSlaSetup, configKeys, loadAutomation, slaConfigFor, slaContextOf, sweepDue, validateRules, type Automation } from "../automation";
import { standardHooks } from "../automation/standard";
import type { Service } from "../service/schema";
import { eventsOf } from "../store/batch";
import { memoryStore } from "../store/memory-store";
import type { ConfigKind, Store } from "../store/port";
import { changesOf, commandTypeOf, isAutomation, type RecordedChange } from "../simulate/changes";
import { compareTicket, countChanges, isoAt, placementOf, type ChangeCounts, type PlacementAt, type TicketReplay } from "../simulate/compare-replay";
import { slaOutcomesOf, type MetricOutcome } from "../simulate/sla-outcome";
import { TRANSFER_ACTOR } from "../routing/transfer";
import type { Command } from "../ticket/commands";
import type { TicketEvent } from "../ticket/events";
import { evolve, fold } from "../ticket/evolve";
import type { Ticket } from "../ticket/schema";
import { InvalidInput } from "../validation/invalid-input";
import { runHooks } from "./run-hooks";

/**
 * What a dry run replays: one service's history through proposed rules and SLA (default: the stored ones).
 * @example
 * await desk.simulate(admin, { serviceId: "svc-support", sla: proposedSla, from: Date.parse("2026-01-01") })
 */
export interface SimulateOptions {
  readonly serviceId: ServiceId;
  /** Proposed routing rules (validated like `configure.routingRules`); default the stored rule set. */
  readonly rules?: unknown;
  /** Proposed SLA set-up (validated like `configure.sla`); default the stored one. */
  readonly sla?: unknown;
  /** Report the tickets opened at or after this instant (epoch ms); earlier ones are still replayed, for load and turns. */
  readonly from?: Timestamp;
  /** Replay events up to this instant (default: all) and read SLA outcomes there (default: the latest event). */
  readonly to?: Timestamp;
}

/**
 * A dry run's report: how many tickets were compared, how many would change, and why, per ticket.
 * @example
 * const { tickets, changed, details }: DeskSimulation = await desk.simulate(admin, { serviceId: "svc-support", rules: proposed })
 */
export interface DeskSimulation {
  readonly tickets: number;
  readonly changed: ChangeCounts;
  /** Every compared ticket; `explanation` is empty for a ticket nothing changes on. */
  readonly details: ReadonlyArray<TicketReplay>;
  /** What the replay cannot reproduce for this configuration (e.g. time-based rules), said once. */
  readonly notes: ReadonlyArray<string>;
}

const copiedKinds: ReadonlyArray<ConfigKind> = ["routing-rule", "sla-policy", "escalation-rule", "calendar"];

/**
 * A store for the replay: tickets, cursors, claims and configuration in memory; the directory
 * (services, contacts, organisations, groups, agents) read from the real store, never written.
 */
const scratchOver = (source: Store): Store => {
  const scratch = memoryStore();
  return {
    ...scratch,
    getService: (id) => source.getService(id),
    listServices: () => source.listServices(),
    getContactList: (id) => source.getContactList(id),
    getContact: (list, id) => source.getContact(list, id),
    findContactByEmail: (list, email) => source.findContactByEmail(list, email),
    getOrganization: (list, id) => source.getOrganization(list, id),
    findOrganizationByDomain: (list, domain) => source.findOrganizationByDomain(list, domain),
    getGroup: (service, id) => source.getGroup(service, id),
    listGroups: (service) => source.listGroups(service),
    getAgent: (id) => source.getAgent(id),
    listAgents: (service) => source.listAgents(service),
  };
};

interface Scheduled {
  readonly at: Timestamp;
  readonly ticketId: TicketId;
  readonly number: string;
  readonly change: RecordedChange;
  readonly index: number;
}

/** The live histories of a service, each cut at `to`. */
async function historiesOf(store: Store, serviceId: ServiceId, to: Timestamp | undefined): Promise<Map<TicketId, TicketEvent[]>> {
  const histories = new Map<TicketId, TicketEvent[]>();
  for await (const s of eventsOf(store, serviceId)) {
    if (to !== undefined && s.event.at > to) continue;
    const h = histories.get(s.ticketId) ?? [];
    h.push(s.event);
    histories.set(s.ticketId, h);
  }
  return histories;
}

const slaOf = (automation: Automation, ticket: Ticket, history: ReadonlyArray<TicketEvent>, context: { tier?: string | null }, at: Timestamp): ReadonlyArray<MetricOutcome> => {
  const config = slaConfigFor(automation, ticket);
  return config === null ? [] : slaOutcomesOf(config, context)(history, at);
};

/**
 * Replays a service's recorded history through the Desk's own hooks (routing, assignment, SLA,
 * deadlines) and sweeps, with proposed configuration, in a scratch store: in event-time order,
 * each change people (or imports, or transfers) made is written again as it was, the automation
 * decides again, and each ticket is swept where a live sweep recorded something on it (tickets
 * with no change at that instant are swept then too: other rules may make them due). Compares
 * group, agent and priority after every change, and SLA outcomes at the end. Writes nothing to
 * `source`. It runs the hooks rather than re-modelling them (as the pure `simulate()` does) because
 * only the same code cannot drift from the Desk: shifts, absences, cursors, load, SLA and escalation
 * all come out as the Desk computes them. With the stored configuration every count is 0 (tested on the demo month and on
 * random traffic); a difference is explained on its ticket.
 * @example const report = await simulateService(store, { serviceId: "svc-support", rules: proposed }) // report.changed.agent
 */
export async function simulateService(source: Store, options: SimulateOptions): Promise<DeskSimulation | InvalidInput> {
  const service: Service | undefined = await source.getService(options.serviceId);
  if (service === undefined) return new InvalidInput({ message: `service ${options.serviceId} does not exist`, issues: [{ path: "serviceId", message: "no such service" }] });
  const rules = options.rules === undefined ? undefined : validateRules(options.rules);
  if (rules instanceof InvalidInput) return new InvalidInput({ message: `invalid routing rules: ${rules.message}`, issues: rules.issues.map((i) => ({ ...i, path: `rules.${i.path}` })) });
  const sla = options.sla === undefined ? undefined : compileSlaSetup(options.sla);
  if (sla instanceof InvalidInput) return new InvalidInput({ message: `invalid SLA set-up: ${sla.message}`, issues: sla.issues.map((i) => ({ ...i, path: `sla.${i.path}` })) });

  const store = scratchOver(source);
  for (const kind of copiedKinds) for (const { id, doc } of await source.listConfig(service.id, kind)) await store.putConfig(service.id, kind, id, doc);
  if (rules !== undefined) await store.putConfig(service.id, configKeys.routing.kind, configKeys.routing.id, rules);
  if (sla !== undefined) await store.putConfig(service.id, configKeys.sla.kind, configKeys.sla.id, sla.setup);
  const cache = automationCache(Number.POSITIVE_INFINITY);
  let ids = 0;
  const hooks = standardHooks(cache, () => `simulation-${++ids}`);
  const [liveAutomation, replayAutomation] = await Promise.all([loadAutomation(source, service.id), cache.get(store, service.id)]);

  const histories = await historiesOf(source, service.id, options.to);
  const schedule: Scheduled[] = [];
  // Which tickets changed (by a command or a sweep) at each instant, and the instants a live sweep recorded something.
  const touched = new Map<Timestamp, Set<TicketId>>();
  const sweptAt = new Set<Timestamp>();
  // In a configured service, a history with no automation event at all was written without it (before the
  // service was configured, by a Desk with automation off, an import without hooks): replayed as recorded, not compared.
  const configured = liveAutomation.rules !== null || liveAutomation.sla !== null || liveAutomation.escalation.length > 0;
  const asRecorded = new Set<TicketId>();
  for (const [ticketId, history] of histories) {
    const first = history[0];
    if (first?.type !== "TicketOpened") continue;
    if (configured && !history.some(isAutomation)) asRecorded.add(ticketId);
    // A ticket's changes keep their order even where its clock went back (an imported log's rows).
    let at = Number.NEGATIVE_INFINITY;
    changesOf(history).forEach((change, index) => {
      at = Math.max(at, change.at);
      schedule.push({ at, ticketId, number: first.number, change, index });
      touched.set(change.at, (touched.get(change.at) ?? new Set()).add(ticketId));
      if (change.kind === "time") sweptAt.add(change.at);
    });
  }
  // Event time first; at one instant, tickets in number (opening) order, each ticket's changes in its own order.
  schedule.sort((a, b) => a.at - b.at || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0) || a.index - b.index);

  // A sweep of the tickets matching `which` only: a ticket's own sweep keeps its place in the ticket's order.
  const sweepOf = (now: Timestamp, which: (ticketId: TicketId) => boolean) =>
    sweepDue({
      ...store,
      claimDue: async (at, o) => {
        const claimed = await store.claimDue(at, o);
        // Claims this sweep must not handle are given back at once, so the ticket's own sweep can take them.
        for (const c of claimed) if (c.serviceId !== service.id || !which(c.ticketId)) await store.releaseClaim(c.serviceId, c.ticketId, o.workerId);
        return claimed.filter((c) => c.serviceId === service.id && which(c.ticketId));
      },
    }, cache, now, { workerId: "simulation", limit: 100_000, leaseMs: 1 });
  const replayed = new Map<TicketId, PlacementAt[]>();
  let sweptOthersAt: Timestamp | undefined;
  for (const item of schedule) {
    if (sweptAt.has(item.at) && sweptOthersAt !== item.at) {
      // A live sweep ran here: tickets with no change at this instant are swept too, since under other
      // rules they may be due. (Where it ran among this instant's changes is unknown, so those tickets keep their own order.)
      const here = touched.get(item.at) ?? new Set<TicketId>();
      sweptOthersAt = item.at;
      await sweepOf(item.at, (id) => !here.has(id));
    }
    if (item.change.kind === "time") {
      await sweepOf(item.change.at, (id) => id === item.ticketId);
      continue;
    }
    const history = (await store.readEvents(service.id, item.ticketId)).map((s) => s.event);
    const before = fold(history);
    const { decided, host } = item.change;
    const opening = decided[0]?.type === "TicketOpened";
    // The Desk's own follow-up writes (a transfer's closing) ran their hooks with no command.
    const byDesk = decided[0]?.by.kind === "system" && decided[0].by.name === TRANSFER_ACTOR && !opening;
    const type = commandTypeOf(decided);
    const command = byDesk || type === undefined ? undefined : ({ type, serviceId: service.id, ticketId: item.ticketId } as unknown as Command);
    const after = fold(history.concat(decided)) as Ticket;
    const { events } = asRecorded.has(item.ticketId) ? { events: decided }
      : await runHooks(hooks, { service, before, history, events: decided, after, command, now: item.change.at, store });
    const all = events.concat(host);
    await store.append({ serviceId: service.id, ticketId: item.ticketId, expectedVersion: history.length, events: all, ticket: all.reduce(evolve, before as Ticket) });
    const list = replayed.get(item.ticketId) ?? [];
    list.push(placementOf(`after ${type ?? "change"} at ${isoAt(item.change.at)}`, all.reduce(evolve, before as Ticket), events.slice(decided.length)));
    replayed.set(item.ticketId, list);
  }

  // The store keeps no order between tickets' writes at one instant: say so where it may explain a difference.
  const sharedInstants = (history: ReadonlyArray<TicketEvent>, ticketId: TicketId): ReadonlyArray<string> => {
    const shared = [...new Set(history.map((e) => e.at))].filter((at) => (touched.get(at)?.size ?? 0) > 1 && touched.get(at)?.has(ticketId));
    return shared.length === 0 ? [] : [`other tickets changed at the same instant as this one (${shared.slice(0, 3).map(isoAt).join(", ")}${shared.length > 3 ? ", …" : ""}); ` +
      "the store does not record their order, so the replay takes them in ticket-number order"];
  };
  const asOf = options.to ?? schedule.reduce((m, s) => Math.max(m, s.at), 0);
  const details: TicketReplay[] = [];
  for (const [ticketId, history] of histories) {
    const first = history[0];
    if (first?.type !== "TicketOpened" || (options.from !== undefined && first.at < options.from)) continue;
    const live: PlacementAt[] = [];
    let ticket: Ticket | undefined;
    for (const change of changesOf(history)) {
      for (const e of [...change.decided, ...change.automation, ...change.host]) ticket = evolve(ticket, e);
      if (change.kind === "command") live.push(placementOf(`after ${commandTypeOf(change.decided) ?? "change"} at ${isoAt(change.at)}`, ticket as Ticket, change.automation));
    }
    if (asRecorded.has(ticketId)) {
      const t = fold(history) as Ticket;
      const at = { groupId: t.groupId, agentId: t.assigneeId, priority: t.priority, sla: [] };
      details.push({ ticketId, number: first.number, changed: [], live: at, replay: at,
        explanation: ["not compared: recorded without automation (before the service was configured, or with automation off); replayed as recorded"] });
      continue;
    }
    const replayHistory = (await store.readEvents(service.id, ticketId)).map((s) => s.event);
    const replayTicket = fold(replayHistory) as Ticket;
    const liveTicket = ticket as Ticket;
    // The end state too, so what sweeps changed (escalations) is compared.
    live.push(placementOf("at the end", liveTicket, []));
    const replay = [...(replayed.get(ticketId) ?? []), placementOf("at the end", replayTicket, [])];
    const context = await slaContextOf({ store: source, service }, liveTicket);
    const compared = compareTicket({ ticketId, number: first.number }, live, replay,
      slaOf(liveAutomation, liveTicket, history, context, asOf), slaOf(replayAutomation, replayTicket, replayHistory, context, asOf));
    details.push(compared.changed.length === 0 ? compared : { ...compared, explanation: [...compared.explanation, ...sharedInstants(history, ticketId)] });
  }
  details.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  const notes: string[] = [];
  const uncompared = details.filter((d) => asRecorded.has(d.ticketId as TicketId)).length;
  if (uncompared > 0) notes.push(`${uncompared} ticket(s) recorded without automation were replayed as recorded and not compared`);
  const timeRules = (rules ?? []).filter((r) => r.enabled && r.triggers.includes("time-based")).map((r) => r.id);
  if (timeRules.length > 0) notes.push(`rules ${timeRules.join(", ")} are time-based: the Desk runs rules on changes only, so the replay does not run them either`);
  return { tickets: details.length - uncompared, changed: countChanges(details), details, notes };
}
