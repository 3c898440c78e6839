import * as Effect from "effect/Effect";
import type { Actor } from "../auth/actor";
import { systemActor } from "../auth/actor";
import type { Principal } from "../auth/authorize";
import type { ServiceId, TicketId } from "../ids/ids";
import { currencyOf, type Service } from "../service/schema";
import type { CommandOf } from "../ticket/commands";
import { rejected } from "../ticket/errors";
import { fold } from "../ticket/evolve";
import { excerptOf } from "../ticket/hand-off-excerpt";
import type { Ticket, TicketRef } from "../ticket/schema";
import type { DeskError } from "./errors";
import { decideOn, type ExecuteDeps, getOrFail, openNew, runOnTicket } from "./execute";
import { tagsFor } from "../view/public-ticket";
import { visibilityOf } from "../view/visibility";
import { requesterIn } from "./requester-in";
import { storeCall } from "./store-call";

interface HandOffInput {
  readonly service: Service;
  readonly principal: Principal;
  readonly actor: Actor;
  readonly command: CommandOf<"HandOff">;
  readonly now: number;
  readonly serviceOf: (id: ServiceId) => Effect.Effect<Service, DeskError>;
  readonly guard: (ticket: Ticket) => Effect.Effect<void, DeskError>;
}

const HAND_OFF_ACTOR = "hand-off";

/**
 * The receiving ticket's description: short and for people. The requester reads it too, so the
 * hand-off's reason, history and figures stay in the staff-only `HandOffReceived` event.
 * @example handOffSummary(ticket, support) // 'Handed off from IT-000001 (Customer Support): "VPN down". …'
 */
export const handOffSummary = (t: Ticket, service: Service): string =>
  `Handed off from ${t.number} (${service.name}): "${t.subject}".` +
  " The source ticket's messages, work log and cost are attached as a hand-off excerpt.";

/**
 * The external id of a hand-off's receiving ticket. The store scopes external ids to the receiving
 * service, so this makes one receiving ticket per (source ticket, target service).
 * @example handOffKey("t-1") // "handoff:t-1"
 */
export const handOffKey = (sourceId: TicketId): string => `handoff:${sourceId}`;

/**
 * Hands a closed ticket to another service: opens a linked ticket there (as the system, since the
 * sender need not belong to the receiving service) whose opening write carries `HandOffReceived`,
 * the excerpt of the source's history; then records `HandedOff` on the source. Idempotent per
 * (source ticket, target service): a second hand-off, or a retry after a failure, finds the
 * receiving ticket and opens nothing. Returns the source ticket.
 */
export const handOff = (deps: ExecuteDeps, input: HandOffInput): Effect.Effect<Ticket, DeskError> =>
  Effect.gen(function* () {
    const { service, command, now } = input;
    const history = (yield* storeCall(() => deps.store.readEvents(service.id, command.ticketId))).map((s) => s.event);
    const source = fold(history);
    if (!source) return yield* Effect.fail(rejected("UnknownReference", `ticket ${command.ticketId} not found`));
    yield* input.guard(source);
    if (source.status !== "closed") {
      return yield* Effect.fail(rejected("NotClosed", `only a closed ticket can be handed off; ${source.number} is ${source.status}`));
    }
    if (command.toServiceId === service.id) return yield* Effect.fail(rejected("SameService", "hand off to another service"));
    const target = yield* input.serviceOf(command.toServiceId);
    // Already handed to this service (by a hand-off or a rule's transfer): nothing to do.
    if (source.handedOffTo.some((r) => r.serviceId === target.id)) return source;
    const by = systemActor(HAND_OFF_ACTOR);
    // The receiving group is checked before anything is opened: it must be a group of the receiving service.
    if (command.toGroupId !== undefined) {
      const toGroupId = command.toGroupId;
      const group = yield* storeCall(() => deps.store.getGroup(target.id, toGroupId));
      if (!group) {
        return yield* Effect.fail(rejected("UnknownReference", `group ${toGroupId} is not a group of service ${target.id}`, { field: "toGroupId", id: toGroupId }));
      }
    }
    // What decide refuses on the source (a merged ticket…) is refused before anything is opened.
    const pending: TicketRef = { serviceId: target.id, ticketId: "pending" as TicketId, number: "pending" };
    yield* decideOn(command, { now, actor: input.actor, service, newId: deps.newId, other: pending })(source);
    const found = yield* storeCall(() => deps.store.findTicketByExternalId(target.id, handOffKey(source.id)));
    const existing = found !== undefined && found !== null ? yield* getOrFail(deps.store, target, found) : undefined;
    // Only a ticket this hand-off opened counts; anything else holding the key was planted.
    if (existing !== undefined && !(existing.openedBy.kind === "system" && existing.handedOffFrom?.ticketId === source.id)) {
      return yield* Effect.fail(rejected("AlreadyExists", `ticket ${existing.number} holds this hand-off's key but was not opened by a hand-off of ${source.number}`, { field: "toServiceId", id: target.id }));
    }
    const opened = existing !== undefined
      ? existing
      : yield* Effect.gen(function* () {
        const requesterId = yield* requesterIn(deps, service, target, source.requesterId);
        const from: TicketRef = { serviceId: service.id, ticketId: source.id, number: source.number };
        const excerpt = excerptOf(history, {
          at: now, by, handedOffBy: input.actor, fromServiceName: service.name, currency: currencyOf(service), reason: command.reason ?? null,
        });
        return yield* openNew(deps, target, {
          type: "OpenTicket",
          serviceId: target.id,
          subject: source.subject,
          description: handOffSummary(source, service),
          ticketType: source.type,
          channel: "api",
          priority: source.priority,
          requesterId,
          tags: tagsFor(source.tags, visibilityOf(service), visibilityOf(target)),
          externalId: handOffKey(source.id),
        }, by, now, from, (decided) => [...decided.slice(0, 1), excerpt, ...decided.slice(1)]);
      });
    const to: TicketRef = { serviceId: target.id, ticketId: opened.id, number: opened.number };
    if (command.toGroupId !== undefined) {
      const groupId = command.toGroupId;
      // Keyed by the history, so a retried hand-off never assigns twice.
      yield* runOnTicket(deps, target, opened.id, undefined, (_t, h) =>
        Effect.succeed(h.some((e) => e.type === "Assigned" && e.by.kind === "system" && e.by.name === HAND_OFF_ACTOR) ? [] :
          [{ type: "Assigned" as const, at: now, by, groupId, agentId: null, reason: `handed off from ${source.number}` }]), now);
    }
    return yield* runOnTicket(deps, service, source.id, command, (t) =>
      t.handedOffTo.some((r) => r.ticketId === to.ticketId) ? Effect.succeed([])
        : decideOn(command, { now, actor: input.actor, service, newId: deps.newId, other: to })(t), now);
  });
