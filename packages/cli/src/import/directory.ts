import { defaultServiceSettings, type Service, type Store } from "@spoc/core";
import type { Mapping } from "./mapping";
import type { SourceIds } from "./source-ids";
import type { SourceRow } from "./source-row";

/** Registers, once each, the service, agents, groups, contacts and organisations a log names. */
export interface ImportDirectory {
  readonly service: Service;
  /** Makes sure every agent, group, contact and organisation the rows name exists. */
  ensure(rows: ReadonlyArray<SourceRow>): Promise<void>;
}

/**
 * Opens the directory side of an import: creates the mapping's service (and its contact list)
 * when missing, and remembers what it has already written so each entry is written once.
 * @example const dir = await importDirectory(store, mapping, ids); await dir.ensure(rows)
 */
export async function importDirectory(store: Store, mapping: Mapping, ids: SourceIds): Promise<ImportDirectory> {
  let service = await store.getService(ids.serviceId);
  if (service === undefined) {
    await store.putContactList({ id: ids.contactListId, name: `${mapping.service.name} contacts` });
    service = {
      id: ids.serviceId,
      key: mapping.service.key,
      name: mapping.service.name,
      contactListId: ids.contactListId,
      settings: { ...defaultServiceSettings, reopenWindowDays: mapping.service.reopenWindowDays ?? 3650 },
    };
    await store.putService(service);
  }
  const s = service;
  const agents = new Set<string>((await store.listAgents(s.id)).map((a) => a.id));
  const groups = new Set<string>((await store.listGroups(s.id)).map((g) => g.id));
  const contacts = new Set<string>();
  const orgs = new Set<string>();

  return {
    service: s,
    async ensure(rows) {
      for (const r of rows) {
        for (const name of [r.actor, r.openedBy, r.assignee]) {
          if (name === undefined) continue;
          const id = ids.agent(name);
          if (agents.has(id)) continue;
          agents.add(id);
          await store.putAgent({ id, name, email: "", memberships: [{ serviceId: s.id, role: "agent" }], skills: [], absences: [] });
        }
        if (r.group !== undefined) {
          const id = ids.group(r.group);
          if (!groups.has(id)) {
            groups.add(id);
            await store.putGroup({ id, serviceId: s.id, name: r.group, level: "1", members: [] });
          }
        }
        if (r.organization !== undefined) {
          const id = ids.organization(r.organization);
          if (!orgs.has(id)) {
            orgs.add(id);
            await store.putOrganization({ id, contactListId: s.contactListId, name: r.organization, domains: [] });
          }
        }
        const requester = r.requester ?? ids.unknownRequester;
        const cid = ids.contact(requester);
        if (!contacts.has(cid)) {
          contacts.add(cid);
          await store.putContact({
            id: cid, contactListId: s.contactListId, name: requester, emails: [], phones: [],
            ...(r.organization !== undefined ? { organizationId: ids.organization(r.organization) } : {}),
          });
        }
      }
    },
  };
}
