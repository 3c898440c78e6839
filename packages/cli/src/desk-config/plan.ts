import type { Actor, PromiseDesk, Store } from "@spoc/core";
import { putSchedule } from "@spoc/reporting";
import type { ContactListDocument, ServiceDocument } from "./documents";
import type { DeskState } from "./desk-state";
import { fileError, type SourceFile } from "./source-files";

/**
 * What applying does to one object: adds it, changes fields of it, removes it, or leaves an object the files do not name.
 * @example
 * const change: Change = { op: "change", path: "service svc-support › groups › grp-l1", file: "service.svc-support.yaml", fields: ["name"] }
 */
export interface Change {
  readonly op: "add" | "change" | "remove" | "keep";
  /** The object: `service svc-support › groups › grp-l1`. */
  readonly path: string;
  /** The file that asks for it (none for objects only the database holds). */
  readonly file?: string;
  /** For `change`: the dotted paths of the fields that differ. */
  readonly fields?: ReadonlyArray<string>;
  /** For `keep`: why it stays. */
  readonly note?: string;
}

/**
 * Where a write applies: the Desk (as the system actor) and its store.
 * @example
 * const target: Target = { desk: createDesk({ store, automation: false }), store }
 */
export interface Target {
  readonly desk: PromiseDesk;
  readonly store: Store;
}

/**
 * One write of a plan, with the file and path that ask for it (so a refusal names them).
 * @example
 * for (const write of plan.writes) await write.run(target) // a refusal names write.source.file and write.source.path
 */
export interface Write {
  readonly change: Change;
  readonly source: { readonly file: SourceFile; readonly path: string };
  /** Performs the write on the target. */
  readonly run: (target: Target) => Promise<unknown>;
}

/**
 * What applying the files would do: every change, and the writes that make them.
 * @example
 * const { changes, writes }: Plan = planApply(sources, await readDeskState({ store }))
 * for (const write of writes) await write.run({ desk, store })
 */
export interface Plan {
  readonly changes: ReadonlyArray<Change>;
  readonly writes: ReadonlyArray<Write>;
}

/**
 * The actor every write of `spoc apply` runs as: every rule the Desk enforces applies, no role check.
 * @example
 * await desk.configure.group(applyActor, { ...group, serviceId }) // as `spoc apply` writes
 */
export const applyActor: Actor = { kind: "system", name: "spoc apply" };

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The dotted paths where two JSON values differ (key order does not count; arrays compare item by item).
 * @example
 * differingPaths({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 } }) // ["b.c"]
 */
