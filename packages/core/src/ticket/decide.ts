import * as Result from "effect/Result";
import type { Actor } from "../auth/actor";
import type { AgentId, GroupId, MessageId, TicketId } from "../ids/ids";
import type { Service } from "../service/schema";
import type { Command, CommandOf } from "./commands";
import type { Group } from "../service/schema";
import { CommandRejected, type IllegalTransition, IllegalTransition as Illegal, rejected } from "./errors";
import type { EventOf, TicketEvent } from "./events";
import { defaultPriorityMatrix, priorityFromMatrix } from "./priority-matrix";
import { groupOf, holderOf, memberOf, type ReferenceFacts } from "./references";
import type { Ticket, TicketRef } from "./schema";
import { canTransition } from "./status";

/**
 * What `decide` needs besides the command and the ticket: all of it plain data.
 * @example
 * decide(command, ticket, { now: Date.now(), actor, service, newId: () => crypto.randomUUID() } satisfies DecideContext)
 */
export interface DecideContext {
  readonly now: number;
  readonly actor: Actor;
  readonly service: Service;
  /** Makes ids for new messages and tickets. */
  readonly newId: () => string;
  /** For `OpenTicket`: the id and number the store allocated. */
  readonly opening?: { readonly ticketId: TicketId; readonly number: string; readonly handedOffFrom?: TicketRef };
  /** For `Link`, `Merge`, `HandOff`: the other ticket, resolved and authorised by the caller. */
  readonly other?: TicketRef;
  /** For `LogTime`: the rate used when the command gives none. */
  readonly defaultRateCentsPerHour?: number;
  /**
   * For `Assign`, `Transfer`, `LogTime`: the groups and agents the command names, as the directory
   * holds them. Without it (a replay of a trusted log) references are not checked.
   */
  readonly refs?: ReferenceFacts;
  /** For `Rate`: when the ticket was first rated (from its history), which opens the window for a new rating. */
  readonly firstRatedAt?: number;
}

/**
 * Every way `decide` can refuse a command.
 * @example
 * const result = decide(command, ticket, ctx)
 * if (Result.isFailure(result)) console.error((result.failure as DecideError)._tag) // IllegalTransition or CommandRejected
 */
export type DecideError = IllegalTransition | CommandRejected;
/**
 * The outcome of `decide`: the events to append, or why not.
 * @example
 * const decision: Decision = decide({ type: "Reopen", serviceId, ticketId }, ticket, ctx) // the events to append, or why not
 */
export type Decision = Result.Result<ReadonlyArray<TicketEvent>, DecideError>;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ok = (events: ReadonlyArray<TicketEvent>): Decision => Result.succeed(events);
const no = (e: DecideError): Decision => Result.fail(e);

/**
 * Decides what happens when a command meets a ticket: the events to record, or a typed error.
 * Pure: time, ids and the actor come from the context.
 * @example
 * const r = decide({ type: "ChangeStatus", serviceId, ticketId, status: "resolved" }, ticket, ctx)
 * if (Result.isSuccess(r)) ticket = r.success.reduce(evolve, ticket)
 */
