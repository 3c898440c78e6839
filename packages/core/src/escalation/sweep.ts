import * as Exit from "effect/Exit";
import * as Schema from "effect/Schema";
import type { ServiceId, TicketId, Timestamp } from "../ids/ids";
import { isStoreError } from "../store/errors";
import type { Store } from "../store/port";
import type { TicketEvent } from "../ticket/events";
import { evolve, fold } from "../ticket/evolve";
import type { Ticket } from "../ticket/schema";
import { ESCALATION_ACTOR } from "./arming";
import { escalationEvents, type EscalationDirectory } from "./events";
import type { EscalationContext } from "./ladder";
import { EscalationRule } from "./rule";

/**
 * The store methods a sweep uses: claim due tickets, read, append with an expected version, release.
 * @example
 * const store: Escalation.SweepStore = memoryStore() // any Store has these four methods
 */
export type SweepStore = Pick<Store, "claimDue" | "releaseClaim" | "readEvents" | "append">;

/**
 * What a sweeper needs: the store, where rules and people come from, and how it claims.
 * @example
 * await Escalation.sweep({ store, rulesOf: async () => rules, directoryOf: async () => directory, workerId: "sweeper-1" }, Date.now())
 */
export interface SweepDeps {
  readonly store: SweepStore;
  /** The enabled and disabled escalation rules of a service. */
  readonly rulesOf: (serviceId: ServiceId) => Promise<ReadonlyArray<EscalationRule>>;
  /** The groups and agents of a service, for `notify-lead`. */
  readonly directoryOf: (serviceId: ServiceId) => Promise<EscalationDirectory>;
  readonly context?: EscalationContext;
  /**
   * Deadlines other than escalation's (the SLA's next target) that `nextDeadline` must also cover.
   * Without it, a deadline already on the ticket is kept while it is still in the future.
   */
  readonly otherDeadline?: (ticket: Ticket, history: ReadonlyArray<TicketEvent>, now: Timestamp) => Timestamp | null;
  /** Names this sweeper in claims; distinct per process. */
  readonly workerId: string;
  /** Tickets claimed per sweep (default 100). */
  readonly limit?: number;
  /** How long a claim holds (default 60 s). */
  readonly leaseMs?: number;
  /** Reloads after a version conflict before giving up on a ticket (default 5). */
  readonly maxRetries?: number;
}

/**
 * What one sweep did.
 * @example
 * const { claimed, fired, conflicts, failed }: Escalation.SweepReport = await Escalation.sweep(deps, Date.now())
 */
export interface SweepReport {
  readonly claimed: number;
  /** The escalation keys fired, per ticket. */
  readonly fired: ReadonlyArray<{ readonly ticketId: TicketId; readonly key: string }>;
  /** Version conflicts met (another sweeper or writer was first); each led to a reload, never a double fire. */
  readonly conflicts: number;
  readonly failed: ReadonlyArray<{ readonly ticketId: TicketId; readonly error: unknown }>;
}

const minOf = (a: Timestamp | null, b: Timestamp | null): Timestamp | null => (a === null ? b : b === null ? a : Math.min(a, b));

const keepFuture = (t: Ticket, _: ReadonlyArray<TicketEvent>, now: Timestamp): Timestamp | null =>
  t.nextDeadline !== null && t.nextDeadline > now ? t.nextDeadline : null;

/**
 * The events one sweep appends to one ticket: the escalations due at `now`, then a `DeadlineSet`
 * when the ticket's next deadline changes. Pure.
 * @example const events = sweepEvents(ticket, history, rules, now, { groups, agents }, otherDeadline)
 */
