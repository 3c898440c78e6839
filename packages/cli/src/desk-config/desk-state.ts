import { Automation, type Agent, type ContactListId, type OrganizationId, type ServiceId, type Store } from "@spoc/core";
import type { AgentsDocument, ContactListDocument, MailboxEntry, ServiceDocument } from "./documents";

/**
 * A desk's configuration as the files describe it: contact lists, services (with what is inside them), agents.
 * @example
 * const { config }: { config: DeskConfig } = await readDeskState({ store })
 * config.services.map((s) => s.id)
 */
export interface DeskConfig {
  readonly contactLists: ReadonlyArray<ContactListDocument>;
  readonly services: ReadonlyArray<ServiceDocument>;
  readonly agents: AgentsDocument["agents"];
}

/**
 * How to read a store's configuration: the port lists everything but a contact list's organisations.
 * @example
 * const source: ConfigSource = { store, organizationIds: async (contactListId) => ["org-acme"] }
 */
export interface ConfigSource {
  readonly store: Store;
  /** The ids of a contact list's organisations (the store port has no such listing; the CLI asks its SQL tables). */
  readonly organizationIds?: (contactListId: string) => Promise<ReadonlyArray<string>>;
}

/**
 * What the stored configuration holds beyond the files' form: each report schedule's `createdAt`.
 * @example
 * const state: DeskState = await readDeskState({ store })
 * state.scheduleCreatedAt.get("svc-support/weekly") // epoch ms the schedule started
 */
export interface DeskState {
  readonly config: DeskConfig;
  /** `serviceId/scheduleId` → createdAt. */
  readonly scheduleCreatedAt: ReadonlyMap<string, number>;
}

const byId = <T extends { readonly id: string }>(items: ReadonlyArray<T>): Array<T> => [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const withoutKeys = (doc: unknown, ...keys: ReadonlyArray<string>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(doc as Record<string, unknown>).filter(([k]) => !keys.includes(k)));

/**
 * Reads the configuration a store holds, in the files' form and a stable order (ids ascending,
 * routing rules in their running order). Besides what it can list, it reads the contact lists and
 * agents named in `also` (a list no service uses, an agent of no service) and the organisations it
 * names (a store whose organisations `source` cannot list).
 * @example const { config } = await readDeskState({ store })
 */
export async function readDeskState(source: ConfigSource, also: { contactListIds?: ReadonlyArray<string>; agentIds?: ReadonlyArray<string>; organizations?: ReadonlyMap<string, ReadonlyArray<string>> } = {}): Promise<DeskState> {
  const { store } = source;
  const services = byId(await store.listServices());
  const scheduleCreatedAt = new Map<string, number>();
  const serviceDocs: Array<ServiceDocument> = [];
  const agents = new Map<string, Agent>();
  for (const service of services) {
    const sid = service.id as ServiceId;
    const config = async (kind: Parameters<Store["listConfig"]>[1]) => byId(await store.listConfig(sid, kind));
    const [groups, routing, sla, escalation, schedules, mailboxes] = await Promise.all([
      store.listGroups(sid), config(Automation.configKeys.routing.kind), config(Automation.configKeys.sla.kind),
      config("escalation-rule"), config("schedule"), config("mailbox"),
    ]);
    for (const a of await store.listAgents(sid)) agents.set(a.id, a);
    for (const { id, doc } of schedules) scheduleCreatedAt.set(`${sid}/${id}`, (doc as { createdAt: number }).createdAt);
    const rules = routing.find((d) => d.id === Automation.configKeys.routing.id)?.doc as ReadonlyArray<unknown> | undefined;
    const setup = sla.find((d) => d.id === Automation.configKeys.sla.id)?.doc;
    const { id, key, name, contactListId, calendarId, settings } = service;
    // Empty lists are left out, as a file would: an absent key is one the files do not manage.
    serviceDocs.push({
      kind: "service", id, key, name, contactListId, ...(calendarId === undefined ? {} : { calendarId }), settings,
      ...(groups.length > 0 ? { groups: byId(groups).map((g) => withoutKeys(g, "serviceId")) } : {}),
      ...(rules === undefined ? {} : { routingRules: rules.map((r) => withoutKeys(r, "serviceId")) }),
      ...(setup === undefined ? {} : { sla: setup }),
      ...(escalation.length > 0 ? { escalationRules: escalation.map((d) => withoutKeys(d.doc, "serviceId")) } : {}),
      ...(schedules.length > 0 ? { reportSchedules: schedules.map((d) => withoutKeys(d.doc, "serviceId", "createdAt")) } : {}),
      ...(mailboxes.length > 0 ? { mailboxes: mailboxes.map((d) => d.doc as MailboxEntry) } : {}),
    } as unknown as ServiceDocument);
  }
  for (const id of also.agentIds ?? []) {
    if (agents.has(id)) continue;
    const agent = await store.getAgent(id as never);
    if (agent) agents.set(id, agent);
  }
  const listIds = [...new Set([...services.map((s) => s.contactListId as string), ...(also.contactListIds ?? [])])].sort();
  const contactLists: Array<ContactListDocument> = [];
  for (const listId of listIds) {
    const list = await store.getContactList(listId as ContactListId);
    if (!list) continue;
    const listed = source.organizationIds ? await source.organizationIds(listId) : [];
    const ids = [...new Set([...listed, ...(also.organizations?.get(listId) ?? [])])].sort();
    const orgs = [];
    for (const id of ids) {
      const org = await store.getOrganization(listId as ContactListId, id as OrganizationId);
      if (org) orgs.push(withoutKeys(org, "contactListId"));
    }
    contactLists.push({ kind: "contact-list", id: list.id, name: list.name, ...(orgs.length > 0 ? { organizations: orgs } : {}) } as unknown as ContactListDocument);
  }
  return { config: { contactLists, services: serviceDocs, agents: byId([...agents.values()]) }, scheduleCreatedAt };
}
