import type { Store } from "@spoc/core";

/** Display names of dimension values: `labels.group.get("grp-l1") === "Level 1"`. */
export type DimensionLabels = Readonly<Record<string, ReadonlyMap<string, string>>>;

/**
 * Reads the names of services, groups, agents and organisations of some services from a store,
 * so reports show names instead of ids.
 * @example const labels = await labelsFromStore(store, ["svc-it"])
 */
export const labelsFromStore = async (store: Store, serviceIds: ReadonlyArray<string>): Promise<DimensionLabels> => {
  const service = new Map<string, string>();
  const group = new Map<string, string>();
  const agent = new Map<string, string>();
  const organisation = new Map<string, string>();
  for (const id of serviceIds) {
    const s = await store.getService(id as never);
    if (s === undefined) continue;
    service.set(id, s.name);
    for (const g of await store.listGroups(s.id)) group.set(g.id, g.name);
    for (const a of await store.listAgents(s.id)) agent.set(a.id, a.name);
    organisation.set("\u0000list", s.contactListId);
  }
  return { service, group, agent, organisation };
};

/**
 * Replaces dimension ids by their names in a row (organisations are looked up lazily by the caller).
 * @example withLabels({ agent: "ag-1", resolved: 3 }, labels) // { agent: "Ana", resolved: 3 }
 */
export const withLabels = <R extends Readonly<Record<string, unknown>>>(row: R, labels: DimensionLabels): R => {
  const out: Record<string, unknown> = { ...row };
  for (const [dimension, names] of Object.entries(labels)) {
    const v = out[dimension];
    if (typeof v === "string") out[dimension] = names.get(v) ?? v;
  }
  return out as R;
};