export function decide(command: Command, ticket: Ticket | undefined, ctx: DecideContext): Decision {
  if (command.type === "OpenTicket") return open(command, ticket, ctx);
  if (ticket === undefined) return no(rejected("UnknownReference", `ticket ${command.ticketId} does not exist`));
  if (ticket.mergedInto !== null) return no(rejected("TicketClosed", `ticket ${ticket.number} was merged into ${ticket.mergedInto.number}`));
  const at = ctx.now;
  const by = ctx.actor;
  const base = { at, by } as const;
  switch (command.type) {
    case "AddMessage":
      return addMessage(command, ticket, ctx);
    case "Assign": {
      if (ticket.status === "closed") return closed(ticket);
      const group = command.groupId ? checkedGroup(ctx, ticket, command.groupId, "groupId") : undefined;
      if (group instanceof CommandRejected) return no(group);
      const holder = command.agentId ? checkedHolder(ctx, ticket, command.agentId, group, "agentId") : undefined;
      if (holder instanceof CommandRejected) return no(holder);
      const groupId = command.groupId === undefined ? ticket.groupId : command.groupId;
      const agentId = command.agentId === undefined ? ticket.assigneeId : holder?.agentId ?? command.agentId;
      if (groupId === ticket.groupId && agentId === ticket.assigneeId) return ok([]);
      const reason = withSubstitution(command.reason ?? null, holder?.substitution ?? null);
      const events: TicketEvent[] = [{ type: "Assigned", ...base, groupId, agentId, reason }];
      // Taking a new ticket onto an agent's desk opens it, as in Zendesk.
      if (ticket.status === "new" && agentId !== null) events.push(statusChange(ticket, "open", "assigned", ctx));
      return ok(events);
    }
    case "Transfer": {
      if (ticket.status === "closed") return closed(ticket);
      const group = checkedGroup(ctx, ticket, command.toGroupId, "toGroupId");
      if (group instanceof CommandRejected) return no(group);
      const holder = command.toAgentId ? checkedHolder(ctx, ticket, command.toAgentId, group, "toAgentId") : undefined;
      if (holder instanceof CommandRejected) return no(holder);
      return ok([{
        type: "Transferred", ...base, fromGroupId: ticket.groupId, toGroupId: command.toGroupId,
        toAgentId: holder?.agentId ?? command.toAgentId ?? null,
        reason: withSubstitution(command.reason, holder?.substitution ?? null) as string,
      }]);
    }
    case "ChangePriority": {
      if (ticket.status === "closed") return closed(ticket);
      const impact = command.impact ?? ticket.impact;
      const urgency = command.urgency ?? ticket.urgency;
      const fromMatrix = command.priority === undefined && impact !== null && urgency !== null;
      const to = command.priority ?? (fromMatrix ? priorityFromMatrix(impact, urgency, matrixOf(ctx)) : ticket.priority);
      if (to === ticket.priority && impact === ticket.impact && urgency === ticket.urgency) return ok([]);
      return ok([{ type: "PriorityChanged", ...base, from: ticket.priority, to, impact, urgency }]);
    }
    case "UpdateFields":
      return updateFields(command, ticket, ctx);
    case "ChangeStatus": {
      if (command.status === ticket.status) return ok([]);
      if (!canTransition(ticket.status, command.status)) {
        return no(new Illegal({
          message: `ticket ${ticket.number} cannot go from ${ticket.status} to ${command.status}`,
          from: ticket.status, to: command.status,
        }));
      }
      return ok([statusChange(ticket, command.status, command.reason ?? null, ctx, command.publicReason === true && command.reason !== undefined)]);
    }
    case "Reopen":
      return reopen(ticket, ctx, command.reason ?? null);
    case "Link":
      if (!ctx.other) return no(rejected("UnknownReference", `ticket ${command.other.ticketId} not found`, { field: "other.ticketId", id: command.other.ticketId }));
      if (ctx.other.ticketId === ticket.id) return no(rejected("SelfReference", "a ticket cannot be linked to itself"));
      if (ticket.links.some((l) => l.ticket.ticketId === ctx.other?.ticketId && l.kind === command.kind)) return ok([]);
      return ok([{ type: "Linked", ...base, kind: command.kind, ticket: ctx.other }]);
    case "Merge":
      if (!ctx.other || ctx.other.serviceId !== ticket.serviceId) {
        return no(rejected("UnknownReference", `ticket ${command.into} not found in service ${ticket.serviceId}`, { field: "into", id: command.into }));
      }
      if (ctx.other.ticketId === ticket.id) return no(rejected("SelfReference", "a ticket cannot be merged into itself"));
      if (ticket.status === "closed") return closed(ticket);
      return ok([{ type: "Merged", ...base, into: ctx.other }]);
    case "LogTime": {
      const agentId = command.agentId ?? (by.kind === "agent" ? by.id : undefined);
      if (agentId === undefined) return no(rejected("UnknownReference", "time must be logged for an agent (agentId)", { field: "agentId", id: "" }));
      if (ctx.refs) {
        const member = memberOf(ctx.refs, ticket.serviceId, agentId, "agentId");
        if (member instanceof CommandRejected) return no(member);
      }
      const rate = command.rateCentsPerHour ?? ctx.defaultRateCentsPerHour ?? 0;
      const costCents = command.billable ? Math.round((command.minutes * rate) / 60) : 0;
      return ok([{
        type: "TimeLogged", ...base, agentId, minutes: command.minutes, billable: command.billable,
        rateCentsPerHour: rate, costCents, note: command.note ?? null,
      }]);
    }
    case "Rate": {
      if (by.kind !== "contact" || by.id !== ticket.requesterId) {
        return no(rejected("NotRequester", `only the requester of ${ticket.number} may rate it`, { field: "actor", id: by.kind === "system" ? by.name : by.id }));
      }
      if (ticket.status !== "resolved" && ticket.status !== "closed") {
        return no(rejected("NotResolved", `ticket ${ticket.number} can be rated once resolved`));
      }
      if (ticket.rating !== null) {
        const hours = ctx.service.settings.ratingWindowHours ?? 24;
        const first = ctx.firstRatedAt;
        if (first === undefined || at - first > hours * HOUR || hours === 0) {
          return no(rejected("RatingWindowExpired", hours === 0
            ? `ticket ${ticket.number} is already rated and service ${ticket.serviceId} does not allow changing a rating`
            : `ticket ${ticket.number} was first rated more than ${hours} hours ago; the rating can no longer change`));
        }
      }
      return ok([{ type: "Rated", ...base, score: command.score, comment: command.comment ?? null }]);
    }
    case "HandOff":
      if (ticket.status !== "closed") return no(rejected("NotClosed", `only a closed ticket can be handed off; ${ticket.number} is ${ticket.status}`));
      if (command.toServiceId === ticket.serviceId) return no(rejected("SameService", "hand off to another service"));
      if (!ctx.other) return no(rejected("UnknownReference", "the receiving ticket was not opened"));
      return ok([{ type: "HandedOff", ...base, to: ctx.other, reason: command.reason ?? null }]);
  }
}

