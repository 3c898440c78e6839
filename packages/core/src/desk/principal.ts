import * as Effect from "effect/Effect";
import type { Actor } from "../auth/actor";
import type { Principal } from "../auth/authorize";
import type { Service } from "../service/schema";
import { Forbidden } from "../ticket/errors";
import type { Store } from "../store/port";
import { storeCall } from "./store-call";

/**
 * Resolves an actor against the directory. Roles come from the stored agent, never from the caller,
 * so a stale or forged actor cannot widen its rights.
 */
export const resolvePrincipal = (store: Store, actor: Actor, service: Service) =>
  Effect.gen(function* () {
    switch (actor.kind) {
      case "system":
        return { kind: "system", name: actor.name } satisfies Principal as Principal;
      case "agent": {
        const agent = yield* storeCall(() => store.getAgent(actor.id));
        if (!agent) return yield* Effect.fail(new Forbidden({ message: `unknown agent ${actor.id}`, action: "any" }));
        return { kind: "agent", agent } as Principal;
      }
      case "contact": {
        if (actor.contactListId !== undefined && actor.contactListId !== service.contactListId) {
          return yield* Effect.fail(new Forbidden({ message: `contact ${actor.id} of list ${actor.contactListId} is not in service ${service.id}'s contact list`, action: "any" }));
        }
        const contact = yield* storeCall(() => store.getContact(service.contactListId, actor.id));
        if (!contact) {
          return yield* Effect.fail(new Forbidden({ message: `contact ${actor.id} is not in service ${service.id}'s contact list`, action: "any" }));
        }
        return { kind: "contact", contactId: contact.id, contactListId: contact.contactListId } as Principal;
      }
    }
  });
