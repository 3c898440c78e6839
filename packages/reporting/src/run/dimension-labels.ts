import type { Store } from "@spoc/core";
import type { DataSetSource } from "../dataset/data-set-source";
import type { DataSetDefinition, Dimension } from "../dataset/definition";

/**
 * Display names of dimension values: `labels.group.get("grp-l1") === "Level 1"`.
 * @example
 * const labels: DimensionLabels = { group: new Map([["grp-l1", "Level 1"]]), agent: new Map([["ag-ana", "Ana"]]) }
 */
export type DimensionLabels = Readonly<Record<string, ReadonlyMap<string, string>>>;

type Named = Exclude<Dimension, "period">;

/**
 * What an empty dimension value reads as: a ticket with no agent is "Unassigned", not a blank.
 * @example
 * emptyLabels.agent // "Unassigned": a row of tickets with no agent
 */
export const emptyLabels: Readonly<Record<Named, string>> = {
  service: "No service", group: "No group", agent: "Unassigned", channel: "No channel", priority: "No priority",
  category: "No category", type: "No type", organisation: "No organisation", status: "No status",
};

const fixed: Readonly<Partial<Record<Named, Readonly<Record<string, string>>>>> = {
  priority: { urgent: "Urgent", high: "High", normal: "Normal", low: "Low" },
  channel: { email: "Email", phone: "Phone", web: "Web", chat: "Chat", api: "API", "walk-in": "Walk-in" },
  type: { incident: "Incident", "service-request": "Service request", complaint: "Complaint", question: "Question", task: "Task" },
};

/**
 * Priorities from the most to the least urgent: the order rows and charts show them in.
 * @example
 * [...rows].sort((a, b) => priorityOrder.indexOf(a.priority) - priorityOrder.indexOf(b.priority))
 */
export const priorityOrder: ReadonlyArray<string> = ["urgent", "high", "normal", "low"];

const humanize = (id: string): string => {
  const text = id.replace(/[-_]+/g, " ").trim();
  return text === "" ? id : text.charAt(0).toUpperCase() + text.slice(1);
};

const isNamed = (key: string): key is Named => key in emptyLabels;

/**
 * The display name of one dimension value: the store's name (services, groups, agents,
 * organisations), a fixed word (priorities, channels, types), the id made readable (categories,
 * statuses: "on-hold" → "On hold"), and for an empty value "No group", "Unassigned"….
 * @example dimensionLabel("agent", null, labels) // "Unassigned"
 */
export const dimensionLabel = (dimension: Named, value: string | null, labels: DimensionLabels): string => {
  if (value === null || value === "") return emptyLabels[dimension];
  const name = labels[dimension]?.get(value) ?? fixed[dimension]?.[value];
  if (name !== undefined) return name;
  return dimension === "category" || dimension === "status" ? humanize(value) : value;
};

/**
 * Names that tell their ids apart. Rows are grouped, ordered and subtotalled by the name they
 * show, so two groups called "Level 1" (one per service, or a rename) would become one heading
 * whose subtotal was one of the two groups' figures. A name two ids share gets its context (the
 * service's name) in parentheses, or its id when that does not separate them either.
 * @example distinctNames([{ id: "g1", name: "Level 1", context: "IT" }, { id: "g2", name: "Level 1", context: "HR" }]) // g1 → "Level 1 (IT)"
 */
export const distinctNames = (entries: ReadonlyArray<{ readonly id: string; readonly name: string; readonly context?: string }>): Map<string, string> => {
  const byId = new Map<string, { name: string; context?: string | undefined }>();
  for (const e of entries) if (!byId.has(e.id)) byId.set(e.id, { name: e.name, context: e.context });
  const count = (names: Iterable<string>) => {
    const n = new Map<string, number>();
    for (const x of names) n.set(x, (n.get(x) ?? 0) + 1);
    return n;
  };
  const plain = count([...byId.values()].map((e) => e.name));
  const withContext = new Map([...byId].map(([id, e]) => [id, (plain.get(e.name) ?? 0) > 1 && e.context ? `${e.name} (${e.context})` : e.name]));
  const second = count(withContext.values());
  return new Map([...withContext].map(([id, name]) => [id, (second.get(name) ?? 0) > 1 ? `${byId.get(id)!.name} (${id})` : name]));
};

// The organisations a store can name: looked up by id once the report knows which ones it shows.
const organisationLookups = new WeakMap<DimensionLabels, (id: string) => Promise<string | undefined>>();

/**
 * Reads the names of services, groups, agents and (on demand, see `completeLabels`) organisations
 * of some services from a store, so reports show names instead of ids.
 * @example const labels = await labelsFromStore(store, ["svc-it"])
 */
export const labelsFromStore = async (store: Store, serviceIds: ReadonlyArray<string>): Promise<DimensionLabels> => {
  const services: Array<{ id: string; name: string }> = [];
  const groups: Array<{ id: string; name: string; context: string }> = [];
  const agents: Array<{ id: string; name: string }> = [];
  const lists = new Set<string>();
  for (const id of serviceIds) {
    const s = await store.getService(id as never);
    if (s === undefined) continue;
    services.push({ id, name: s.name });
    for (const g of await store.listGroups(s.id)) groups.push({ id: g.id, name: g.name, context: s.name });
    // An agent serving two services is one id; two people of one name are told apart by id.
    for (const a of await store.listAgents(s.id)) agents.push({ id: a.id, name: a.name });
    lists.add(s.contactListId);
  }
  const labels: DimensionLabels = { service: distinctNames(services), group: distinctNames(groups), agent: distinctNames(agents), organisation: new Map() };
  organisationLookups.set(labels, async (id) => {
    for (const list of lists) {
      const org = await store.getOrganization(list as never, id as never);
      if (org !== undefined) return org.name;
    }
    return undefined;
  });
  return labels;
};

/**
 * Labels with the names of the organisations a data set shows filled in (the store has no list
 * of organisations, so they are read by id); labels not from `labelsFromStore` come back as they are.
 * @example const complete = await completeLabels(labels, definition.dataSet, source)
 */
export const completeLabels = async (labels: DimensionLabels, dataSet: DataSetDefinition, source: DataSetSource): Promise<DimensionLabels> => {
  const lookup = organisationLookups.get(labels);
  const asked = dataSet.filters?.organisations ?? [];
  if (lookup === undefined || (!dataSet.dimensions.includes("organisation") && asked.length === 0)) return labels;
  const ids = new Set<string>(asked);
  if (dataSet.dimensions.includes("organisation")) {
    for await (const row of source.rows({ ...dataSet, dimensions: ["organisation"] })) if (typeof row.organisation === "string") ids.add(row.organisation);
  }
  const organisation = new Map(labels.organisation ?? []);
  for (const id of ids) {
    if (organisation.has(id)) continue;
    const name = await lookup(id);
    if (name !== undefined) organisation.set(id, name);
  }
  return { ...labels, organisation };
};

/**
 * Replaces dimension ids by their display names in a row (`dimensionLabel`), empty values included.
 * @example withLabels({ agent: "ag-1", resolved: 3 }, labels) // { agent: "Ana", resolved: 3 }
 */
export const withLabels = <R extends Readonly<Record<string, unknown>>>(row: R, labels: DimensionLabels): R => {
  const out: Record<string, unknown> = { ...row };
  for (const key of Object.keys(out)) {
    if (!isNamed(key)) continue;
    const v = out[key];
    if (v === null || typeof v === "string") out[key] = dimensionLabel(key, v, labels);
  }
  return out as R;
};
