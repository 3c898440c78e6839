import { type AppendRequest, appendAll, formatTicketNumber, isStoreError, type Store, type Ticket, type TicketId } from "@spoc/core";
import { CsvParser } from "./csv-reader";
import { importDirectory } from "./directory";
import type { Mapping } from "./mapping";
import { type IndexedRow, type Opening, replayRows } from "./replay";
import { openSourceFile } from "./source-file";
import { sourceIds } from "./source-ids";
import { type BadRow, compileRowReader, isBadRow, type RowReader } from "./source-row";

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
  readonly newId?: () => string;
  /** Tickets written per transaction (default 500), through the store's `appendMany` where it has one. */
  readonly batchSize?: number;
}

const PROGRESS_EVERY = 2000;

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
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  const dir = await importDirectory(store, mapping, ids);
  const ctx = { mapping, service: dir.service, ids, newId };
  const fresh = (await store.listTickets(ids.serviceId, { limit: 1 })).items.length === 0;
  const file = await openSourceFile(options.file);
  const seen = new Map<string, number>();
  const skipped: BadRow[] = [];
  const totals = { rows: 0, imported: 0, alreadyImported: 0, opened: 0, updated: 0, events: 0, tickets: 0 };
  const progress = () => options.onProgress?.({
    rows: totals.rows, events: totals.events, tickets: totals.tickets, bytesRead: file.bytesRead(), totalBytes: file.totalBytes,
  });

  const existing = async (key: string, firstSight: boolean): Promise<Ticket | undefined> => {
    if (fresh && firstSight) return undefined;
    const id = await store.findTicketByExternalId(ids.serviceId, ids.ticketExternalId(key));
    return id === undefined ? undefined : store.getTicket(ids.serviceId, id);
  };

  // Replayed tickets wait here and are written together: one transaction per batch where the store batches.
  const pending = new Map<string, { request: AppendRequest; key: string; rows: ReadonlyArray<IndexedRow>; opened: boolean }>();
  const batchSize = Math.max(1, options.batchSize ?? 500);

  const replay = async (key: string, rows: ReadonlyArray<IndexedRow>, lookUp: boolean) => {
    const start = lookUp ? await existing(key, false) : undefined;
    let opening: Opening | undefined;
    if (start === undefined) {
      const seq = await store.allocateTicketNumber(ids.serviceId);
      opening = { ticketId: newId() as TicketId, number: formatTicketNumber(dir.service.key, seq, dir.service.settings.numberWidth) };
    }
    const r = replayRows(start, rows, ctx, () => opening as Opening);
    totals.imported += r.applied;
    totals.alreadyImported += r.alreadyImported;
    skipped.push(...r.skipped);
    if (r.events.length === 0 || r.ticket === undefined) return undefined;
    return { request: { serviceId: ids.serviceId, ticketId: r.ticket.id, expectedVersion: start?.version ?? 0, events: r.events, ticket: r.ticket }, opened: start === undefined };
  };

  const count = (opened: boolean, events: number) => {
    totals.events += events;
    if (opened) totals.opened++;
    else totals.updated++;
  };

  const writeBatch = async () => {
    if (pending.size === 0) return;
    const items = [...pending.values()];
    pending.clear();
    try {
      await appendAll(store, items.map((i) => i.request));
      for (const i of items) count(i.opened, i.request.events.length);
      return;
    } catch (e) {
      if (!isStoreError(e, "VersionConflict") && !isStoreError(e, "DuplicateMessageId")) throw e;
    }
    // Another writer (a concurrent import) touched some of these tickets: write them one by one,
    // reading each again and replaying its rows where it conflicts.
    for (const i of items) {
      let item: { request: AppendRequest; opened: boolean } | undefined = i;
      for (let attempt = 0; item !== undefined; attempt++) {
        try {
          await store.append(item.request);
          count(item.opened, item.request.events.length);
          break;
        } catch (e) {
          if (attempt >= 3 || !(isStoreError(e, "VersionConflict") || isStoreError(e, "DuplicateMessageId"))) throw e;
          item = await replay(i.key, i.rows, true);
        }
      }
    }
  };

  const submit = async (key: string, rows: IndexedRow[], firstSight: boolean) => {
    // A ticket seen before may still be waiting in the batch: write it first, so this replay starts from it.
    if (!firstSight && pending.has(key)) await writeBatch();
    await dir.ensure(rows.map((r) => r.row));
    totals.tickets++;
    const item = await replay(key, rows, !(fresh && firstSight));
    if (item) pending.set(key, { ...item, key, rows });
    if (pending.size >= batchSize) await writeBatch();
  };

  const parser = new CsvParser(mapping.csv?.delimiter ?? ",");
  let read: RowReader | undefined;
  let group: IndexedRow[] = [];
  let groupKey: string | undefined;
  let groupFirstSight = false;
  const flush = async () => {
    if (groupKey !== undefined && group.length > 0) await submit(groupKey, group, groupFirstSight);
    group = [];
    groupKey = undefined;
  };
  const take = async (fields: ReadonlyArray<string>, line: number) => {
    if (read === undefined) {
      read = compileRowReader(mapping, fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, "") : f)));
      return;
    }
    if (fields.length === 1 && fields[0] === "") return; // a blank line is not a row
    totals.rows++;
    if (totals.rows % PROGRESS_EVERY === 0) progress();
    const problem = csvProblems.get(line);
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

  const csvProblems = new Map<number, string>();
  const feed = async (records: ReturnType<CsvParser["push"]>) => {
    for (const p of parser.problems.splice(0)) csvProblems.set(p.line, p.reason);
    for (const rec of records) await take(rec.fields, rec.line);
  };
  for await (const chunk of file.chunks) await feed(parser.push(chunk));
  await feed(parser.end());
  await flush();
  await writeBatch();
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
