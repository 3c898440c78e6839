import type { Store } from "@spoc/core";
import type { Kysely } from "kysely";
import { dialectOf } from "./dialect/dialect-of";
import type { StoreDialect } from "./dialect/store-dialect";
import { classifyError } from "./errors/classify";
import type { SpocDatabase } from "./schema/tables";
import { append, appendMany } from "./store/append";
import { streamEvents } from "./store/stream-events";
import { directoryMethods } from "./store/directory-methods";
import { outboxMethods } from "./store/outbox-methods";
import { sweepMethods } from "./store/sweep-methods";
import { ticketQueries } from "./store/ticket-queries";

/** Options of `kyselyStore`. @example kyselyStore(db, { dialect: postgresDialect }) */
export interface KyselyStoreOptions {
  /** The database's differences; detected from the Kysely adapter when absent. */
  readonly dialect?: StoreDialect;
}

type Methods = Omit<Store, "capabilities" | "close" | "streamEvents">;

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
  const methods = classified({
    ...directoryMethods(typed, d),
    ...ticketQueries(typed, d),
    ...sweepMethods(typed, d),
    ...outboxMethods(typed, d),
    append: (req) => append(typed, d, req),
    appendMany: (requests) => appendMany(typed, d, requests),
  });
  return {
    capabilities: { multiProcess: d.multiProcess, skipLocked: d.skipLocked },
    ...methods,
    streamEvents: (serviceId) => streamEvents(typed, d, serviceId),
    async close() {},
  };
}
