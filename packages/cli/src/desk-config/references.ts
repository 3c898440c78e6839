import type { Store } from "@spoc/core";
import { fileError, type SourceFile } from "./source-files";

/** What a configuration file refers to by id: a service, a contact list or an agent. */
export type ReferenceKind = "service" | "contact list" | "agent" | "group";

/** One id a file refers to, with where: the file and the dotted path of the field. */
export interface Reference {
  readonly kind: ReferenceKind;
  readonly id: string;
  /** For a group: the service it must belong to (groups are per service). */
  readonly serviceId?: string;
  readonly file: SourceFile;
  readonly path: string;
}

/**
 * The ids the files refer to (a service's contact list, a group's members and lead, the groups
 * and agents its routing and escalation rules name, an agent's memberships and substitutes) and
 * the ids they define (a group as `group <serviceId>/<groupId>`). Pure.
 * @example referencesOf(sources).refers.map((r) => `${r.kind} ${r.id}`) // ["contact list cl-customers", "agent ag-bea", …]
 */
export function referencesOf(sources: ReadonlyArray<SourceFile>): { readonly refers: ReadonlyArray<Reference>; readonly defines: ReadonlySet<string> } {
  const refers: Array<Reference> = [];
  const defines = new Set<string>();
  for (const file of sources) {
    const ref = (kind: ReferenceKind, id: string, path: string, serviceId?: string) =>
      refers.push({ kind, id, file, path, ...(serviceId === undefined ? {} : { serviceId }) });
    // Rule actions name a group (of the rule's own service) or an agent by `groupId` / `agentId`.
    const actionRefs = (actions: ReadonlyArray<object>, path: string, serviceId: string) =>
      actions.forEach((a, j) => {
        const { groupId, agentId } = a as { groupId?: string; agentId?: string };
        if (groupId !== undefined) ref("group", groupId, `${path}.${j}.groupId`, serviceId);
        if (agentId !== undefined) ref("agent", agentId, `${path}.${j}.agentId`);
      });
    const doc = file.document;
    if (doc.kind === "contact-list") defines.add(`contact list ${doc.id}`);
    if (doc.kind === "service") {
      defines.add(`service ${doc.id}`);
      ref("contact list", doc.contactListId, "contactListId");
      doc.routingRules?.forEach((r, i) => actionRefs(r.actions, `routingRules.${i}.actions`, doc.id));
      doc.escalationRules?.forEach((r, i) => r.levels.forEach((l, k) => actionRefs(l.actions, `escalationRules.${i}.levels.${k}.actions`, doc.id)));
      doc.groups?.forEach((g, i) => {
        defines.add(`group ${doc.id}/${g.id}`);
        g.members.forEach((m, j) => ref("agent", m, `groups.${i}.members.${j}`));
        if (g.leadId !== undefined) ref("agent", g.leadId, `groups.${i}.leadId`);
      });
    }
    if (doc.kind === "agents") {
      doc.agents.forEach((a, i) => {
        defines.add(`agent ${a.id}`);
        a.memberships.forEach((m, j) => ref("service", m.serviceId, `agents.${i}.memberships.${j}.serviceId`));
        a.absences.forEach((b, j) => b.substituteId !== undefined && ref("agent", b.substituteId, `agents.${i}.absences.${j}.substituteId`));
      });
    }
  }
  return { refers, defines };
}

/**
 * Refuses the first id the files refer to that neither they nor the store define: a typo in a
 * `serviceId` would otherwise take an agent out of their service, and a group would list an agent
 * who does not exist. The error names the file, line and path (exit 1).
 */
export async function checkReferences(sources: ReadonlyArray<SourceFile>, store: Store): Promise<void> {
  const { refers, defines } = referencesOf(sources);
  const known = new Map<string, boolean>();
  const groupsOf = new Map<string, Promise<ReadonlySet<string>>>();
  const storedGroups = (serviceId: string) => {
    let groups = groupsOf.get(serviceId);
    if (groups === undefined) {
      groups = store.listGroups(serviceId as never).then((gs) => new Set(gs.map((g) => g.id as string)));
      groupsOf.set(serviceId, groups);
    }
    return groups;
  };
  const exists = async (r: Reference) => {
    const key = r.kind === "group" ? `group ${r.serviceId}/${r.id}` : `${r.kind} ${r.id}`;
    if (defines.has(key)) return true;
    let found = known.get(key);
    if (found === undefined) {
      const stored = r.kind === "group" ? (await storedGroups(r.serviceId ?? "")).has(r.id)
        : (await (r.kind === "service" ? store.getService(r.id as never) : r.kind === "contact list" ? store.getContactList(r.id as never) : store.getAgent(r.id as never))) !== undefined;
      found = stored;
      known.set(key, found);
    }
    return found;
  };
  await checkServiceKeys(sources, store);
  for (const r of refers) {
    if (await exists(r)) continue;
    const what = r.kind === "group" ? `group "${r.id}" in service ${r.serviceId}` : `${r.kind} "${r.id}"`;
    throw fileError(r.file.file, `no ${what} in the files or the database`, r.file.lineOf(r.path), r.path);
  }
}

/** A service key names ticket numbers (`BILL-000001`): two services with one key would share them. */
async function checkServiceKeys(sources: ReadonlyArray<SourceFile>, store: Store): Promise<void> {
  const owner = new Map<string, string>();
  const files = sources.flatMap((f) => (f.document.kind === "service" ? [{ file: f, doc: f.document }] : []));
  const inFiles = new Set(files.map((f) => f.doc.id as string));
  for (const s of await store.listServices()) if (!inFiles.has(s.id)) owner.set(s.key.toUpperCase(), s.id);
  for (const { file, doc } of files) {
    const key = doc.key.toUpperCase();
    const other = owner.get(key);
    if (other !== undefined && other !== doc.id) throw fileError(file.file, `service ${other} already has the key ${key}`, file.lineOf("key"), "key");
    owner.set(key, doc.id);
  }
}
