import type { EntityManager, EntitySchema } from "typeorm";
import type { TypeormDialect } from "../dialect/typeorm-dialect";

/** What every group of store methods runs on: the host's manager, the dialect, and raw-SQL helpers. */
export interface StoreContext {
  /** The manager the store was given: the DataSource's, or one of the host's transactions. */
  readonly manager: EntityManager;
  readonly d: TypeormDialect;
  /** Runs `f` in a transaction (a savepoint when the store runs inside the host's transaction). */
  transaction<T>(f: (m: EntityManager) => Promise<T>): Promise<T>;
  /** The escaped table path of an entity, for raw SQL (honours the DataSource's `schema`). */
  table(entity: EntitySchema<any>): string;
  /** The n-th (1-based) parameter placeholder of raw SQL. */
  param(n: number): string;
}

/** Builds the store context over a manager. */
export function storeContext(manager: EntityManager, d: TypeormDialect): StoreContext {
  const driver = manager.connection.driver;
  const paths = new Map<EntitySchema<any>, string>();
  return {
    manager,
    d,
    transaction: (f) => manager.transaction(f),
    table(entity) {
      let path = paths.get(entity);
      if (path === undefined) {
        path = manager.connection.getMetadata(entity).tablePath.split(".").map((p) => driver.escape(p)).join(".");
        paths.set(entity, path);
      }
      return path;
    },
    param: (n) => (d.name === "postgres" ? `$${n}` : "?"),
  };
}
