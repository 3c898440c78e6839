import type { Store } from "@spoc/core";
import { DataSource, type DataSourceOptions } from "typeorm";
import { spocEntities } from "../entities/spoc-entities";
import { spocMigrations } from "../migrations/spoc-migrations";
import { typeormStore } from "../typeorm-store";

/**
 * A dedicated `DataSource` for spoc, for hosts that don't want to share theirs: the given options
 * plus spoc's entities and migrations (kept beside any the options list). Not yet initialised.
 * @example const ds = spocDataSource({ type: "better-sqlite3", database: "desk.db", driver: Database })
 */
export function spocDataSource(options: DataSourceOptions): DataSource {
  const entities = Array.isArray(options.entities) ? options.entities : [];
  const migrations = Array.isArray(options.migrations) ? options.migrations : [];
  return new DataSource({
    ...options,
    entities: [...spocEntities, ...entities],
    migrations: [...spocMigrations, ...migrations],
  } as DataSourceOptions);
}

/**
 * An opened spoc store on its own DataSource; `close()` destroys the DataSource.
 * @example
 * const { store, dataSource, close }: OpenedTypeormStore = await openTypeormStore({ type: "better-sqlite3", database: "desk.db" })
 */
export interface OpenedTypeormStore {
  readonly store: Store;
  readonly dataSource: DataSource;
  /** Destroys the DataSource (its connections). */
  close(): Promise<void>;
}

/**
 * Creates a dedicated DataSource (`spocDataSource`), initialises it, runs the migrations, and
 * returns the store on it.
 * @example
 * const { store, close } = await openTypeormStore({ type: "postgres", url: process.env.DATABASE_URL })
 * const desk = createDesk({ store })
 */
export async function openTypeormStore(options: DataSourceOptions): Promise<OpenedTypeormStore> {
  const dataSource = spocDataSource(options);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: "each" });
  } catch (e) {
    await dataSource.destroy();
    throw e;
  }
  return { store: typeormStore(dataSource), dataSource, close: () => dataSource.destroy() };
}
