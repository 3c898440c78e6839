import type { Store, Ticket } from "@spoc/core";
import type { DataSetDefinition, DataSetFilters } from "./definition";
import { compareKeys, decodeRowKey, filterFieldOf, toRow, type DataSetRow, type RowKeyParts } from "./data-set-row";
import { needsHistory, planAll, type Anchor } from "./measure-plan";
import { resolvePeriod, type PeriodBucket } from "./period-buckets";
import { anchored, dimensionOf, factOf, type TicketWithHistory } from "./ticket-facts";

/**
 * Where the memory evaluator reads tickets: an iterable of tickets (with histories when asked).
 * @example
 * const source: TicketSource = ({ services }) => tickets.filter((t) => !services || services.includes(t.ticket.serviceId))
 * evaluateInMemory(definition, source)
 */
export type TicketSource = (options: { readonly withHistory: boolean; readonly services: ReadonlyArray<string> | undefined }) =>
  AsyncIterable<TicketWithHistory> | Iterable<TicketWithHistory>;

/**
 * Reads every ticket of some services from a `Store`, page by page (histories only when asked).
 * @example evaluateInMemory(definition, storeTickets(store, ["svc-it"]))
 */
export const storeTickets =
  (store: Store, serviceIds: ReadonlyArray<string>): TicketSource =>
  async function* ({ withHistory, services }) {
    for (const serviceId of serviceIds) {
      if (services !== undefined && !services.includes(serviceId)) continue;
      let after: string | undefined;
      do {
        const page = await store.listTickets(serviceId as Ticket["serviceId"], after === undefined ? { limit: 500 } : { limit: 500, after });
        for (const ticket of page.items) {
          yield { ticket, events: withHistory ? await store.readEvents(ticket.serviceId, ticket.id) : [] };
        }
        after = page.nextCursor ?? undefined;
      } while (after !== undefined);
    }
  };

/** Whether a ticket passes every filter of a data set. @example tickets.filter((t) => passesFilters(t, definition.filters)) */
export const passesFilters = (t: Ticket, filters: DataSetFilters | undefined): boolean => {
  if (filters === undefined) return true;
  for (const [dimension, field] of Object.entries(filterFieldOf) as Array<[keyof typeof filterFieldOf, keyof DataSetFilters]>) {
    const allowed = filters[field];
    if (allowed === undefined) continue;
    const v = dimensionOf(t, dimension);
    if (v === null || !allowed.includes(v)) return false;
  }
  return true;
};

/** The buckets a ticket counts in for one anchor, as indexes. */
const bucketsOf = (t: Ticket, anchor: Anchor, buckets: ReadonlyArray<PeriodBucket>): Array<number> => {
  const out: Array<number> = [];
  for (let i = 0; i < buckets.length; i++) if (anchored(t, anchor, buckets[i] as PeriodBucket)) out.push(i);
  return out;
};

interface Contribution {
  readonly parts: RowKeyParts;
  readonly ticket: TicketWithHistory;
  readonly bucket: number;
  readonly anchors: ReadonlySet<Anchor>;
}

async function* contributions(definition: DataSetDefinition, source: TicketSource): AsyncGenerator<Contribution> {
  const { raws } = planAll(definition.measures);
  const anchors = [...new Set(raws.map((r) => r.anchor))];
  const bucketed = definition.dimensions.includes("period");
  const { buckets } = resolvePeriod(definition.period, bucketed);
  for await (const item of source({ withHistory: needsHistory(raws), services: definition.filters?.services })) {
    if (!passesFilters(item.ticket, definition.filters)) continue;
    const hits = new Map<number, Set<Anchor>>();
    for (const a of anchors) for (const b of bucketsOf(item.ticket, a, buckets)) (hits.get(b) ?? hits.set(b, new Set()).get(b))?.add(a);
    for (const [bucket, set] of hits) {
      const parts = definition.dimensions.map((d) => (d === "period" ? bucket : dimensionOf(item.ticket, d)));
      yield { parts, ticket: item, bucket, anchors: set };
    }
  }
}

/**
 * Evaluates a data set over tickets in memory (the memory store's path): same rows, same numbers
 * as the SQL evaluator. Rows come ordered by dimension values.
 * @example for await (const row of evaluateInMemory(definition, storeTickets(store, ["svc-it"]))) console.log(row)
 */
export async function* evaluateInMemory(definition: DataSetDefinition, source: TicketSource): AsyncGenerator<DataSetRow> {
  const { raws } = planAll(definition.measures);
  const { buckets } = resolvePeriod(definition.period, definition.dimensions.includes("period"));
  const groups = new Map<string, { parts: RowKeyParts; acc: Array<number | Array<number>> }>();
  for await (const c of contributions(definition, source)) {
    const k = JSON.stringify(c.parts);
    let g = groups.get(k);
    if (g === undefined) {
      g = { parts: c.parts, acc: raws.map((r) => (r.kind === "percentile" ? [] : 0)) };
      groups.set(k, g);
    }
    raws.forEach((r, i) => {
      if (!c.anchors.has(r.anchor)) return;
      const v = factOf(c.ticket, r.fact);
      if (v === null) return;
      const acc = g.acc[i];
      if (Array.isArray(acc)) acc.push(v);
      else g.acc[i] = (acc ?? 0) + (r.kind === "count" ? 1 : v);
    });
  }
  const sorted = [...groups.values()].sort((a, b) => compareKeys(a.parts, b.parts));
  for (const g of sorted) {
    const values = g.acc.map((acc, i) => {
      if (!Array.isArray(acc)) return acc;
      if (acc.length === 0) return null;
      acc.sort((x, y) => x - y);
      // Nearest rank: the value at rank ceil(p·n/100), as the SQL evaluator computes it.
      const rank = Math.floor(((raws[i]?.p ?? 50) * acc.length + 99) / 100);
      return acc[rank - 1] ?? null;
    });
    yield toRow(definition, g.parts, values, buckets);
  }
}

/**
 * The ids of the tickets behind one row (every ticket that counts in any of its figures).
 * @example for await (const id of drillDownInMemory(definition, source, row.rowKey)) console.log(id)
 */
export async function* drillDownInMemory(definition: DataSetDefinition, source: TicketSource, rowKey: string): AsyncGenerator<string> {
  const parts = decodeRowKey(rowKey, definition.dimensions.length);
  const { buckets } = resolvePeriod(definition.period, definition.dimensions.includes("period"));
  const wanted = definition.dimensions.map((d, i) => (d === "period" ? buckets.findIndex((b) => b.start === parts[i]) : (parts[i] ?? null)));
  for await (const c of contributions(definition, source)) {
    if (compareKeys(c.parts, wanted) === 0) yield c.ticket.ticket.id;
  }
}
