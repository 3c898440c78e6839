import { type Agent, type Contact, defaultServiceSettings, type Group, type Organization, putDirectory, type Service, type Store } from "@spoc/core";
import type { Mapping } from "./mapping";
import type { SourceIds } from "./source-ids";
import type { SourceRow } from "./source-row";

/** Registers, once each, the service, agents, groups, contacts and organisations a log names. */
export interface ImportDirectory {
  readonly service: Service;
  /** Notes every agent, group, contact and organisation the rows name that is not written yet. */
  ensure(rows: ReadonlyArray<SourceRow>): void;
  /** Writes the entries noted since the last flush, in one transaction where the store has `putDirectory`. */
  flush(): Promise<void>;
}

/**
 * Opens the directory side of an import: creates the mapping's service (and its contact list)
 * when missing, and remembers what it has already noted so each entry is written once. New entries
 * wait for `flush` (before each batch is replayed): thousands of one-row commits cost more than
 * the rows. A missing service is written with the first entries, so a log whose every row is
 * rejected (the wrong mapping for the file) creates nothing.
 * @example const dir = await importDirectory(store, mapping, ids); dir.ensure(rows); await dir.flush()
 */
export async function importDirectory(store: Store, mapping: Mapping, ids: SourceIds): Promise<ImportDirectory> {
  let service = await store.getService(ids.serviceId);
  let unwritten: Service | undefined;
  if (service === undefined) {
    service = {
      id: ids.serviceId,
      key: mapping.service.key,
      name: mapping.service.name,
      contactListId: ids.contactListId,
      settings: { ...defaultServiceSettings, reopenWindowDays: mapping.service.reopenWindowDays ?? 3650 },
    };
    unwritten = service;
  }
  const s = service;
  const agents = new Set<string>((await store.listAgents(s.id)).map((a) => a.id));
  const groups = new Set<string>((await store.listGroups(s.id)).map((g) => g.id));
  const contacts = new Set<string>();
  const orgs = new Set<string>();

  let noted = false;
  let pending = { organizations: [] as Organization[], contacts: [] as Contact[], groups: [] as Group[], agents: [] as Agent[] };

  return {
    service: s,
    ensure(rows) {
      noted = true;
      for (const r of rows) {
        for (const name of [r.actor, r.openedBy, r.assignee]) {
          if (name === undefined) continue;
          const id = ids.agent(name);
          if (agents.has(id)) continue;
          agents.add(id);
          pending.agents.push({ id, name, email: "", memberships: [{ serviceId: s.id, role: "agent" }], skills: [], absences: [] });
        }
        if (r.group !== undefined) {
          const id = ids.group(r.group);
          if (!groups.has(id)) {
            groups.add(id);
            pending.groups.push({ id, serviceId: s.id, name: r.group, level: "1", members: [] });
          }
        }
        if (r.organization !== undefined) {
          const id = ids.organization(r.organization);
          if (!orgs.has(id)) {
            orgs.add(id);
            pending.organizations.push({ id, contactListId: s.contactListId, name: r.organization, domains: [] });
          }
        }
        const requester = r.requester ?? ids.unknownRequester;
        const cid = ids.contact(requester);
        if (!contacts.has(cid)) {
          contacts.add(cid);
          pending.contacts.push({
            id: cid, contactListId: s.contactListId, name: requester, emails: [], phones: [],
            ...(r.organization !== undefined ? { organizationId: ids.organization(r.organization) } : {}),
          });
        }
      }
    },
    async flush() {
      const entries = pending;
      pending = { organizations: [], contacts: [], groups: [], agents: [] };
      if (unwritten !== undefined && noted) {
        const created = unwritten;
        unwritten = undefined;
        await store.putContactList({ id: ids.contactListId, name: `${mapping.service.name} contacts` });
        await store.putService(created);
      }
      await putDirectory(store, entries);
    },
  };
}
