import * as Effect from "effect/Effect";
import type { Actor } from "../auth/actor";
import { systemActor } from "../auth/actor";
import type { Principal } from "../auth/authorize";
import type { ContactId, ServiceId } from "../ids/ids";
import type { Service } from "../service/schema";
import type { CommandOf } from "../ticket/commands";
import { rejected } from "../ticket/errors";
import type { Ticket, TicketRef } from "../ticket/schema";
import type { DeskError } from "./errors";
import { decideOn, type ExecuteDeps, openNew, runOnTicket } from "./execute";
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

const money = (cents: number) => (cents / 100).toFixed(2);

/** A short account of the source ticket, written into the receiving ticket's first message. */
export const handOffSummary = (t: Ticket, service: Service): string =>
  [
    `Handed off from ${t.number} (${service.name}): "${t.subject}".`,
    `Opened ${new Date(t.createdAt).toISOString()} via ${t.channel}; ${t.messageCount} messages; status ${t.status}.`,
    `Time logged: ${t.timeMinutes} min (${t.billableMinutes} billable); cost ${money(t.costCents)}.`,
    `Full history: ticket ${t.id} in service ${t.serviceId}.`,
  ].join("\n");

/**
 * Hands a closed ticket to another service: opens a linked ticket there (as the system, since the
 * sender need not belong to the receiving service) and records `HandedOff` on the source.
 * The receiving ticket is keyed by the source's id and version, so a retry never opens a second one.
 */
export const handOff = (deps: ExecuteDeps, input: HandOffInput): Effect.Effect<Ticket, DeskError> =>
  Effect.gen(function* () {
    const { service, command, now } = input;
    const source = yield* Effect.flatMap(storeCall(() => deps.store.getTicket(service.id, command.ticketId)), (t) =>
      t ? Effect.succeed(t) : Effect.fail(rejected("UnknownReference", `ticket ${command.ticketId} not found`)));
    yield* input.guard(source);
    if (source.status !== "closed") {
      return yield* Effect.fail(rejected("NotClosed", `only a closed ticket can be handed off; ${source.number} is ${source.status}`));
    }
    if (command.toServiceId === service.id) return yield* Effect.fail(rejected("SameService", "hand off to another service"));
    const target = yield* input.serviceOf(command.toServiceId);
    const requesterId = yield* requesterIn(deps, service, target, source.requesterId);
    const from: TicketRef = { serviceId: service.id, ticketId: source.id, number: source.number };
    const opened = yield* openNew(deps, target, {
      type: "OpenTicket",
      serviceId: target.id,
      subject: source.subject,
      description: handOffSummary(source, service) + (command.reason ? `\nReason: ${command.reason}` : ""),
      ticketType: source.type,
      channel: "api",
      priority: source.priority,
      requesterId,
      tags: source.tags,
      externalId: `handoff:${source.id}:${source.version}`,
    }, systemActor("hand-off"), now, from);
    const to: TicketRef = { serviceId: target.id, ticketId: opened.id, number: opened.number };
    if (command.toGroupId !== undefined) {
      yield* runOnTicket(deps, target, opened.id, undefined, () =>
        Effect.succeed([{ type: "Assigned" as const, at: now, by: systemActor("hand-off"), groupId: command.toGroupId ?? null, agentId: null, reason: `handed off from ${source.number}` }]), now);
    }
    return yield* runOnTicket(deps, service, source.id, command,
      (t) => decideOn(command, { now, actor: input.actor, service, newId: deps.newId, other: to })(t), now);
  });

/** The requester in the receiving service's contact list: the same contact when the list is shared, else found or copied by email. */
export const requesterIn = (deps: ExecuteDeps, from: Service, to: Service, contactId: ContactId) =>
  Effect.gen(function* () {
    if (from.contactListId === to.contactListId) return contactId;
    const contact = yield* storeCall(() => deps.store.getContact(from.contactListId, contactId));
    if (!contact) return yield* Effect.fail(rejected("UnknownReference", `contact ${contactId} not found`));
    for (const email of contact.emails) {
      const found = yield* storeCall(() => deps.store.findContactByEmail(to.contactListId, email));
      if (found) return found.id;
    }
    const { organizationId: _org, ...rest } = contact;
    yield* storeCall(() => deps.store.putContact({ ...rest, contactListId: to.contactListId }));
    return contact.id;
  });
