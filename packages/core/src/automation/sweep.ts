import type { ServiceId, TicketId } from "../ids/ids";
import { businessClockOf, escalationSources, slaThresholdsOf, sweepEvents } from "../escalation";
import { sweepSla } from "../sla";
import { isStoreError } from "../store/errors";
import type { Store } from "../store/port";
import type { TicketEvent } from "../ticket/events";
import { evolve, fold } from "../ticket/evolve";
import type { DeskHook } from "../desk/hooks";
import { guardAutomaticAssignments } from "../desk/automatic-assignments";
import { runHooks } from "../desk/run-hooks";
import type { AutomationCache } from "./config";
import { slaDeadline } from "./deadline-hook";
import { slaConfigFor, slaContextOf } from "./sla-hook";

/**
 * Options of one sweep.
 * @example
 * await desk.sweep({ workerId: `sweeper-${hostname()}`, limit: 500, leaseMs: 120_000 })
 */
export interface SweepOptions {
  /** Names this sweeper in claims; distinct per process (default: a random id). */
  readonly workerId?: string;
  /** Tickets claimed per sweep (default 100). */
  readonly limit?: number;
  /** How long a claim holds (default 60 s). */
  readonly leaseMs?: number;
  /** Reloads after a version conflict before giving up on a ticket (default 5). */
  readonly maxRetries?: number;
  /**
   * Hooks run on what the sweep records, as after a command (e.g. email notifications). `desk.sweep`
   * runs the Desk's own extra hooks (`DeskOptions.hooks`) first, then these.
   */
  readonly hooks?: ReadonlyArray<DeskHook>;
}

/**
 * What one sweep did: tickets claimed, breaches and escalations recorded, conflicts met, failures.
 * @example
 * const { claimed, breaches, escalations }: DeskSweepReport = await desk.sweep({ workerId: "sweeper-1" })
 */
export interface DeskSweepReport {
  readonly claimed: number;
  readonly breaches: ReadonlyArray<{ readonly ticketId: TicketId; readonly metric: string; readonly cycle: number }>;
  readonly escalations: ReadonlyArray<{ readonly ticketId: TicketId; readonly key: string }>;
  readonly conflicts: number;
  readonly failed: ReadonlyArray<{ readonly ticketId: TicketId; readonly error: unknown }>;
}

/**
 * Claims the tickets whose next deadline has passed and records what time alone caused: SLA
 * breaches (once per metric and cycle) and escalation levels (once per rule, level and stall),
 * then the new next deadline. Appends use the expected version, so sweepers racing each other or
 * live writers never fire anything twice: a conflict reloads the ticket and decides again.
 * @example
 * await Automation.sweepDue(store, Automation.automationCache(), Date.now(), { workerId: "sweeper-1" })
 */
export async function sweepDue(store: Store, cache: AutomationCache, now: number, options: SweepOptions = {}): Promise<DeskSweepReport> {
  const workerId = options.workerId ?? `sweeper-${globalThis.crypto.randomUUID()}`;
  const claims = await store.claimDue(now, { limit: options.limit ?? 100, leaseMs: options.leaseMs ?? 60_000, workerId });
  const breaches: Array<{ ticketId: TicketId; metric: string; cycle: number }> = [];
  const escalations: Array<{ ticketId: TicketId; key: string }> = [];
  const failed: Array<{ ticketId: TicketId; error: unknown }> = [];
  const directories = new Map<ServiceId, ReturnType<ReturnType<typeof escalationSources>["directoryOf"]>>();
  let conflicts = 0;
  for (const { serviceId, ticketId } of claims) {
    try {
      const service = await store.getService(serviceId);
      if (!service) continue;
      const automation = await cache.get(store, serviceId);
      const directory = await (directories.get(serviceId) ?? directories.set(serviceId, escalationSources(store).directoryOf(serviceId)).get(serviceId));
      for (let attempt = 0; ; attempt++) {
        const history = (await store.readEvents(serviceId, ticketId)).map((s) => s.event);
        const ticket = fold(history);
        if (!ticket) break;
        const sla = slaConfigFor(automation, ticket);
        const slaEvents: TicketEvent[] = sla ? sweepSla(history, sla, now, await slaContextOf({ store, service }, ticket)) : [];
        const afterSla = slaEvents.reduce(evolve, ticket);
        const withSla = history.concat(slaEvents);
        const esc = sweepEvents(afterSla, withSla, automation.escalation, now, {
          clock: businessClockOf(automation.calendars),
          ...(sla ? { slaThreshold: slaThresholdsOf(sla) } : {}),
          ...(directory ?? { groups: [], agents: [] }),
        }, (_t, h) => slaDeadline(h));
        // sweepEvents also moves nextDeadline on (to the SLA's next target or the next level), so the ticket leaves the index.
        // Escalation ladders are automation too: their assignments meet the same rules as a command's.
        const decided: TicketEvent[] = [...slaEvents, ...(await guardAutomaticAssignments(store, service, esc.events, now, ticket.channel))];
        if (decided.length === 0) break;
        // The same runner as a command's: each hook sees the ticket after the hooks before it.
        const { events, after } = await runHooks(options.hooks ?? [], {
          service, before: ticket, history, events: decided, after: decided.reduce(evolve, ticket), command: undefined, now, store,
        });
        try {
          await store.append({ serviceId, ticketId, expectedVersion: history.length, events, ticket: after });
          for (const e of events) if (e.type === "SlaBreached") breaches.push({ ticketId, metric: e.metric, cycle: e.cycle });
          escalations.push(...esc.fired.map((key) => ({ ticketId, key })));
          break;
        } catch (e) {
          if (!isStoreError(e, "VersionConflict") || attempt >= (options.maxRetries ?? 5)) throw e;
          conflicts++;
        }
      }
    } catch (error) {
      failed.push({ ticketId, error });
    } finally {
      await store.releaseClaim(serviceId, ticketId, workerId).catch(() => undefined);
    }
  }
  return { claimed: claims.length, breaches, escalations, conflicts, failed };
}
