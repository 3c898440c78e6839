import {
  allocateTicketNumbers, type AppendRequest, appendAll, Automation, type DeskHook, fold, formatTicketNumber, isStoreError, type Store,
  type Ticket, type TicketId,
} from "@spoc/core";
import { timeOrderedId } from "./time-ordered-id";
import { type CsvLimits, CsvParser, type CsvRecord } from "./csv-reader";
import { importDirectory } from "./directory";
import type { Mapping } from "./mapping";
import { pendingAwareStore } from "./pending-tickets";
import { ticketNumberPool } from "./ticket-number-pool";
import { type IndexedRow, type Opening, type ReplayContext, type ReplayResult, type ReplayStart, replayRows } from "./replay";
import { openSourceFile } from "./source-file";
import { sourceIds } from "./source-ids";
import { type BadRow, compileRowReader, isBadRow, type RowReader } from "./source-row";
import { INVALID_UTF8 } from "./utf8-chunks";

/** Where an import stands; reported every few thousand rows and at the end. */
export interface ImportProgress {
  readonly rows: number;
  /** spoc events written so far. */
  readonly events: number;
  readonly tickets: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

/** What an import did: every data row is imported, already there, or skipped with its line and reason. */
export interface ImportReport {
  readonly mapping: string;
  readonly serviceId: string;
  /** Data rows read (the header excluded). */
  readonly rows: number;
  /** Rows replayed into spoc events by this run. */
  readonly imported: number;
  /** Rows an earlier run already imported. */
  readonly alreadyImported: number;
  readonly skipped: ReadonlyArray<BadRow>;
  readonly tickets: { readonly opened: number; readonly updated: number };
  /** spoc events appended. */
  readonly events: number;
}

/** Options of `importLog`. */
export interface ImportOptions {
  readonly store: Store;
  readonly mapping: Mapping;
  readonly file: string;
  readonly onProgress?: (p: ImportProgress) => void;
  /** Ids of tickets and messages (default: UUIDv7, time-ordered, so new rows land at the end of the indexes). */
  readonly newId?: () => string;
  /** Tickets written per transaction (default 500), through the store's `appendMany` where it has one. */
  readonly batchSize?: number;
  /**
   * Run the service's routing rules, SLA policies and escalation deadlines on every replayed
   * command, as the Desk does (default true; they are read from the store once, at the start).
   */
  readonly automation?: boolean;
  /** The host's own hooks, run after the automation ones on every replayed command, as a Desk's `hooks`. */
  readonly hooks?: ReadonlyArray<DeskHook>;
  /**
   * How long one CSV record may be (default 1 MiB and 1,000 lines). A longer line, or a quoted
   * field running past either limit, is a rejected row with its line number; reading goes on.
   */
  readonly limits?: CsvLimits;
}

const PROGRESS_EVERY = 2000;
/** Batches being written at once while the next is replayed (pipelined imports). */
const PIPELINE_DEPTH = 2;

/**
 * Imports an event log into a store by replaying it through spoc's commands: streams the file
 * (gzip too), groups the rows of each ticket, decides every row's commands against the ticket
 * in memory and appends each ticket's new events in one write. Running it again adds nothing.
 * @example
 * const report = await importLog({ store, mapping: servicenowIncident, file: "incident_event_log.csv.gz" })
 * console.log(report.imported, report.skipped.length)
 */
export async function importLog(options: ImportOptions): Promise<ImportReport> {
  const { store, mapping } = options;
  const ids = sourceIds(mapping);
  const newId = options.newId ?? timeOrderedId;
  const dir = await importDirectory(store, mapping, ids);
  const hooks = await deskHooks(store, ids.serviceId, newId, options);
  // Hooks read open-ticket counts (assignment); tickets replayed but not yet written count too.
  const unwritten = new Map<string, { stored: Ticket | undefined; now: Ticket }>();
  let replaying: Ticket | undefined; // the stored ticket being replayed now
  const ctx: ReplayContext = {
    mapping, service: dir.service, ids, newId, hooks, store: pendingAwareStore(store, () => unwritten.values()),
    onChange: (id, ticket) => {
      if (ticket === undefined) unwritten.delete(id);
      else unwritten.set(id, { stored: replaying, now: ticket });
    },
  };
  const fresh = (await store.listTickets(ids.serviceId, { limit: 1 })).items.length === 0;
  const file = await openSourceFile(options.file);
  const seen = new Map<string, number>();
  const skipped: BadRow[] = [];
  const totals = { rows: 0, imported: 0, alreadyImported: 0, opened: 0, updated: 0, events: 0, tickets: 0 };
  const progress = () => options.onProgress?.({
    rows: totals.rows, events: totals.events, tickets: totals.tickets, bytesRead: file.bytesRead(), totalBytes: file.totalBytes,
  });

  const existing = async (key: string): Promise<ReplayStart | undefined> => {
    const id = await store.findTicketByExternalId(ids.serviceId, ids.ticketExternalId(key));
    if (id === undefined) return undefined;
    if (hooks.length === 0) {
      const ticket = await store.getTicket(ids.serviceId, id);
      return ticket === undefined ? undefined : { ticket, history: [] };
    }
    const history = (await store.readEvents(ids.serviceId, id)).map((e) => e.event);
    const ticket = fold(history);
    return ticket === undefined ? undefined : { ticket, history };
  };

  interface Queued { readonly key: string; readonly rows: ReadonlyArray<IndexedRow>; readonly lookUp: boolean }
  /** `seq`: the ticket number of a ticket this replay opens (it counts as used once written). */
  interface Replayed { readonly request: AppendRequest; readonly opened: boolean; readonly outcome: ReplayResult; readonly seq?: number }
  // Tickets wait here, in file order, until a batch is full: then they are numbered in one block,
  // replayed, and written in one transaction where the store batches.
  const queue: Queued[] = [];
  const queued = new Set<string>();
  const batchSize = Math.max(1, options.batchSize ?? 500);

  const openingOf = (seq: number): Opening => ({
    ticketId: newId() as TicketId, number: formatTicketNumber(dir.service.key, seq, dir.service.settings.numberWidth),
  });

  /**
   * Replays one ticket. A new ticket takes its number from `number()` only when its opening is
   * decided, and gives it back when no row opened it: the counter advances only for tickets written.
   */
  const replay = async (item: Queued, start: ReplayStart | undefined, number: (() => number) | undefined, giveBack?: (n: number) => void): Promise<Replayed | undefined> => {
    replaying = start?.ticket;
    let seq: number | undefined;
    let opening: Opening | undefined;
    const r = await replayRows(start, item.rows, ctx, () => {
      if (number === undefined) throw new Error(`import: no ticket number was allocated for ${item.key}`);
      seq ??= number();
      opening ??= openingOf(seq);
      return opening;
    });
    tally(r, 1);
    if (r.events.length === 0 || r.ticket === undefined) {
      if (seq !== undefined) giveBack?.(seq);
      return undefined;
    }
    const request = { serviceId: ids.serviceId, ticketId: r.ticket.id, expectedVersion: start?.ticket.version ?? 0, events: r.events, ticket: r.ticket };
    return { request, opened: start === undefined, outcome: r, ...(seq === undefined ? {} : { seq }) };
  };

  /** Counts a replay's rows in the report (+1), or takes back the count of one replayed again (-1). */
  const tally = (r: ReplayResult, sign: 1 | -1) => {
    totals.imported += sign * r.applied;
    totals.alreadyImported += sign * r.alreadyImported;
    if (sign === 1) skipped.push(...r.skipped);
    else for (const bad of r.skipped) skipped.splice(skipped.indexOf(bad), 1);
  };

  const count = (r: Replayed) => {
    totals.events += r.request.events.length;
    if (r.seq !== undefined) numbers.written(r.seq);
    if (r.opened) totals.opened++;
    else totals.updated++;
  };

  /** Replays one ticket again from what the store holds now (after another writer touched it). */
  const replayAgain = async (item: Queued): Promise<Replayed | undefined> => {
    const start = await existing(item.key);
    // Numbered apart from the pool, which the next batch may be drawing from meanwhile.
    const [seq] = start === undefined ? await allocateTicketNumbers(store, ids.serviceId, 1) : [];
    return replay(item, start, seq === undefined ? undefined : () => seq);
  };

  // Without hooks nothing in a replay reads the store, so batches are written while the next ones
  // are read and replayed (on a SQLite writer thread, or a server's connections): `inflight` holds
  // those writes, oldest first, at most PIPELINE_DEPTH of them (two absorb the batches' uneven
  // sizes). With hooks every batch is written before the next is replayed, as a desk would have it.
  const pipelined = hooks.length === 0;
  const inflight: Array<Promise<void>> = [];
  const settle = async (keep = 0) => {
    while (inflight.length > keep) await inflight.shift();
  };
  const numbers = ticketNumberPool(store, ids.serviceId, batchSize * PIPELINE_DEPTH);

  const writeBatch = async () => {
    // The batch's new agents, groups and contacts first: the hooks may read them during the replay.
    const flushed = dir.flush();
    flushed.catch(() => undefined); // waited for below; meanwhile a failure is not unhandled
    if (!pipelined) await flushed;
    if (queue.length === 0) return flushed;
    const items = queue.splice(0);
    queued.clear();
    // A ticket looked up may have rows in the write still going on.
    if (items.some((i) => i.lookUp)) await settle();
    const starts = await Promise.all(items.map((i) => (i.lookUp ? existing(i.key) : undefined)));
    await numbers.ensure(starts.filter((s) => s === undefined).length);
    const replayed: Array<Replayed & { item: Queued }> = [];
    for (const [k, item] of items.entries()) {
      const start = starts[k];
      const r = await replay(item, start, start === undefined ? numbers.next : undefined, numbers.giveBack);
      if (r) replayed.push({ ...r, item });
    }
    if (!pipelined) return writeReplayed(replayed);
    numbers.reserveAhead();
    await settle(PIPELINE_DEPTH - 1);
    // The directory entries are not waited for: a writer thread runs them before this batch's
    // appends (calls keep their order), and on a server nothing in the appends depends on them.
    const write = Promise.all([flushed, writeReplayed(replayed)]).then(() => undefined);
    write.catch(() => undefined); // waited for by a later batch or at the end
    inflight.push(write);
  };

  /** Writes replayed tickets in one transaction; after a conflict with another writer, one by one. */
  const writeReplayed = async (replayed: ReadonlyArray<Replayed & { item: Queued }>): Promise<void> => {
    try {
      await appendAll(store, replayed.map((i) => i.request));
      for (const i of replayed) count(i);
      return;
    } catch (e) {
      if (!isStoreError(e, "VersionConflict") && !isStoreError(e, "DuplicateMessageId")) throw e;
    } finally {
      unwritten.clear();
    }
    // Another writer (a concurrent import) touched some of these tickets: write them one by one,
    // reading each again and replaying its rows where it conflicts.
    for (const i of replayed) {
      let item: Replayed | undefined = i;
      for (let attempt = 0; item !== undefined; attempt++) {
        try {
          await store.append(item.request);
          count(item);
          break;
        } catch (e) {
          if (attempt >= 3 || !(isStoreError(e, "VersionConflict") || isStoreError(e, "DuplicateMessageId"))) throw e;
          tally(item.outcome, -1);
          item = await replayAgain(i.item);
          unwritten.clear();
        }
      }
    }
  };

  const submit = async (key: string, rows: IndexedRow[], firstSight: boolean) => {
    // A ticket seen before may still be waiting in the batch: write it first, so this replay starts from it.
    if (!firstSight && queued.has(key)) await writeBatch();
    dir.ensure(rows.map((r) => r.row));
    totals.tickets++;
    queue.push({ key, rows, lookUp: !(fresh && firstSight) });
    queued.add(key);
    if (queue.length >= batchSize) await writeBatch();
  };

  const parser = new CsvParser(mapping.csv?.delimiter ?? ",", options.limits);
  let read: RowReader | undefined;
  let group: IndexedRow[] = [];
  let groupKey: string | undefined;
  let groupFirstSight = false;
  const flush = async () => {
    if (groupKey !== undefined && group.length > 0) await submit(groupKey, group, groupFirstSight);
    group = [];
    groupKey = undefined;
  };
  const take = async ({ fields, line, problem }: CsvRecord) => {
    if (read === undefined) {
      if (problem !== undefined) throw new Error(`${options.file}: the header (line ${line}) cannot be read: ${problem}`);
      const header = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, "") : f));
      read = compileRowReader(mapping, header);
      // A record spanning lines with another field count is a stray quote's work: refused, read again.
      parser.expectFields((mapping.csv?.columns ?? header).length);
      return;
    }
    if (problem === undefined && fields.length === 1 && fields[0] === "") return; // a blank line is not a row
    totals.rows++;
    if (totals.rows % PROGRESS_EVERY === 0) progress();
    const row = problem !== undefined ? { line, reason: `CSV: ${problem}` } : read(fields, line);
    if (isBadRow(row)) {
      skipped.push(row);
      return;
    }
    if (row.key !== groupKey) {
      await flush();
      groupKey = row.key;
      groupFirstSight = !seen.has(row.key);
    }
    const index = seen.get(row.key) ?? 0;
    seen.set(row.key, index + 1);
    group.push({ row, index });
  };

  const feed = async (records: ReadonlyArray<CsvRecord>) => {
    parser.problems.length = 0; // each record carries its own
    for (const rec of records) await take(rec);
  };
  try {
    for await (const chunk of file.chunks) {
      if (chunk === INVALID_UTF8) parser.markInvalidUtf8();
      else await feed(parser.push(chunk));
    }
    await feed(parser.end());
    await flush();
    await writeBatch();
    await settle();
  } finally {
    // A failed import still lets the writes already sent finish, and gives back every number
    // no written ticket holds (those it reserved, and those of tickets it could not write).
    for (const w of inflight.splice(0)) await w.catch(() => undefined);
    await numbers.release().catch(() => undefined);
  }
  if (read === undefined) throw new Error(`${options.file}: no header row`);
  skipped.sort((a, b) => a.line - b.line);
  progress();
  return {
    mapping: mapping.name,
    serviceId: ids.serviceId,
    rows: totals.rows,
    imported: totals.imported,
    alreadyImported: totals.alreadyImported,
    skipped,
    tickets: { opened: totals.opened, updated: totals.updated },
    events: totals.events,
  };
}

/** The Desk's standard hooks and the host's, or none when the service has no automation and the host no hooks. */
async function deskHooks(store: Store, serviceId: Parameters<Store["getService"]>[0], newId: () => string, options: ImportOptions): Promise<ReadonlyArray<DeskHook>> {
  const extra = options.hooks ?? [];
  if (options.automation === false) return extra;
  // Configuration is read once: the import is one long change, not a desk that others reconfigure meanwhile.
  const cache = Automation.automationCache(Number.POSITIVE_INFINITY);
  const a = await cache.get(store, serviceId);
  const configured = a.rules !== null || a.sla !== null || a.escalation.length > 0;
  // Without configuration every standard hook returns nothing; skipping them saves a call per command.
  return configured ? [...Automation.standardHooks(cache, newId), ...extra] : extra;
}
