import type { Actor } from "../auth/actor";
import type { Timestamp } from "../ids/ids";
import { TRANSFER_ACTOR } from "../routing/transfer";
import type { CommandType } from "../ticket/commands";
import type { TicketEvent } from "../ticket/events";

/**
 * The system actors whose events the Desk's own hooks and sweeps write; a replay writes them again.
 * @example
 * Simulation.AUTOMATION_ACTORS.has("routing") // true: a replay writes routing's events again
 */
export const AUTOMATION_ACTORS: ReadonlySet<string> = new Set(["routing", "sla", "deadline", "escalation"]);

/** Whether the Desk's automation (routing, SLA, deadline hooks; escalation sweeps) wrote this event. @example isAutomation(e) */
export const isAutomation = (e: TicketEvent): boolean => e.by.kind === "system" && AUTOMATION_ACTORS.has(e.by.name);

/**
 * One write to a ticket's stream as the live Desk made it: a command's events (people's, or a
 * system's such as an import or a transfer), what the hooks added, and events the host's own
 * hooks added after them; or, for `kind: "time"`, what a sweep recorded with no command.
 * @example
 * const change: Simulation.RecordedChange = { kind: "time", at: now, decided: [], automation: [breach], host: [] } // what a sweep wrote
 */
export interface RecordedChange {
  readonly kind: "command" | "time";
  readonly at: Timestamp;
  /** The command's events (empty for a sweep). */
  readonly decided: ReadonlyArray<TicketEvent>;
  /** The events the Desk's automation added. */
  readonly automation: ReadonlyArray<TicketEvent>;
  /** Events of other system actors written in the same change after the automation's (the host's hooks). */
  readonly host: ReadonlyArray<TicketEvent>;
}

const ESCALATION_RANK = 4;
/** Where an automation event comes in one write: routing, SLA breaches, SLA summary, deadline; escalation only in sweeps. */
const rank = (e: TicketEvent): number => {
  const name = e.by.kind === "system" ? e.by.name : "";
  if (name === "routing") return 0;
  if (name === "sla") return e.type === "SlaBreached" ? 1 : 2;
  return name === "deadline" ? 3 : ESCALATION_RANK;
};

const sameActor = (a: Actor, b: Actor): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The Desk's own follow-up writes (a transfer's closing, a hand-off's opening) are changes of their own, not a hook's. */
const DESK_ACTORS: ReadonlySet<string> = new Set([TRANSFER_ACTOR, "hand-off"]);
const isHostHook = (by: Actor, commandBy: Actor | undefined): boolean =>
  by.kind === "system" && !DESK_ACTORS.has(by.name) && (commandBy === undefined || !sameActor(commandBy, by));

/**
 * Splits a history into the changes that wrote it. A change starts at a non-automation event
 * after automation, or at an event of another actor or instant; automation events with no
 * command before them at their instant are a sweep's. Pure.
 * @example changesOf(history).map((c) => c.kind) // ["command", "command", "time", "command"]
 */
export function changesOf(history: ReadonlyArray<TicketEvent>): ReadonlyArray<RecordedChange> {
  const out: Array<{ kind: "command" | "time"; at: Timestamp; decided: TicketEvent[]; automation: TicketEvent[]; host: TicketEvent[] }> = [];
  for (const e of history) {
    const current = out.at(-1);
    if (isAutomation(e)) {
      const last = current?.automation.at(-1);
      // Hooks write in a fixed order (routing, SLA, deadline); a sweep's events (SLA, then escalation) after them start a change of their own.
      const sweepAfter = last !== undefined && (rank(e) < rank(last) || (current?.kind === "command" && rank(e) === ESCALATION_RANK));
      if (current !== undefined && current.at === e.at && current.host.length === 0 && !sweepAfter) current.automation.push(e);
      else out.push({ kind: "time", at: e.at, decided: [], automation: [e], host: [] });
      continue;
    }
    const first = current?.decided[0];
    // One command never decides two events of a type, so a repeated type is the next command of the same actor at the same instant.
    if (current !== undefined && current.at === e.at && current.automation.length === 0 && first !== undefined && sameActor(first.by, e.by)
      && !current.decided.some((d) => d.type === e.type)) {
      current.decided.push(e);
    } else if (current !== undefined && current.at === e.at && current.automation.length > 0 && isHostHook(e.by, first?.by)) {
      current.host.push(e);
    } else {
      out.push({ kind: "command", at: e.at, decided: [e], automation: [], host: [] });
    }
  }
  return out;
}

const commandTypes: Partial<Record<TicketEvent["type"], CommandType>> = {
  TicketOpened: "OpenTicket", MessageAdded: "AddMessage", Assigned: "Assign", Transferred: "Transfer", PriorityChanged: "ChangePriority",
  FieldsChanged: "UpdateFields", StatusChanged: "ChangeStatus", Reopened: "Reopen", Linked: "Link", Merged: "Merge", TimeLogged: "LogTime",
  Rated: "Rate", HandedOff: "HandOff",
};

/** The type of command that decided a change's events, as far as its first event tells. @example commandTypeOf([opened]) // "OpenTicket" */
export const commandTypeOf = (decided: ReadonlyArray<TicketEvent>): CommandType | undefined =>
  decided[0] === undefined ? undefined : commandTypes[decided[0].type];
