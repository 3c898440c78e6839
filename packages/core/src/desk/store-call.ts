import * as Effect from "effect/Effect";
import { StoreError } from "../store/errors";

/** Runs a store call as an Effect; anything it throws becomes a classified `StoreError`. */
export const storeCall = <A>(f: () => Promise<A>): Effect.Effect<A, StoreError> =>
  Effect.tryPromise({
    try: f,
    catch: (e) => (e instanceof StoreError ? e : new StoreError({ reason: "Unknown", message: String((e as Error)?.message ?? e), cause: e })),
  });
