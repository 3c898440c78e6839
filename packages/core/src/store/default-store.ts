import type { Store } from "./port";
import { StoreError } from "./errors";

/** The embedded default database: a SQLite file in the working directory (or `$SPOC_DB`). */
export const defaultDatabaseUrl = (): string => process.env.SPOC_DB ?? "sqlite:spoc.sqlite";

// A variable specifier keeps bundlers from pulling the adapter into core; hosts that use the default install it.
const adapter = "@spoc/store-kysely";

/**
 * A store that opens `url` on first use through `@spoc/store-kysely` (SQLite in WAL mode by default,
 * migrated on open), so `createDesk()` works without configuration. Fails with a clear
 * `StoreError` when the adapter is not installed.
 * @example const desk = createDesk({ store: lazyDefaultStore("sqlite:desk.sqlite") })
 */
export function lazyDefaultStore(url: string = defaultDatabaseUrl()): Store {
  let opened: Promise<{ store: Store; close(): Promise<void> }> | undefined;
  const open = () =>
    (opened ??= (import(adapter) as Promise<{ openStore(url: string): Promise<{ store: Store; close(): Promise<void> }> }>)
      .catch((cause: unknown) => {
        throw new StoreError({ reason: "Unavailable", message: `createDesk() without a store needs ${adapter} installed (or pass { store })`, cause });
      })
      .then((m) => m.openStore(url)));
  const target = { capabilities: { multiProcess: false, skipLocked: false } } as Store;
  return new Proxy(target, {
    get(t, name) {
      if (name === "capabilities") return t.capabilities;
      if (name === "then") return undefined;
      if (name === "close") return async () => { if (opened) await (await opened).close(); };
      if (name === "streamEvents") {
        return async function* (serviceId: never) {
          const s = (await open()).store;
          yield* s.streamEvents ? s.streamEvents(serviceId) : [];
        };
      }
      return async (...args: unknown[]) => {
        const s = (await open()).store as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
        const f = s[name as string];
        if (typeof f !== "function") throw new StoreError({ reason: "Unknown", message: `the default store has no ${String(name)}` });
        return f.apply(s, args);
      };
    },
  });
}