export const sweepEvents = (
  ticket: Ticket,
  history: ReadonlyArray<TicketEvent>,
  rules: ReadonlyArray<EscalationRule>,
  now: Timestamp,
  context: EscalationContext & EscalationDirectory,
  otherDeadline: NonNullable<SweepDeps["otherDeadline"]> = keepFuture,
): { readonly events: ReadonlyArray<TicketEvent>; readonly fired: ReadonlyArray<string> } => {
  const outcome = escalationEvents(ticket, history, rules, now, context);
  const after = outcome.events.reduce(evolve, ticket);
  const next = minOf(outcome.nextDeadline, otherDeadline(after, [...history, ...outcome.events], now));
  const deadline: ReadonlyArray<TicketEvent> =
    next === after.nextDeadline
      ? []
      : [{ type: "DeadlineSet", at: now, by: { kind: "system", name: ESCALATION_ACTOR }, nextDeadline: next, reason: "escalation sweep" }];
  return { events: [...outcome.events, ...deadline], fired: outcome.fired.map((l) => l.key) };
};

/**
 * Claims the tickets due at `now`, appends their due escalations with the expected version and
 * releases the claims. A version conflict means another sweeper or writer got there first: the
 * ticket is reloaded and its escalations recomputed, so no (ticket, rule, level, stall) fires twice
 * even when claims overlap.
 * @example
 * const report = await sweep({ store, workerId: "w1", ...escalationSources(store) }, Date.now())
 */
export async function sweep(deps: SweepDeps, now: Timestamp): Promise<SweepReport> {
  const claims = await deps.store.claimDue(now, { limit: deps.limit ?? 100, leaseMs: deps.leaseMs ?? 60_000, workerId: deps.workerId });
  const fired: Array<{ ticketId: TicketId; key: string }> = [];
  const failed: Array<{ ticketId: TicketId; error: unknown }> = [];
  let conflicts = 0;
  const rules = new Map<string, Promise<ReadonlyArray<EscalationRule>>>();
  const dirs = new Map<string, Promise<EscalationDirectory>>();
  const cached = <T>(m: Map<string, Promise<T>>, k: ServiceId, load: (k: ServiceId) => Promise<T>) => {
    const hit = m.get(k) ?? load(k);
    m.set(k, hit);
    return hit;
  };
  for (const claim of claims) {
    const { serviceId, ticketId } = claim;
    try {
      const [ruleList, dir] = await Promise.all([cached(rules, serviceId, deps.rulesOf), cached(dirs, serviceId, deps.directoryOf)]);
      for (let attempt = 0; ; attempt++) {
        const history = (await deps.store.readEvents(serviceId, ticketId)).map((s) => s.event);
        const ticket = fold(history);
        if (ticket === undefined) break;
        const r = sweepEvents(ticket, history, ruleList, now, { ...deps.context, ...dir }, deps.otherDeadline);
        if (r.events.length === 0) break;
        try {
          await deps.store.append({ serviceId, ticketId, expectedVersion: history.length, events: r.events, ticket: r.events.reduce(evolve, ticket) });
          fired.push(...r.fired.map((key) => ({ ticketId, key })));
          break;
        } catch (e) {
          if (!isStoreError(e, "VersionConflict")) throw e;
          conflicts++;
          if (attempt >= (deps.maxRetries ?? 5)) throw e;
        }
      }
    } catch (error) {
      failed.push({ ticketId, error });
    } finally {
      await deps.store.releaseClaim(serviceId, ticketId, deps.workerId).catch(() => undefined);
    }
  }
  return { claimed: claims.length, fired, conflicts, failed };
}

const decodeRule = Schema.decodeUnknownExit(EscalationRule);

/**
 * Reads escalation rules (config kind `escalation-rule`), groups and agents from the store;
 * documents that do not decode are skipped (they were validated when saved).
 * @example sweep({ store, workerId: "w1", ...escalationSources(store) }, now)
 */
export const escalationSources = (
  store: Pick<Store, "listConfig" | "listGroups" | "listAgents">,
): Pick<SweepDeps, "rulesOf" | "directoryOf"> => ({
  rulesOf: async (serviceId) =>
    (await store.listConfig(serviceId, "escalation-rule")).flatMap(({ doc }) => {
      const exit = decodeRule(doc);
      return Exit.isSuccess(exit) ? [exit.value] : [];
    }),
  directoryOf: async (serviceId) => {
    const [groups, agents] = await Promise.all([store.listGroups(serviceId), store.listAgents(serviceId)]);
    return { groups, agents };
  },
});
