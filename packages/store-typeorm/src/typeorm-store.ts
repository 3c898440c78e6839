import type { Store } from "@spoc/core";
import type { DataSource, EntityManager } from "typeorm";
import { dialectOf, type TypeormDialect } from "./dialect/typeorm-dialect";
import { classifyError } from "./errors/classify";
import { append } from "./store/append";
import { appendStatements } from "./store/append-statements";
import { directoryMethods } from "./store/directory-methods";
import { outboxMethods } from "./store/outbox-methods";
import { serialQueue } from "./store/serial-queue";
import { storeContext } from "./store/store-context";
import { sweepMethods } from "./store/sweep-methods";
import { ticketQueries } from "./store/ticket-queries";

type Methods = Omit<Store, "capabilities" | "close">;

// One queue per SQLite DataSource, shared by every store built on it (and on its transactions).
const queues = new WeakMap<DataSource, ReturnType<typeof serialQueue>>();
const queueOf = (dataSource: DataSource) => {
  let q = queues.get(dataSource);
  if (q === undefined) queues.set(dataSource, (q = serialQueue()));
  return q;
};

/** Wraps every method so a driver error leaves the store as a classified `StoreError`, queued on one-connection databases. */
const wrapped = (methods: Methods, queue: ReturnType<typeof serialQueue> | undefined): Methods =>
  Object.fromEntries(
    Object.entries(methods).map(([name, f]) => {
      const call = async (...args: unknown[]) => {
        try {
          return await (f as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (e) {
          throw classifyError(e);
        }
      };
      return [name, queue ? (...args: unknown[]) => queue(() => call(...args)) : call];
    }),
  ) as unknown as Methods;

/**
 * Options of `typeormStore`.
 * @example
 * const store = typeormStore(dataSource, { dialect: dialectOf(dataSource) })
 */
export interface TypeormStoreOptions {
  /** The database's differences; detected from the DataSource's `type` when absent. */
  readonly dialect?: TypeormDialect;
}

/**
 * A `Store` on the host's TypeORM `DataSource` (better-sqlite3, PostgreSQL, MySQL/MariaDB), or on
 * an `EntityManager` of one of the host's transactions — then every write joins that transaction
 * (as a savepoint) and commits or rolls back with it. The DataSource must be initialised, list
 * `spocEntities`, and have run `spocMigrations`; `close()` leaves the host's DataSource open.
 * @example
 * const dataSource = new DataSource({ type: "postgres", url, entities: [...spocEntities], migrations: [...spocMigrations] })
 * await dataSource.initialize(); await dataSource.runMigrations()
 * const desk = createDesk({ store: typeormStore(dataSource) })
 */
export function typeormStore(target: DataSource | EntityManager, options: TypeormStoreOptions = {}): Store {
  // Duck-typed: a host may load its own copy of typeorm, so `instanceof` would lie.
  const manager = "initialize" in target ? target.manager : target;
  const d = options.dialect ?? dialectOf(manager.connection);
  const c = storeContext(manager, d);
  const statements = appendStatements(c);
  const methods = wrapped(
    {
      ...directoryMethods(c),
      ...ticketQueries(c),
      ...sweepMethods(c),
      ...outboxMethods(c),
      append: (req) => append(c, statements, req),
    },
    d.singleConnection ? queueOf(manager.connection) : undefined,
  );
  return {
    // Full-text search is not ported to this adapter yet (the kysely store has it): listTickets
    // rejects `text`, and the Desk answers a search with InvalidInput naming `text`.
    capabilities: { multiProcess: d.multiProcess, skipLocked: d.skipLocked, search: false },
    ...methods,
    async close() {},
  };
}
