import * as Effect from "effect/Effect";
import { systemActor } from "../auth/actor";
import type { MessageId } from "../ids/ids";
import { pendingTransfer, TRANSFER_ACTOR } from "../routing/transfer";
import type { Service } from "../service/schema";
import { rejected } from "../ticket/errors";
import type { TicketEvent } from "../ticket/events";
import type { Ticket, TicketRef } from "../ticket/schema";
import type { DeskError } from "./errors";
import { type ExecuteDeps, openNew, runOnTicket } from "./execute";
import { tagsFor } from "../view/public-ticket";
import { visibilityOf } from "../view/visibility";
import { requesterIn } from "./requester-in";
import { storeCall } from "./store-call";
import { arrangeTransferOpening, transferClosing, transferOpening } from "./transfer-content";

/**
 * Carries out a transfer a routing rule requested on `source` (a `TransferRequested` with no
 * `HandedOff` after it), once that request is written: opens the receiving ticket in the target
 * service as the system — its own routing rules and SLA run on it as on any new ticket — then
 * records on the source a note, `HandedOff` and the move to `closed`. The receiving ticket is
 * keyed by the source's id, so a retry or a second run never opens two. Returns the source as it
 * then stands; a history with nothing pending is returned as it is.
 */
export const settleTransfer = (deps: ExecuteDeps) =>
  (service: Service, source: Ticket, history: ReadonlyArray<TicketEvent>, now: number): Effect.Effect<Ticket, DeskError> =>
    Effect.gen(function* () {
      const request = pendingTransfer(history);
      if (request === null) return source;
      const target = yield* Effect.flatMap(storeCall(() => deps.store.getService(request.toServiceId)), (s) =>
        s ? Effect.succeed(s) : Effect.fail(rejected("UnknownReference", `transfer of ${source.number}: service ${request.toServiceId} does not exist`)));
      const by = systemActor(TRANSFER_ACTOR);
      const newMessageId = () => deps.newId() as MessageId;
      const requesterId = yield* requesterIn(deps, service, target, source.requesterId);
      const organizationId = service.contactListId === target.contactListId ? source.organizationId : null;
      const from: TicketRef = { serviceId: service.id, ticketId: source.id, number: source.number };
      const opened = yield* openNew(deps, target, { ...transferOpening(source, history, { requesterId, organizationId }, target), tags: tagsFor(source.tags, visibilityOf(service), visibilityOf(target)) }, by, now, from,
        (decided) => arrangeTransferOpening(decided, source, history, service, request, { at: now, by, newMessageId }));
      const to: TicketRef = { serviceId: target.id, ticketId: opened.id, number: opened.number };
      return yield* runOnTicket(deps, service, source.id, undefined,
        (t, h) => Effect.succeed(pendingTransfer(h) === null ? [] : transferClosing(t, to, target, request, { at: now, by, newMessageId })), now);
    });
