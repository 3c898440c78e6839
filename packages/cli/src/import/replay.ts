import {
  type Actor, type Command, decide, type DecideContext, type DeskHook, evolve, type FieldValue, runHooks, type Service, type Status,
  type Store, type Ticket, type TicketEvent, type TicketId,
} from "@spoc/core";
import * as Result from "effect/Result";
import { SOURCE_ID, SOURCE_ROW, SOURCE_STATE, type Mapping } from "./mapping";
import type { SourceIds } from "./source-ids";
import type { BadRow, SourceRow } from "./source-row";

/** A source row with its position among the rows of its ticket (0-based, file order). */
export interface IndexedRow {
  readonly row: SourceRow;
  readonly index: number;
}

/** What the replay needs besides the rows: the mapping, the service, an id maker and the Desk's hooks. */
export interface ReplayContext {
  readonly mapping: Mapping;
  readonly service: Service;
  readonly ids: SourceIds;
  readonly newId: () => string;
  /**
   * The hooks a Desk runs after every command (routing, SLA, deadlines: `Automation.standardHooks`),
   * run after every replayed command as after a live one. Empty when the service has no automation.
   */
  readonly hooks?: ReadonlyArray<DeskHook>;
  /** The store the hooks read their configuration and directory from (required with hooks). */
  readonly store?: Store;
  /** Told the ticket after every replayed command (what a live desk would have written by then); undefined: not opened. */
  readonly onChange?: (ticketId: TicketId, ticket: Ticket | undefined) => void;
}

/** A ticket already in the store: its projection and, when hooks run, its history. */
export interface ReplayStart {
  readonly ticket: Ticket;
  readonly history: ReadonlyArray<TicketEvent>;
}

/** The outcome of replaying one ticket's rows: events to append and the ticket they produce. */
export interface ReplayResult {
  readonly ticket: Ticket | undefined;
  readonly events: ReadonlyArray<TicketEvent>;
  /** Rows turned into events. */
  readonly applied: number;
  /** Rows an earlier import already recorded (nothing to do). */
  readonly alreadyImported: number;
  readonly skipped: ReadonlyArray<BadRow>;
}

/** The ticket id and number to open a new ticket with (allocated by the store). */
export interface Opening {
  readonly ticketId: TicketId;
  readonly number: string;
}

/**
 * Replays one ticket's source rows row by row: each row becomes the commands a desk user would
 * have issued, each command is decided by `decide` against the ticket folded in memory and then
 * goes through the Desk's hooks (routing, SLA, deadlines) at the row's time, exactly as a live
 * command would. A row that a command refuses is skipped whole (with its reason) and the ticket
 * stays as before it. Writes nothing: the caller appends the events.
 * @example const r = await replayRows(undefined, rows, ctx, () => ({ ticketId, number: "INC-000001" }))
 */
export async function replayRows(
  start: ReplayStart | Ticket | undefined,
  rows: ReadonlyArray<IndexedRow>,
  ctx: ReplayContext,
  allocate: () => Opening,
): Promise<ReplayResult> {
  const startTicket = start === undefined ? undefined : "ticket" in start ? start.ticket : start;
  const startHistory = start !== undefined && "ticket" in start ? start.history : [];
  const hooks = ctx.hooks ?? [];
  if (hooks.length > 0 && ctx.store === undefined) throw new Error("replayRows: hooks need the store they read from");
  let ticket = startTicket;
  const events: TicketEvent[] = [];
  const skipped: BadRow[] = [];
  let applied = 0;
  let alreadyImported = 0;
  const done = typeof startTicket?.customFields[SOURCE_ROW] === "number" ? (startTicket.customFields[SOURCE_ROW] as number) : -1;
  // spoc closes for good, so only the last row may close; an earlier close is replayed as resolved.
  const lastIndex = rows.length > 0 ? (rows[rows.length - 1] as IndexedRow).index : -1;
  // The history hooks see: the stored one (only read when hooks run), then this replay's events.
  const historyOf = (): ReadonlyArray<TicketEvent> => (startHistory.length === 0 ? events : startHistory.concat(events));
  for (const { row, index } of rows) {
    if (index <= done) {
      alreadyImported++;
      continue;
    }
    if (ticket?.status === "closed") {
      skipped.push({ line: row.line, reason: `ticket ${ticket.number} is already closed in spoc` });
      continue;
    }
    const before = ticket;
    const mark = events.length;
    let failure: string | undefined;
    let current = ticket;
    const run = async (command: Command, by: Actor, at: number, opening?: Opening): Promise<void> => {
      if (failure !== undefined) return;
      const dctx: DecideContext = { now: at, actor: by, service: ctx.service, newId: ctx.newId, ...(opening ? { opening } : {}) };
      const r = decide(command, current, dctx);
      if (Result.isFailure(r)) {
        failure = r.failure.message;
        return;
      }
      const prior = current;
      let after = current;
      for (const e of r.success) after = evolve(after, e);
      if (hooks.length === 0 || r.success.length === 0 || after === undefined) {
        events.push(...r.success);
        current = after;
        return;
      }
      try {
        const hooked = await runHooks(hooks, {
          service: ctx.service, before: prior, history: historyOf(), events: r.success, after, command, now: at, store: ctx.store as Store,
        });
        events.push(...hooked.events);
        current = hooked.after;
        ctx.onChange?.(hooked.after.id, hooked.after);
      } catch (e) {
        failure = (e as Error).message;
      }
    };
    if (ticket === undefined) {
      await run(openCommand(row, ctx), actorOf(row.openedBy ?? row.actor, ctx), row.openedAt ?? row.at, allocate());
    }
    const actor = actorOf(row.actor, ctx);
    if (current !== undefined) {
      for (const command of rowCommands(current, row, index, index === lastIndex, ctx, () => current as Ticket)) {
        await run(command, actor, row.at);
        if (failure !== undefined) break;
      }
    }
    if (failure !== undefined) {
      events.length = mark;
      if (current !== undefined) ctx.onChange?.(current.id, before);
      ticket = before;
      skipped.push({ line: row.line, reason: failure });
      continue;
    }
    ticket = current;
    applied++;
  }
  return { ticket, events, applied, alreadyImported, skipped };
}

