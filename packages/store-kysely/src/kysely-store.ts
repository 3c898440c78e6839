import type { AppendRequest, Store } from "@spoc/core";
import type { Kysely } from "kysely";
import { dialectOf } from "./dialect/dialect-of";
import type { StoreDialect } from "./dialect/store-dialect";
import { classifyError } from "./errors/classify";
import type { SpocDatabase } from "./schema/tables";
import { append, appendMany } from "./store/append";
import { appendRows } from "./store/append-rows";
import type { WriterThread } from "./writer-thread/client";
import { streamEvents } from "./store/stream-events";
import { directoryMethods } from "./store/directory-methods";
import { outboxMethods } from "./store/outbox-methods";
import { sweepMethods } from "./store/sweep-methods";
import { ticketQueries } from "./store/ticket-queries";
import { requestersOf } from "./store/search-index";

/** Options of `kyselyStore`. @example kyselyStore(db, { dialect: postgresDialect }) */
export interface KyselyStoreOptions {
  /** The database's differences; detected from the Kysely adapter when absent. */
  readonly dialect?: StoreDialect;
  /** @internal A SQLite writer thread on the same file that takes the bulk writes (`openStore`'s `sqliteWriterThread`). */
  readonly writer?: WriterThread;
}

type Methods = Omit<Store, "capabilities" | "close" | "streamEvents">;
type Requesters = (requests: ReadonlyArray<AppendRequest>) => Promise<import("./store/search-index").Requesters>;

/** Wraps every method so a driver error leaves the store as a classified `StoreError`. */
const classified = (methods: Methods): Methods =>
  Object.fromEntries(
    Object.entries(methods).map(([name, f]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await (f as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (e) {
          throw classifyError(e);
        }
      },
    ]),
  ) as unknown as Methods;

/**
 * The writes a SQLite writer thread takes over: every event append (so appends keep their order)
 * and the bulk directory and ticket-number writes. The rows are encoded here, on the caller's
 * thread; the writer only runs the statements.
 */
const writerMethods = (writer: WriterThread, requesters: Requesters): Partial<Methods> => ({
  append: async (req) => writer.call("appendRows", appendRows([req], await requesters([req]))),
  appendMany: async (requests) => {
    if (requests.length > 0) await writer.call("appendRows", appendRows(requests, await requesters(requests)));
  },
  putDirectory: (entries) => writer.call("putDirectory", entries),
  allocateTicketNumber: async (serviceId) => writer.call("allocateTicketNumberBlock", serviceId, 1),
  allocateTicketNumberBlock: (serviceId, count) => writer.call("allocateTicketNumberBlock", serviceId, count),
  releaseTicketNumberBlock: (serviceId, first, count) => writer.call("releaseTicketNumberBlock", serviceId, first, count),
});

/**
 * A `Store` on a Kysely instance the host owns (SQLite, PostgreSQL or MySQL/MariaDB). The schema
 * must be migrated (`migrateToLatest(db)`, or `openStore(url)` which does it); `close()` leaves the
 * host's instance open.
 * @example
 * const db = new Kysely<SpocDatabase>({ dialect: new PostgresDialect({ pool }) })
 * await migrateToLatest(db)
 * const desk = createDesk({ store: kyselyStore(db) })
 */
export function kyselyStore(db: Kysely<any>, options: KyselyStoreOptions = {}): Store {
  const typed = db as Kysely<SpocDatabase>;
  const d = options.dialect ?? dialectOf(db);
  // Services' contact lists, for indexing new tickets' requesters (a service's list rarely changes).
  const contactLists = new Map<string, string>();
  const requesters = (requests: ReadonlyArray<AppendRequest>) => requestersOf(typed, d, requests, contactLists);
  const methods = classified({
    ...directoryMethods(typed, d),
    ...ticketQueries(typed, d),
    ...sweepMethods(typed, d),
    ...outboxMethods(typed, d),
    append: async (req) => append(typed, d, req, await requesters([req])),
    appendMany: async (requests) => appendMany(typed, d, requests, await requesters(requests)),
    ...(options.writer ? writerMethods(options.writer, requesters) : {}),
  });
  return {
    capabilities: { multiProcess: d.multiProcess, skipLocked: d.skipLocked, search: true },
    ...methods,
    streamEvents: (serviceId) => streamEvents(typed, d, serviceId),
    close: async () => options.writer?.close(),
  };
}
