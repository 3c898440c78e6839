import type { Store } from "@spoc/core";
import { fileError, type SourceFile } from "./source-files";

/** What a configuration file refers to by id: a service, a contact list or an agent. */
export type ReferenceKind = "service" | "contact list" | "agent";

/** One id a file refers to, with where: the file and the dotted path of the field. */
export interface Reference {
  readonly kind: ReferenceKind;
  readonly id: string;
  readonly file: SourceFile;
  readonly path: string;
}

/**
 * The ids the files refer to (a service's contact list, a group's members and lead, an agent's
 * memberships and substitutes) and the ids they define. Pure.
 * @example referencesOf(sources).refers.map((r) => `${r.kind} ${r.id}`) // ["contact list cl-customers", "agent ag-bea", …]
 */
export function referencesOf(sources: ReadonlyArray<SourceFile>): { readonly refers: ReadonlyArray<Reference>; readonly defines: ReadonlySet<string> } {
  const refers: Array<Reference> = [];
  const defines = new Set<string>();
  for (const file of sources) {
    const ref = (kind: ReferenceKind, id: string, path: string) => refers.push({ kind, id, file, path });
    const doc = file.document;
    if (doc.kind === "contact-list") defines.add(`contact list ${doc.id}`);
    if (doc.kind === "service") {
      defines.add(`service ${doc.id}`);
      ref("contact list", doc.contactListId, "contactListId");
      doc.groups?.forEach((g, i) => {
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
  const exists = async (kind: ReferenceKind, id: string) => {
    const key = `${kind} ${id}`;
    if (defines.has(key)) return true;
    let found = known.get(key);
    if (found === undefined) {
      const stored = kind === "service" ? store.getService(id as never) : kind === "contact list" ? store.getContactList(id as never) : store.getAgent(id as never);
      found = (await stored) !== undefined;
      known.set(key, found);
    }
    return found;
  };
  for (const r of refers) {
    if (!(await exists(r.kind, r.id))) throw fileError(r.file.file, `no ${r.kind} "${r.id}" in the files or the database`, r.file.lineOf(r.path), r.path);
  }
}
