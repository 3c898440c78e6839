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
