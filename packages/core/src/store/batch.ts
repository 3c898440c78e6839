import type { ServiceId } from "../ids/ids";
import type { StoredEvent } from "../ticket/events";
import type { AppendRequest, Store } from "./port";

/**
 * Appends several tickets' events: in one transaction where the store offers `appendMany`, else one
 * `append` per request (each still atomic on its own).
 * @example await appendAll(store, requests)
 */
export async function appendAll(store: Store, requests: ReadonlyArray<AppendRequest>): Promise<void> {
  if (requests.length === 0) return;
  if (store.appendMany) return store.appendMany(requests);
  for (const r of requests) await store.append(r);
}

/**
 * Allocates `count` ticket numbers of a service: one block (a single statement) where the store
 * has `allocateTicketNumberBlock`, else one number at a time. Numbers never repeat; gaps are allowed.
 * @example const [a, b] = await allocateTicketNumbers(store, serviceId, 2)
 */
export async function allocateTicketNumbers(store: Store, serviceId: ServiceId, count: number): Promise<number[]> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  if (count === 0) return [];
  if (store.allocateTicketNumberBlock) {
    const first = await store.allocateTicketNumberBlock(serviceId, count);
    return Array.from({ length: count }, (_, i) => first + i);
  }
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) numbers.push(await store.allocateTicketNumber(serviceId));
  return numbers;
}

/**
 * Every event of a service in (ticket, version) order: the store's own stream where it has one,
 * else ticket by ticket through the paged list.
 * @example for await (const e of eventsOf(store, serviceId)) count++
 */
export async function* eventsOf(store: Store, serviceId: ServiceId): AsyncIterable<StoredEvent> {
  if (store.streamEvents) {
    yield* store.streamEvents(serviceId);
    return;
  }
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await store.listTickets(serviceId, { limit: 500, ...(after ? { after } : {}) });
    ids.push(...page.items.map((t) => t.id));
    after = page.nextCursor ?? undefined;
  } while (after);
  ids.sort();
  for (const id of ids) yield* await store.readEvents(serviceId, id as never);
}
