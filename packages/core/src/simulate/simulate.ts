import { assign, type Assignment, type AssignmentContext } from "../assignment/assign";
import type { LastAssigned } from "../assignment/choosers";
import type { OpenCounts } from "../assignment/filters";
import type { AgentId, GroupId, Timestamp } from "../ids/ids";
import type { Agent, Group } from "../service/schema";
import type { TicketEvent } from "../ticket/events";
import { fold } from "../ticket/evolve";
import type { Priority, Ticket } from "../ticket/schema";
import { ReplayLoad } from "./replay-load";
import { decisionOf, type RouteFunction } from "./routing-outcome";
import type { MetricOutcome, SlaEvaluator } from "./sla-outcome";

/**
 * What to replay the histories through: the routing rules under test, SLA evaluators and the people.
 * @example
 * Simulation.simulate({ route, groups, agents, sla: { proposed: Simulation.slaOutcomesOf(compiled) } }, histories)
 */
export interface SimulationInput {
  readonly route: RouteFunction;
  /** `proposed` evaluates the simulated histories; `current` the real ones (defaults to `proposed`). */
  readonly sla?: { readonly proposed: SlaEvaluator; readonly current?: SlaEvaluator };
  readonly groups: ReadonlyArray<Group>;
  readonly agents: ReadonlyArray<Agent>;
  /** Load before the first replayed ticket; the simulation adds its own assignments as it goes. */
  readonly openCounts?: OpenCounts;
  readonly lastAssigned?: LastAssigned;
  /** Round-robin cursors per group id at the start. */
  readonly cursors?: Readonly<Record<string, AgentId>>;
  /** Whether an agent is on shift at an instant; without it everyone counts as on shift. */
  readonly isWorking?: AssignmentContext["isWorking"];
  /** The instant SLA outcomes are read at; default the latest event of all histories. */
  readonly asOf?: Timestamp;
}

/**
 * Where a ticket went: its group, agent and priority right after it was opened.
 * @example
 * const placement: Simulation.Placement = { groupId: GroupId("grp-l1"), agentId: null, priority: "normal" }
 */
export interface Placement {
  readonly groupId: GroupId | null;
  readonly agentId: AgentId | null;
  readonly priority: Priority;
}

/**
 * One replayed ticket: what really happened at opening, what the new rules would have done, and SLA
 * outcomes both ways. `simulated.transferTo` names the service the rules would have moved it to; its
 * `sla.after` is then empty, since the ticket would have been measured in that service, not this one.
 * @example
 * for (const t of report.tickets) console.log(t.number, t.actual.groupId, "→", t.simulated.groupId, t.firedRules)
 */
export interface TicketSimulation {
  readonly ticketId: string;
  readonly number: string;
  readonly actual: Placement;
  readonly simulated: Placement & { readonly policyId: string | null; readonly transferTo: string | null };
  readonly firedRules: ReadonlyArray<string>;
  readonly explanation: ReadonlyArray<string>;
  readonly sla: { readonly before: ReadonlyArray<MetricOutcome>; readonly after: ReadonlyArray<MetricOutcome> };
}

/**
 * The whole replay: per ticket, the totals, and histories that could not be replayed.
 * @example
 * const { totals, skipped }: Simulation.SimulationReport = Simulation.simulate(input, histories)
 * console.log(`${totals.groupChanged} of ${totals.tickets} tickets would change group`)
 */
export interface SimulationReport {
  readonly tickets: ReadonlyArray<TicketSimulation>;
  readonly totals: {
    readonly tickets: number;
    readonly groupChanged: number;
    readonly agentChanged: number;
    readonly priorityChanged: number;
    readonly breachesBefore: number;
    readonly breachesAfter: number;
    /** Tickets the new rules would have transferred to another service. */
    readonly transferred: number;
  };
  readonly skipped: ReadonlyArray<{ readonly index: number; readonly reason: string }>;
}

const SIM = { kind: "system", name: "simulation" } as const;

/** The ticket as it stood once everything that happened at its opening instant was applied. */
const atOpening = (history: ReadonlyArray<TicketEvent>, openedAt: Timestamp): Ticket =>
  fold(history.filter((e, i) => i === 0 || e.at <= openedAt)) as Ticket;

/**
 * The history as the new rules would have written it: the old automation's events at the opening
 * instant (system actors) are replaced by the simulated routing; everything people did stays.
 */
const rewrite = (history: ReadonlyArray<TicketEvent>, opened: Ticket, placed: TicketSimulation["simulated"], extra: ReadonlyArray<TicketEvent>): ReadonlyArray<TicketEvent> => {
  const [first, ...rest] = history;
  if (first === undefined) return [];
  const at = first.at;
  const kept = rest.filter((e) => !(e.at <= at && e.by.kind === "system"));
  const routing: Array<TicketEvent> = [];
  if (placed.groupId !== null || placed.agentId !== null) {
    routing.push({ type: "Assigned", at, by: SIM, groupId: placed.groupId, agentId: placed.agentId, reason: "simulation" });
  }
  if (placed.priority !== opened.priority) {
    routing.push({ type: "PriorityChanged", at, by: SIM, from: opened.priority, to: placed.priority, impact: opened.impact, urgency: opened.urgency });
  }
  return [first, ...routing, ...extra, ...kept];
};

