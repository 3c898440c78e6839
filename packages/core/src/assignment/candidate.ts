import type { Agent } from "../service/schema";
import type { AgentId, Timestamp } from "../ids/ids";

/**
 * An agent still in the running, and the absent member whose place they take (if a substitute).
 * @example const c: Candidate = { agent, standsInFor: null }
 */
export interface Candidate {
  readonly agent: Agent;
  /** The absent group member this agent substitutes for, or `null` when the agent is there in their own right. */
  readonly standsInFor: AgentId | null;
}

/**
 * The members left after a filter, with one line of explanation per decision it made.
 * @example
 * const result: FilterResult = { kept: candidates, notes: ["nobody absent"] }
 */
export interface FilterResult {
  readonly kept: ReadonlyArray<Candidate>;
  readonly notes: ReadonlyArray<string>;
}

/**
 * One stage of the assignment pipeline: keeps some candidates and says why it dropped the others.
 * @example
 * const onlySenior: AssignmentFilter = (candidates) => ({ kept: candidates.filter((c) => c.agent.skills.includes("senior")), notes: ["kept senior agents"] })
 */
export type AssignmentFilter = (candidates: ReadonlyArray<Candidate>, now: Timestamp) => FilterResult;

/**
 * The agent a chooser picked (or `null`), why, and the round-robin cursor to persist when it moved.
 * @example
 * const choice: Choice = { chosen: candidates[0] ?? null, note: "first in slot order" }
 */
export interface Choice {
  readonly chosen: Candidate | null;
  readonly note: string;
  readonly cursor?: AgentId;
}

/**
 * Picks one candidate among those that passed every filter.
 * @example
 * const firstInSlotOrder: Chooser = (candidates) => ({ chosen: [...candidates].sort(bySlot)[0] ?? null, note: "first in slot order" })
 */
export type Chooser = (candidates: ReadonlyArray<Candidate>) => Choice;

/**
 * The round-robin slot a candidate occupies: its own id, or the absent member's id when substituting.
 * @example
 * slotOf(candidate) // the absent member's id when the candidate stands in for them, else its own
 */
export const slotOf = (c: Candidate): AgentId => c.standsInFor ?? c.agent.id;

/**
 * Orders candidates by slot then id so every chooser breaks ties the same way.
 * @example
 * [...candidates].sort(bySlot) // the order every chooser breaks ties in
 */
export const bySlot = (a: Candidate, b: Candidate): number =>
  compareIds(slotOf(a), slotOf(b)) || compareIds(a.agent.id, b.agent.id);

/**
 * Code-unit comparison of two ids, independent of the host locale.
 * @example
 * ["ag-b", "ag-a"].sort(compareIds) // ["ag-a", "ag-b"], whatever the host locale
 */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