export function differingPaths(a: Json, b: Json, prefix = ""): ReadonlyArray<string> {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => differingPaths(a[k], b[k], prefix === "" ? k : `${prefix}.${k}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((item, i) => differingPaths(item, b[i], prefix === "" ? String(i) : `${prefix}.${i}`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix];
}

const idsOf = (items: ReadonlyArray<{ readonly id: string }>) => items.map((i) => i.id);

/** Duplicate ids in one list of a file are an error naming the second one. */
const checkUnique = (file: SourceFile, path: string, items: ReadonlyArray<{ readonly id: string }>) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) throw fileError(file.file, `"${item.id}" is given twice`, file.lineOf(`${path}.${i}.id`), `${path}.${i}.id`);
    seen.add(item.id);
  });
};

/**
 * Options of {@link planApply}.
 * @example
 * planApply(sources, state, { prune: true, now: Date.now() })
 */
export interface PlanOptions {
  /** Remove escalation rules, report schedules and mailboxes a service's file leaves out. */
  readonly prune?: boolean;
  /** When new report schedules start (default now). */
  readonly now?: number;
}

/**
 * Compares what the files ask for with what the store holds, and lists the writes that make the
 * store match. Pure apart from the writes it returns; duplicate objects across or within files are
 * errors naming the file and path.
 * @example const plan = planApply(sources, await readDeskState({ store }), { prune: false })
 */
export function planApply(sources: ReadonlyArray<SourceFile>, current: DeskState, options: PlanOptions = {}): Plan {
  const changes: Array<Change> = [];
  const writes: Array<Write> = [];
  const seen = new Map<string, string>();
  const claim = (key: string, file: SourceFile, path: string) => {
    const other = seen.get(key);
    if (other !== undefined) throw fileError(file.file, `${key} is also given in ${other}`, file.lineOf(path), path || undefined);
    seen.set(key, file.file);
  };
  const write = (file: SourceFile, path: string, change: Change, run: Write["run"]) => {
    changes.push(change);
    writes.push({ change, source: { file, path }, run });
  };
  // Adds or changes one object; `run` writes it.
  const upsert = (file: SourceFile, path: string, label: string, wanted: Json, existing: Json | undefined, run: Write["run"]) => {
    if (existing === undefined) return write(file, path, { op: "add", path: label, file: file.file }, run);
    const fields = differingPaths(existing, wanted);
    if (fields.length > 0) write(file, path, { op: "change", path: label, file: file.file, fields }, run);
  };
  const now = options.now ?? Date.now();
  const lists = new Map(current.config.contactLists.map((l) => [l.id as string, l]));
  const services = new Map(current.config.services.map((s) => [s.id as string, s]));
  const agents = new Map(current.config.agents.map((a) => [a.id as string, a]));
  const by = <T extends { readonly id: string }>(items: ReadonlyArray<T> | undefined) => new Map((items ?? []).map((i) => [i.id as string, i]));

  const ofKind = <K extends SourceFile["document"]["kind"]>(kind: K) =>
    sources.flatMap((f) => (f.document.kind === kind ? [{ file: f, doc: f.document as Extract<SourceFile["document"], { kind: K }> }] : []));

  // Writes follow references: lists, organisations, services, agents, groups, then each service's automation.
  const orgWrites: Array<() => void> = [];
  for (const { file, doc } of ofKind("contact-list")) {
    claim(`contact list ${doc.id}`, file, "id");
    const label = `contact list ${doc.id}`;
    const old = lists.get(doc.id);
    upsert(file, "", label, { id: doc.id, name: doc.name }, old && { id: old.id, name: old.name },
      ({ desk }) => desk.configure.contactList(applyActor, { id: doc.id, name: doc.name }));
    if (doc.organizations === undefined) continue;
    checkUnique(file, "organizations", doc.organizations);
    const olds = by(old?.organizations);
    const organizations = doc.organizations;
    orgWrites.push(() => {
      organizations.forEach((org, i) =>
        upsert(file, `organizations.${i}`, `${label} › organizations › ${org.id}`, org, olds.get(org.id),
          ({ desk }) => desk.configure.organization(applyActor, { ...org, contactListId: doc.id })));
      keep(old?.organizations, organizations, `${label} › organizations`, "organisations are never removed (contacts and tickets refer to them)");
    });
  }
  function keep(olds: ReadonlyArray<{ readonly id: string }> | undefined, wanted: ReadonlyArray<{ readonly id: string }>, label: string, note: string) {
    const ids = new Set(idsOf(wanted));
    for (const o of olds ?? []) if (!ids.has(o.id)) changes.push({ op: "keep", path: `${label} › ${o.id}`, note });
  }
  for (const w of orgWrites) w();

  const serviceDocs = ofKind("service");
  for (const { file, doc } of serviceDocs) {
    claim(`service ${doc.id}`, file, "id");
    const { kind: _k, $schema: _s, groups: _g, routingRules: _r, sla: _l, escalationRules: _e, reportSchedules: _p, mailboxes: _m, ...service } = doc;
    const old = services.get(doc.id);
    const oldService = old && (({ kind: _ok, groups: _og, routingRules: _or, sla: _ol, escalationRules: _oe, reportSchedules: _op, mailboxes: _om, ...rest }) => rest)(old);
    upsert(file, "", `service ${doc.id}`, service, oldService, ({ desk }) => desk.configure.service(applyActor, service));
  }

  const agentEntries = ofKind("agents").flatMap(({ file, doc }) => {
    checkUnique(file, "agents", doc.agents);
    return doc.agents.map((agent, i) => {
      claim(`agent ${agent.id}`, file, `agents.${i}.id`);
      return { file, path: `agents.${i}`, agent };
    });
  });
  for (const { file, path, agent } of substitutesFirst(agentEntries)) {
    upsert(file, path, `agent ${agent.id}`, agent, agents.get(agent.id), ({ desk }) => desk.configure.agent(applyActor, agent));
  }

  for (const { file, doc } of serviceDocs) {
    const label = `service ${doc.id}`;
    const sid = doc.id as string;
    const old: Partial<ServiceDocument> = services.get(sid) ?? {};
    if (doc.groups !== undefined) {
      checkUnique(file, "groups", doc.groups);
      const olds = by(old.groups);
      doc.groups.forEach((g, i) =>
        upsert(file, `groups.${i}`, `${label} › groups › ${g.id}`, g, olds.get(g.id),
          ({ desk }) => desk.configure.group(applyActor, { ...g, serviceId: sid })));
      keep(old.groups, doc.groups, `${label} › groups`, "groups are never removed (tickets refer to them)");
    }
    if (doc.sla !== undefined) {
      const setup = doc.sla;
      upsert(file, "sla", `${label} › sla`, setup, old.sla, ({ desk }) => desk.configure.sla(applyActor, sid, setup));
    }
    if (doc.routingRules !== undefined) {
      checkUnique(file, "routingRules", doc.routingRules);
      const rules = doc.routingRules;
      // The rules are one ordered set: any difference replaces the whole set.
      upsert(file, "routingRules", `${label} › routingRules`, rules, old.routingRules,
        ({ desk }) => desk.configure.routingRules(applyActor, sid, rules.map((r) => ({ ...r, serviceId: sid }))));
    }
    const perId = <T extends { readonly id: string }>(key: "escalationRules" | "reportSchedules" | "mailboxes", wanted: ReadonlyArray<T> | undefined,
      olds: ReadonlyArray<T> | undefined, put: (item: T) => Write["run"], remove: (id: string) => Write["run"]) => {
      if (wanted === undefined) return;
      checkUnique(file, key, wanted);
      const oldById = by(olds);
      wanted.forEach((item, i) => upsert(file, `${key}.${i}`, `${label} › ${key} › ${item.id}`, item, oldById.get(item.id), put(item)));
      const ids = new Set(idsOf(wanted));
      for (const o of olds ?? []) {
        if (ids.has(o.id)) continue;
        const path = `${label} › ${key} › ${o.id}`;
        if (options.prune) write(file, key, { op: "remove", path, file: file.file }, remove(o.id));
        else changes.push({ op: "keep", path, note: "not in the files; --prune removes it" });
      }
    };
    const deleteConfig = (kind: "escalation-rule" | "schedule" | "mailbox") => (id: string) => ({ store }: Target) =>
      store.deleteConfig(sid as never, kind, id);
    perId("escalationRules", doc.escalationRules, old.escalationRules,
      (r) => ({ desk }) => desk.configure.escalationRule(applyActor, sid, { ...r, serviceId: sid }), deleteConfig("escalation-rule"));
    perId("reportSchedules", doc.reportSchedules, old.reportSchedules,
      (s) => ({ store }) => putSchedule(store, { ...s, serviceId: sid, createdAt: current.scheduleCreatedAt.get(`${sid}/${s.id}`) ?? now }),
      deleteConfig("schedule"));
    perId("mailboxes", doc.mailboxes, old.mailboxes,
      (m) => ({ store }) => store.putConfig(sid as never, "mailbox", m.id, m), deleteConfig("mailbox"));
  }
  return { changes, writes };
}

/**
 * Agents in the files' order, except that an agent who stands in for another during an absence
 * comes before them: the substitute exists when the absent agent is written (a cycle keeps the
 * files' order).
 * @example substitutesFirst([{ agent: kim }, { agent: lee }]) // [{ agent: lee }, { agent: kim }] when an absence of kim names lee
 */
export function substitutesFirst<T extends { readonly agent: { readonly id: string; readonly absences: ReadonlyArray<{ readonly substituteId?: string }> } }>(entries: ReadonlyArray<T>): ReadonlyArray<T> {
  const byId = new Map(entries.map((e) => [e.agent.id as string, e]));
  const ordered: Array<T> = [];
  const visited = new Set<string>();
  const visit = (entry: T) => {
    if (visited.has(entry.agent.id)) return;
    visited.add(entry.agent.id);
    for (const a of entry.agent.absences) {
      const substitute = a.substituteId === undefined ? undefined : byId.get(a.substituteId);
      if (substitute) visit(substitute);
    }
    ordered.push(entry);
  };
  entries.forEach(visit);
  return ordered;
}

/** The contact lists and agents the files name (read beside what the store lists, to compare with). */
export const namedIn = (sources: ReadonlyArray<SourceFile>) => ({
  contactListIds: sources.flatMap((s) => (s.document.kind === "contact-list" ? [s.document.id as string] : [])),
  agentIds: sources.flatMap((s) => (s.document.kind === "agents" ? s.document.agents.map((a) => a.id as string) : [])),
  organizations: new Map(sources.flatMap((s) => (s.document.kind === "contact-list"
    ? [[s.document.id as string, (s.document as ContactListDocument).organizations?.map((o) => o.id as string) ?? []] as const] : []))),
});

const symbols = { add: "+", change: "~", remove: "-", keep: "=" } as const;

// Ids and file names may hold line breaks and control characters (the id schemas allow them):
// escaped (\n, \r, \t, else \uXXXX), one change stays one line and cannot forge another in a diff.
const printable = (line: string): string =>
  line.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/\\u000a/g, "\\n").replace(/\\u000d/g, "\\r").replace(/\\u0009/g, "\\t");

const lineOf = (c: Change): string => {
  const where = c.file ? ` (${c.file})` : "";
  if (c.op === "change") return `~ ${c.path}: ${(c.fields ?? []).join(", ")}${where}`;
  if (c.op === "keep") return `= ${c.path}: ${c.note ?? "kept"}`;
  return `${symbols[c.op]} ${c.path}${where}`;
};

/**
 * The plan as lines: `+` added, `~` changed (with the fields), `-` removed, `=` kept though the
 * files leave it out; "no changes" when nothing would be written. Control characters in ids and
 * file names are escaped (`\n`), so each change is one line.
 * @example formatChanges(plan.changes) // ["+ service svc-support (service.svc-support.yaml)", …]
 */
export function formatChanges(changes: ReadonlyArray<Change>): ReadonlyArray<string> {
  const lines = changes.map((c) => printable(lineOf(c)));
  return changes.some((c) => c.op !== "keep") ? lines : [...lines, "no changes"];
}
