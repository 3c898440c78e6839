import { formatTicketNumber, isStoreError, type Store, type Ticket, type TicketId } from "@spoc/core";
import { CsvParser } from "./csv-reader";
import { importDirectory } from "./directory";
import type { WriteBatch } from "./import-store";
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
  /** Tickets written at once (default 1; a server database gains from a few). */
  readonly concurrency?: number;
  readonly newId?: () => string;
  /** Groups ticket writes into transactions of `batchSize` tickets (see `openImportStore`); writes one at a time. */
  readonly batch?: WriteBatch;
  /** Tickets per batch transaction (default 500). */
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

  const writeTicket = async (key: string, rows: ReadonlyArray<IndexedRow>, firstSight: boolean): Promise<void> => {
    await dir.ensure(rows.map((r) => r.row));
    for (let attempt = 0; ; attempt++) {
      const start = await existing(key, firstSight && attempt === 0);
      let opening: Opening | undefined;
      if (start === undefined) {
        const seq = await store.allocateTicketNumber(ids.serviceId);
        opening = { ticketId: newId() as TicketId, number: formatTicketNumber(dir.service.key, seq, dir.service.settings.numberWidth) };
      }
      const r = replayRows(start, rows, ctx, () => opening as Opening);
      if (r.events.length > 0 && r.ticket !== undefined) {
        try {
          await store.append({ serviceId: ids.serviceId, ticketId: r.ticket.id, expectedVersion: start?.version ?? 0, events: r.events, ticket: r.ticket });
        } catch (e) {
          // Another writer (a concurrent import) got there first: read the ticket again and replay.
          if (attempt < 3 && (isStoreError(e, "VersionConflict") || isStoreError(e, "DuplicateMessageId"))) continue;
          throw e;
        }
        totals.events += r.events.length;
        if (start === undefined) totals.opened++;
        else totals.updated++;
      }
      totals.imported += r.applied;
      totals.alreadyImported += r.alreadyImported;
      skipped.push(...r.skipped);
      return;
    }
  };

  // Tickets in flight, at most `concurrency`; rows of one key never run twice at once.
  const { batch } = options;
  const limit = batch ? 1 : Math.max(1, options.concurrency ?? 1);
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const inFlight = new Map<string, Promise<void>>();
  let failure: unknown;
  const submit = async (key: string, rows: IndexedRow[], firstSight: boolean) => {
    const previous = inFlight.get(key);
    if (previous) await previous;
    while (inFlight.size >= limit) await Promise.race(inFlight.values());
    if (failure !== undefined) throw failure;
    if (batch && totals.tickets % batchSize === 0) {
      await batch.commit();
      await batch.begin();
    }
    totals.tickets++;
    const task = writeTicket(key, rows, firstSight)
      .catch((e: unknown) => {
        failure ??= e;
      })
      .finally(() => {
        if (inFlight.get(key) === task) inFlight.delete(key);
      });
    inFlight.set(key, task);
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
  try {
    for await (const chunk of file.chunks) await feed(parser.push(chunk));
    await feed(parser.end());
    await flush();
  } finally {
    await Promise.all(inFlight.values());
    // Each ticket's write is atomic on its own, so what was written stays written, even on failure.
    await batch?.commit();
  }
  if (failure !== undefined) throw failure;
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
