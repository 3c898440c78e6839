import type { RuleId, ServiceId } from "../ids/ids";
import type { EventOf, TicketEvent } from "../ticket/events";
import type { Ticket } from "../ticket/schema";
import type { RoutedAction } from "./facts";

/**
 * The system actor's name on what a rule-driven transfer writes; the loop check follows only tickets it opened.
 * @example
 * const by: Actor = { kind: "system", name: Routing.TRANSFER_ACTOR } // what a rule-driven transfer writes as
 */
export const TRANSFER_ACTOR = "transfer";

/**
 * How many rule-driven transfers one request may go through (A → B → C → D) before the Desk refuses another.
 * @example
 * Routing.MAX_TRANSFER_HOPS // 3: A → B → C → D, then the Desk refuses another transfer
 */
export const MAX_TRANSFER_HOPS = 3;

/**
 * A `transfer-to-service` the rules decided: the rule, the target service and the rule's reason.
 * @example
 * const decision: Routing.TransferDecision | null = Routing.transferOf(routing.actions) // { ruleId, serviceId, reason }
 */
export interface TransferDecision {
  readonly ruleId: RuleId;
  readonly serviceId: ServiceId;
  readonly reason: string | null;
}

/**
 * The first transfer among routed actions: a ticket moves once, so the Desk carries out only this
 * one (later transfer actions of the same run are reported as refused).
 * @example transferOf(routeTicket(compiled, facts).actions) // { ruleId: "billing", serviceId: "svc-billing", reason: null }
 */
export const transferOf = (actions: ReadonlyArray<RoutedAction>): TransferDecision | null => {
  for (const { ruleId, action } of actions) {
    if (action.type === "transfer-to-service") return { ruleId, serviceId: action.serviceId, reason: action.reason ?? null };
  }
  return null;
};

/**
 * The transfer requested in a history that has not been carried out yet (no `HandedOff` after it), if any.
 * @example pendingTransfer(history)?.toServiceId // "svc-billing"
 */
export const pendingTransfer = (history: ReadonlyArray<TicketEvent>): EventOf<"TransferRequested"> | null => {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i];
    if (e?.type === "HandedOff") return null;
    if (e?.type === "TransferRequested") return e;
  }
  return null;
};

/**
 * What decides whether a transfer may go ahead.
 * @example
 * Routing.transferRefusal({ ticket, toServiceId, targetExists: true, chain: [], pending: null }) // null: it may go ahead
 */
export interface TransferCheck {
  readonly ticket: Pick<Ticket, "number" | "serviceId" | "status" | "mergedInto">;
  readonly toServiceId: ServiceId;
  /** Whether the target service exists. */
  readonly targetExists: boolean;
  /** The services this ticket already came through by rule-driven transfers, oldest first (not its own). */
  readonly chain: ReadonlyArray<ServiceId>;
  /** A transfer already requested and not yet carried out. */
  readonly pending: ServiceId | null;
  readonly maxHops?: number;
}

/**
 * Why a transfer must not happen, or null when it may: same service, unknown service, a ticket
 * that is closed or merged, one already moving, a loop back to a service the ticket came from,
 * or more hops than `maxHops` (default `MAX_TRANSFER_HOPS`).
 * @example transferRefusal({ ticket, toServiceId: "svc-a", targetExists: true, chain: ["svc-a"], pending: null })
 * // "transfer back to svc-a would loop (svc-a → svc-b → svc-a)"
 */
export const transferRefusal = (c: TransferCheck): string | null => {
  const { ticket, toServiceId } = c;
  const maxHops = c.maxHops ?? MAX_TRANSFER_HOPS;
  if (toServiceId === ticket.serviceId) return `the ticket is already in service ${toServiceId}`;
  if (!c.targetExists) return `service ${toServiceId} does not exist`;
  if (ticket.mergedInto !== null) return `ticket ${ticket.number} was merged into ${ticket.mergedInto.number}`;
  if (ticket.status === "closed") return `ticket ${ticket.number} is closed (a closed ticket is handed off, not transferred)`;
  if (c.pending !== null) return `a transfer to ${c.pending} is already under way`;
  if (c.chain.includes(toServiceId)) {
    return `transfer back to ${toServiceId} would loop (${[...c.chain, ticket.serviceId, toServiceId].join(" → ")})`;
  }
  if (c.chain.length >= maxHops) return `the request was already transferred ${c.chain.length} times (limit ${maxHops})`;
  return null;
};