function open(command: CommandOf<"OpenTicket">, ticket: Ticket | undefined, ctx: DecideContext): Decision {
  if (ticket !== undefined) return no(rejected("AlreadyExists", `ticket ${ticket.number} already exists`));
  if (!ctx.opening) return no(rejected("UnknownReference", "no ticket number was allocated"));
  const impact = command.impact ?? null;
  const urgency = command.urgency ?? null;
  const priority = command.priority ??
    (impact !== null && urgency !== null ? priorityFromMatrix(impact, urgency, matrixOf(ctx)) : ctx.service.settings.defaultPriority);
  const opened: EventOf<"TicketOpened"> = {
    type: "TicketOpened", at: ctx.now, by: ctx.actor,
    ticketId: ctx.opening.ticketId, serviceId: command.serviceId, number: ctx.opening.number,
    subject: command.subject, description: command.description ?? "", ticketType: command.ticketType ?? "incident",
    category: command.category ?? null, channel: command.channel, priority, impact, urgency,
    requesterId: command.requesterId, organizationId: command.organizationId ?? null,
    tags: normaliseTags(command.tags ?? []), customFields: command.customFields ?? {},
    handedOffFrom: ctx.opening.handedOffFrom ?? null,
  };
  const events: TicketEvent[] = [opened];
  // The opening request is the first customer message, so message-id idempotency covers it too.
  if (command.description !== undefined || command.externalId !== undefined) {
    events.push({
      type: "MessageAdded", at: ctx.now, by: ctx.actor, messageId: ctx.newId() as MessageId, kind: "customer",
      channel: command.channel, subject: command.subject, body: command.description ?? "",
      externalId: command.externalId ?? null, automatic: false,
    });
  }
  return ok(events);
}

function addMessage(command: CommandOf<"AddMessage">, ticket: Ticket, ctx: DecideContext): Decision {
  if (ticket.status === "closed") return closed(ticket);
  const automatic = command.automatic ?? false;
  const message: TicketEvent = {
    type: "MessageAdded", at: ctx.now, by: ctx.actor, messageId: ctx.newId() as MessageId, kind: command.kind,
    channel: command.channel ?? ticket.channel, subject: command.subject ?? null, body: command.body,
    externalId: command.externalId ?? null, automatic,
  };
  const events: TicketEvent[] = [message];
  if (command.kind === "customer" && !automatic) {
    // A customer's answer ends the wait for them; on a resolved ticket it reopens it (within the window).
    if (ticket.status === "pending-customer") events.push(statusChange(ticket, "open", "customer replied", ctx));
    if (ticket.status === "resolved") {
      const r = reopen(ticket, ctx, "customer replied");
      if (Result.isFailure(r)) return r;
      events.push(...r.success);
    }
  }
  if (command.kind === "reply" && ticket.status === "new") events.push(statusChange(ticket, "open", "agent replied", ctx));
  return ok(events);
}

