import * as Effect from "effect/Effect";
import { StoreError } from "../store/errors";
import { type DeskError, isDeskError } from "./errors";

/**
 * The one place the Desk maps thrown values: its own typed errors pass through with their class;
 * anything else becomes a `StoreError` of reason `Unknown` that keeps the thrown value as `cause`.
 * @example fromThrown(new Error("socket hang up")) // StoreError{reason: "Unknown"}
 */
export const fromThrown = (e: unknown): DeskError =>
  isDeskError(e) ? e : new StoreError({ reason: "Unknown", message: String((e as Error)?.message ?? e), cause: e });

/**
 * Runs a store call (or any Promise the Desk awaits: hooks, configuration) as an Effect; a typed
 * error it throws keeps its class, anything else becomes a `StoreError{Unknown}`.
 * @example storeCall(() => store.getTicket(serviceId, ticketId))
 */
export const storeCall = <A>(f: () => Promise<A>): Effect.Effect<A, DeskError> =>
  Effect.tryPromise({ try: f, catch: fromThrown });