const breaches = (outcomes: ReadonlyArray<MetricOutcome>): number => outcomes.filter((o) => o.state === "breached").length;

/**
 * Replays past tickets through new routing rules, assignment and SLA policies and reports what
 * would have happened — group, agent, priority, SLA outcome per metric — and the totals. Tickets
 * are replayed in opening order so round robin and load evolve as they would have. Pure: writes
 * nothing and never mutates its inputs.
 * @example
 * const report = simulate({ route: (t, now) => routeTicket(compiled, { trigger: "ticket-opened", now, ticket: t }),
 *   sla: { proposed: slaOutcomesOf(newSla), current: slaOutcomesOf(oldSla) }, groups, agents }, histories)
 * report.totals.breachesAfter - report.totals.breachesBefore
 */
export function simulate(input: SimulationInput, histories: ReadonlyArray<ReadonlyArray<TicketEvent>>): SimulationReport {
  const skipped: Array<{ index: number; reason: string }> = [];
  const valid = histories.flatMap((h, index) => {
    if (h[0]?.type !== "TicketOpened") {
      skipped.push({ index, reason: "the history does not start with TicketOpened" });
      return [];
    }
    return [{ index, history: h, openedAt: h[0].at }];
  });
  const asOf = input.asOf ?? histories.reduce((m, h) => h.reduce((n, e) => Math.max(n, e.at), m), 0);
  const order = [...valid].sort((a, b) => a.openedAt - b.openedAt || a.index - b.index);
  const load = new ReplayLoad(input.openCounts ?? {}, input.lastAssigned ?? {}, input.cursors ?? {});
  const results = new Map<number, TicketSimulation>();
  for (const { index, history, openedAt } of order) {
    const opened = fold(history.slice(0, 1)) as Ticket;
    const actual = atOpening(history, openedAt);
    const routed = input.route(opened, openedAt);
    const decision = decisionOf(routed.actions.map((a) => a.action), opened);
    const explanation: Array<string> = [`rules fired: ${routed.fired.join(", ") || "none"}`];
    if (decision.ignored.length > 0) explanation.push(`not simulated: ${decision.ignored.join(", ")}`);
    if (decision.transferTo !== null) {
      explanation.push(`transfer: to service ${decision.transferTo}; the ticket would leave this service's queue (its SLA is measured there)`);
    }
    let groupId = decision.strategy?.groupId ?? decision.groupId;
    let agentId = decision.agentId;
    if (decision.strategy !== null) {
      const group = input.groups.find((g) => g.id === groupId);
      if (group === undefined) {
        explanation.push(`assignment: group ${groupId ?? "(none)"} is unknown; left unassigned`);
      } else {
        const a: Assignment = assign(
          { group, strategy: decision.strategy.strategy },
          {
            agents: input.agents,
            openCounts: load.openCounts(openedAt),
            lastAssigned: load.lastAssigned(),
            cursor: load.cursor(group.id),
            ...(input.isWorking ? { isWorking: input.isWorking } : {}),
          },
          openedAt,
        );
        explanation.push(...a.explanation);
        groupId = a.groupId;
        agentId = a.agentId;
        const full = fold(history) as Ticket;
        if (agentId !== null) load.assigned(agentId, openedAt, full.resolvedAt ?? full.closedAt ?? Number.POSITIVE_INFINITY, group.id, a.cursor);
      }
    }
    const simulated = { groupId, agentId, priority: decision.priority ?? opened.priority, policyId: decision.policyId, transferTo: decision.transferTo };
    const fields: ReadonlyArray<TicketEvent> =
      decision.category !== undefined || decision.tags !== null
        ? [{ type: "FieldsChanged", at: openedAt, by: SIM, ...(decision.category !== undefined ? { category: decision.category } : {}), ...(decision.tags !== null ? { tags: decision.tags } : {}) }]
        : [];
    const proposed = input.sla?.proposed;
    const current = input.sla?.current ?? proposed;
    results.set(index, {
      ticketId: opened.id,
      number: opened.number,
      actual: { groupId: actual.groupId, agentId: actual.assigneeId, priority: actual.priority },
      simulated,
      firedRules: routed.fired,
      explanation,
      sla: {
        before: current ? current(history, asOf) : [],
        after: proposed && simulated.transferTo === null ? proposed(rewrite(history, opened, simulated, fields), asOf) : [],
      },
    });
  }
  const tickets = valid.flatMap(({ index }) => results.get(index) ?? []);
  const count = (f: (t: TicketSimulation) => boolean) => tickets.filter(f).length;
  return {
    tickets,
    totals: {
      tickets: tickets.length,
      groupChanged: count((t) => t.simulated.groupId !== t.actual.groupId),
      agentChanged: count((t) => t.simulated.agentId !== t.actual.agentId),
      priorityChanged: count((t) => t.simulated.priority !== t.actual.priority),
      breachesBefore: tickets.reduce((n, t) => n + breaches(t.sla.before), 0),
      breachesAfter: tickets.reduce((n, t) => n + breaches(t.sla.after), 0),
      transferred: count((t) => t.simulated.transferTo !== null),
    },
    skipped,
  };
}
