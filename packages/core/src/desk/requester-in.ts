import * as Effect from "effect/Effect";
import type { ContactId } from "../ids/ids";
import type { Contact, Service } from "../service/schema";
import { rejected } from "../ticket/errors";
import type { ExecuteDeps } from "./execute";
import { storeCall } from "./store-call";

/**
 * The requester in the receiving service's contact list: the same contact when the list is shared;
 * else the contact there with one of the requester's emails; else a copy under a new id. Ids are never
 * carried across lists, so a contact that happens to share the id in the other list is never overwritten.
 */
export const requesterIn = (deps: ExecuteDeps, from: Service, to: Service, contactId: ContactId) =>
  Effect.gen(function* () {
    if (from.contactListId === to.contactListId) return contactId;
    const contact = yield* storeCall(() => deps.store.getContact(from.contactListId, contactId));
    if (!contact) return yield* Effect.fail(rejected("UnknownReference", `contact ${contactId} not found`));
    for (const email of contact.emails) {
      const found = yield* storeCall(() => deps.store.findContactByEmail(to.contactListId, email));
      if (found) return found.id;
    }
    // The organisation belongs to the source list, so it stays behind.
    const { organizationId: _org, ...rest } = contact;
    const copy: Contact = { ...rest, id: deps.newId() as ContactId, contactListId: to.contactListId };
    yield* storeCall(() => deps.store.putContact(copy));
    return copy.id;
  });