const actorOf = (name: string | undefined, ctx: ReplayContext): Actor =>
  name === undefined ? { kind: "system", name: `import:${ctx.mapping.name}` } : { kind: "agent", id: ctx.ids.agent(name) };

/** The command that opens the ticket from its first row. */
export function openCommand(row: SourceRow, ctx: ReplayContext): Command {
  const { ids } = ctx;
  return {
    type: "OpenTicket",
    serviceId: ids.serviceId,
    subject: row.subject,
    channel: row.channel,
    requesterId: ids.contact(row.requester ?? ids.unknownRequester),
    ...(row.organization !== undefined ? { organizationId: ids.organization(row.organization) } : {}),
    ...(row.category !== undefined ? { category: row.category } : {}),
    ...(row.priority !== undefined ? { priority: row.priority } : {}),
    ...(row.impact !== undefined ? { impact: row.impact } : {}),
    ...(row.urgency !== undefined ? { urgency: row.urgency } : {}),
    customFields: { [SOURCE_ID]: row.key },
    externalId: ids.ticketExternalId(row.key),
  } as Command;
}

/**
 * The commands one row stands for, in order: record the row (its raw fields, state and index),
 * then priority, then group/agent, then status. Status steps follow spoc's workflow: a resolved
 * ticket that becomes active again is reopened; closing goes through resolved.
 * `now()` gives the ticket as the earlier commands of the row left it.
 */
export function* rowCommands(
  ticket: Ticket, row: SourceRow, index: number, isLast: boolean, ctx: ReplayContext, now: () => Ticket,
): Generator<Command> {
  const target = { serviceId: ctx.ids.serviceId, ticketId: ticket.id };
  const status = row.target.status === "closed" && !isLast ? "resolved" : row.target.status;
  const resolving = status === "resolved" || status === "closed";
  const customFields: Record<string, FieldValue> = { ...row.fields, [SOURCE_STATE]: row.state, [SOURCE_ROW]: index };
  if (resolving) Object.assign(customFields, row.atResolution);
  yield {
    type: "UpdateFields", ...target, customFields,
    ...(row.category !== undefined && row.category !== ticket.category ? { category: row.category } : {}),
  } as Command;
  const t1 = now();
  if ((row.priority !== undefined && row.priority !== t1.priority) || (row.impact !== undefined && row.impact !== t1.impact) ||
    (row.urgency !== undefined && row.urgency !== t1.urgency)) {
    yield {
      type: "ChangePriority", ...target,
      ...(row.priority !== undefined ? { priority: row.priority } : {}),
      ...(row.impact !== undefined ? { impact: row.impact } : {}),
      ...(row.urgency !== undefined ? { urgency: row.urgency } : {}),
    } as Command;
  }
  const t2 = now();
  const group = row.group !== undefined ? ctx.ids.group(row.group) : undefined;
  const agentName = row.target.takeBy ? row.actor : row.assignee;
  const agent = agentName !== undefined ? ctx.ids.agent(agentName) : undefined;
  if (group !== undefined && group !== t2.groupId) {
    yield t2.groupId === null
      ? ({ type: "Assign", ...target, groupId: group, ...(agent !== undefined ? { agentId: agent } : {}), reason: "imported" } as Command)
      : ({ type: "Transfer", ...target, toGroupId: group, ...(agent !== undefined ? { toAgentId: agent } : {}), reason: "group changed in the source log" } as Command);
  } else if (agent !== undefined && agent !== t2.assigneeId) {
    yield { type: "Assign", ...target, agentId: agent, reason: "imported" } as Command;
  }
  if (status === undefined) return;
  yield* statusSteps(now().status, status).map((s): Command =>
    s === "reopen"
      ? ({ type: "Reopen", ...target, reason: "active again in the source log" } as Command)
      : ({ type: "ChangeStatus", ...target, status: s, ...(row.target.reason !== undefined ? { reason: row.target.reason } : {}) } as Command));
}

/**
 * The workflow steps from one status to a source status: nothing when already there, a reopen
 * before leaving resolved for an active status, resolved before closed, and never back to new.
 * @example statusSteps("open", "closed") // ["resolved", "closed"]
 */
export function statusSteps(from: Status, to: Status): Array<Status | "reopen"> {
  if (from === to || from === "closed") return [];
  if (to === "closed") return from === "resolved" ? ["closed"] : ["resolved", "closed"];
  if (from === "resolved") {
    if (to === "new" || to === "open") return ["reopen"];
    return ["reopen", to];
  }
  if (to === "new") return [];
  return [to];
}
