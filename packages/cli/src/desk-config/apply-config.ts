import { createDesk, memoryStore, type ContactListId, type ServiceId, type Store } from "@spoc/core";
import { CliError } from "../commands/command";
import { readDeskState, type ConfigSource, type DeskState } from "./desk-state";
import { namedIn, planApply, type Change, type Target, type Write } from "./plan";
import { checkReferences } from "./references";
import { configFilesAt, fileError, readSourceFile } from "./source-files";

/**
 * Options of `applyConfig`.
 * @example
 * await applyConfig({ store }, "desk-config/", { dryRun: true, prune: true })
 */
export interface ApplyOptions {
  /** Compute and check the changes, write nothing. */
  readonly dryRun?: boolean;
  /** Also remove the escalation rules, report schedules and mailboxes of a service that its file leaves out. */
  readonly prune?: boolean;
  /** When new report schedules start (default now). */
  readonly now?: number;
}

/**
 * What `applyConfig` did (or, dry, would do).
 * @example
 * const { changes, written }: ApplyResult = await applyConfig({ store }, "desk-config/")
 * formatChanges(changes).forEach((line) => console.log(line))
 */
export interface ApplyResult {
  readonly files: ReadonlyArray<string>;
  readonly changes: ReadonlyArray<Change>;
  /** Writes made: 0 on a dry run or when nothing differs. */
  readonly written: number;
}

const configKinds = ["routing-rule", "sla-policy", "escalation-rule", "schedule", "mailbox", "calendar"] as const;

/** A copy of the store's configuration in memory, to try the writes on before the real store sees any. */
async function copyOf(store: Store, state: DeskState): Promise<Store> {
  const copy = memoryStore();
  for (const list of state.config.contactLists) {
    await copy.putContactList({ id: list.id, name: list.name });
    for (const org of list.organizations ?? []) await copy.putOrganization({ ...org, contactListId: list.id as ContactListId });
  }
  for (const service of await store.listServices()) {
    await copy.putService(service);
    for (const g of await store.listGroups(service.id)) await copy.putGroup(g);
    for (const kind of configKinds) for (const { id, doc } of await store.listConfig(service.id as ServiceId, kind)) await copy.putConfig(service.id, kind, id, doc);
  }
  for (const agent of state.config.agents) await copy.putAgent(agent);
  return copy;
}

/** A refused write as an error naming the file, the line and the path of the field. */
const refusal = (write: Write, e: unknown): CliError => {
  const { file, path } = write.source;
  const issues = (e as { _tag?: string; issues?: ReadonlyArray<{ path: string; message: string }> })._tag === "InvalidInput" ? (e as { issues: ReadonlyArray<{ path: string; message: string }> }).issues : [];
  const first = issues[0];
  const full = [path, first?.path ?? ""].filter((p) => p !== "").join(".");
  const message = first ? first.message : ((e as Error).message ?? String(e)).replace(/^invalid [^:]+: /, "");
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return fileError(file.file, `${write.change.path}: ${message}${more}`, file.lineOf(full), full || undefined);
};

const runAll = async (writes: ReadonlyArray<Write>, target: Target): Promise<number> => {
  let done = 0;
  for (const write of writes) {
    try {
      await write.run(target);
    } catch (e) {
      throw Object.assign(refusal(write, e), { done });
    }
    done++;
  }
  return done;
};

/**
 * Applies configuration files (a file, or a folder's `*.yaml`/`*.json`) to a store through the
 * Desk's configure API as the system actor. Every file is read and decoded, and every write is
 * tried on an in-memory copy of the store's configuration first: a bad file or a write the Desk
 * refuses changes nothing, and the error names the file, line and path. Only then are the writes
 * made, in reference order. Each write is idempotent, so applying again changes nothing.
 * @example const { changes } = await applyConfig({ store }, "examples/desk-config", { dryRun: true })
 */
export async function applyConfig(source: ConfigSource, path: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  const files = configFilesAt(path);
  const sources = [];
  for (const file of files) sources.push(await readSourceFile(file));
  await checkReferences(sources, source.store);
  const state = await readDeskState(source, namedIn(sources));
  const plan = planApply(sources, state, options);
  if (plan.writes.length === 0) return { files, changes: plan.changes, written: 0 };
  const copy = await copyOf(source.store, state);
  await runAll(plan.writes, { store: copy, desk: createDesk({ store: copy, automation: false }) });
  if (options.dryRun) return { files, changes: plan.changes, written: 0 };
  try {
    const written = await runAll(plan.writes, { store: source.store, desk: createDesk({ store: source.store, automation: false }) });
    return { files, changes: plan.changes, written };
  } catch (e) {
    // The store has no transaction across configure calls: say how far it got; applying again finishes.
    const done = (e as { done?: number }).done ?? 0;
    throw new CliError(`${(e as Error).message} — ${done} of ${plan.writes.length} changes were written before it; run spoc apply again to finish`, 1);
  }
}
