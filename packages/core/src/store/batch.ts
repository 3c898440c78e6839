import type { ServiceId } from "../ids/ids";
import type { StoredEvent } from "../ticket/events";
import type { AppendRequest, DirectoryEntries, Store } from "./port";

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
 * Writes directory entries (organisations, contacts, groups, agents, in that order): in one
 * transaction where the store offers `putDirectory`, else one put per entry.
 * @example await putDirectory(store, { agents: [agent], contacts: [contact] })
 */
export async function putDirectory(store: Store, entries: DirectoryEntries): Promise<void> {
  const count = (entries.organizations?.length ?? 0) + (entries.contacts?.length ?? 0) + (entries.groups?.length ?? 0) + (entries.agents?.length ?? 0);
  if (count === 0) return;
  if (store.putDirectory) return store.putDirectory(entries);
  for (const o of entries.organizations ?? []) await store.putOrganization(o);
  for (const c of entries.contacts ?? []) await store.putContact(c);
  for (const g of entries.groups ?? []) await store.putGroup(g);
  for (const a of entries.agents ?? []) await store.putAgent(a);
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
