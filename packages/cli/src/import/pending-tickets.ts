import { type AgentId, isActive, type Store, type Ticket } from "@spoc/core";

/** A ticket replayed but not written yet: as the store holds it (undefined: new) and as it is now. */
export interface UnwrittenTicket {
  readonly stored: Ticket | undefined;
  readonly now: Ticket;
}

/**
 * The store as the Desk's hooks should see it during an import: open-ticket counts (what
 * assignment balances on) include the tickets replayed but still waiting for their batch's write,
 * so an assignment decided during the import equals the one a live desk would make. Every other
 * method is the store's own.
 * @example const view = pendingAwareStore(store, () => unwritten.values())
 */
export function pendingAwareStore(store: Store, unwritten: () => Iterable<UnwrittenTicket>): Store {
  const openTicketCounts: Store["openTicketCounts"] = async (serviceId, agentIds) => {
    const counts = new Map(await store.openTicketCounts(serviceId, agentIds));
    const add = (t: Ticket | undefined, n: number) => {
      if (t === undefined || t.serviceId !== serviceId || t.assigneeId === null || !isActive(t.status)) return;
      const id = t.assigneeId as AgentId;
      if (counts.has(id)) counts.set(id, (counts.get(id) ?? 0) + n);
    };
    for (const u of unwritten()) {
      add(u.stored, -1);
      add(u.now, 1);
    }
    return counts;
  };
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === "openTicketCounts") return openTicketCounts;
      const v = Reflect.get(target, key, receiver) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