function updateFields(command: CommandOf<"UpdateFields">, ticket: Ticket, ctx: DecideContext): Decision {
  if (ticket.status === "closed") return closed(ticket);
  let tags = command.tags !== undefined ? normaliseTags(command.tags) : ticket.tags;
  if (command.addTags) tags = normaliseTags([...tags, ...command.addTags]);
  if (command.removeTags) {
    const drop = new Set(normaliseTags(command.removeTags));
    tags = tags.filter((t) => !drop.has(t));
  }
  const change: Record<string, unknown> = {};
  if (command.subject !== undefined && command.subject !== ticket.subject) change.subject = command.subject;
  if (command.category !== undefined && command.category !== ticket.category) change.category = command.category;
  if (command.ticketType !== undefined && command.ticketType !== ticket.type) change.ticketType = command.ticketType;
  if (tags.join("\u0000") !== ticket.tags.join("\u0000")) change.tags = tags;
  if (command.customFields !== undefined) {
    // A plain loop: imports send ~30 fields per row, and entries/fromEntries allocated a pair per field.
    let changed: Record<string, unknown> | undefined;
    for (const k of Object.keys(command.customFields)) {
      const v = command.customFields[k];
      if (ticket.customFields[k] === v) continue;
      changed ??= {};
      // A field named "__proto__" stays an own field (as with fromEntries), not the prototype.
      if (k === "__proto__") Object.defineProperty(changed, k, { value: v, enumerable: true, writable: true, configurable: true });
      else changed[k] = v;
    }
    if (changed !== undefined) change.customFields = changed;
  }
  if (Object.keys(change).length === 0) return ok([]);
  return ok([{ type: "FieldsChanged", at: ctx.now, by: ctx.actor, ...change } as EventOf<"FieldsChanged">]);
}

function reopen(ticket: Ticket, ctx: DecideContext, reason: string | null): Decision {
  if (ticket.status !== "resolved") {
    return no(new Illegal({ message: `only a resolved ticket can be reopened; ${ticket.number} is ${ticket.status}`, from: ticket.status, to: "open" }));
  }
  const window = ctx.service.settings.reopenWindowDays * DAY;
  if (ticket.resolvedAt !== null && ctx.now - ticket.resolvedAt > window) {
    return no(rejected("ReopenWindowExpired", `ticket ${ticket.number} was resolved more than ${ctx.service.settings.reopenWindowDays} days ago`));
  }
  return ok([{ type: "Reopened", at: ctx.now, by: ctx.actor, reason }]);
}

const statusChange = (ticket: Ticket, to: Ticket["status"], reason: string | null, ctx: DecideContext, publicReason = false): TicketEvent =>
  ({ type: "StatusChanged", at: ctx.now, by: ctx.actor, from: ticket.status, to, reason, ...(publicReason ? { publicReason: true } : {}) });

const matrixOf = (ctx: DecideContext) => ctx.service.settings.priorityMatrix ?? defaultPriorityMatrix;

// Without directory facts (a replay of a trusted log) references are taken as given.
const checkedGroup = (ctx: DecideContext, ticket: Ticket, groupId: GroupId, field: string): Group | undefined | CommandRejected =>
  ctx.refs ? groupOf(ctx.refs, ticket.serviceId, groupId, field) : undefined;

const checkedHolder = (ctx: DecideContext, ticket: Ticket, agentId: AgentId, group: Group | undefined, field: string) =>
  ctx.refs ? holderOf(ctx.refs, ticket.serviceId, agentId, group, ctx.now, field) : undefined;

const withSubstitution = (reason: string | null, substitution: string | null): string | null =>
  substitution === null ? reason : reason === null ? substitution : `${reason}; ${substitution}`;

const closed = (ticket: Ticket): Decision => no(rejected("TicketClosed", `ticket ${ticket.number} is closed`));

/** Tags are trimmed, lower-cased, unique and sorted, so equal sets compare equal. @example normaliseTags([" VPN", "urgent", "vpn"]) // ["urgent", "vpn"] */
export const normaliseTags = (tags: ReadonlyArray<string>): ReadonlyArray<string> =>
  [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0))].sort();
