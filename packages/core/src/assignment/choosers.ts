import type { AgentId, Timestamp } from "../ids/ids";
import { bySlot, compareIds, slotOf, type Candidate, type Chooser } from "./candidate";
import { openOf, type OpenCounts } from "./filters";

/**
 * When each agent was last given a ticket; an agent missing from the record never was.
 * @example
 * const lastAssigned: Assignment.LastAssigned = { "ag-ana": Date.parse("2026-03-02T09:00:00Z") } // ag-tom never got one
 */
export type LastAssigned = Readonly<Record<string, Timestamp>>;

/**
 * Round robin over slots ordered by agent id: picks the first slot after the cursor (the slot
 * picked last time), wrapping around, and returns that slot as the new cursor. Ordering by id
 * rather than by membership order keeps the turn stable when members join or leave.
 * A substitute takes the turn of the member they stand in for.
 * @example roundRobin("ag-2")(candidates) // { chosen: <ag-3>, cursor: "ag-3", … }
 */
export const roundRobin =
  (cursor: AgentId | null): Chooser =>
  (candidates) => {
    const sorted = [...candidates].sort(bySlot);
    const first = sorted[0];
    if (first === undefined) return { chosen: null, note: "round robin: no eligible agent" };
    const next = cursor === null ? first : (sorted.find((c) => compareIds(slotOf(c), cursor) > 0) ?? first);
    const slot = slotOf(next);
    const as = next.standsInFor === null ? "" : ` (standing in for ${next.standsInFor})`;
    return {
      chosen: next,
      cursor: slot,
      note: `round robin: ${next.agent.id}${as} is next after ${cursor ?? "the start"}`,
    };
  };

const lastOf = (last: LastAssigned, c: Candidate): number => last[c.agent.id] ?? Number.NEGATIVE_INFINITY;

/**
 * Picks the agent with the fewest open tickets; ties go to the least recently assigned, then by id.
 * @example fewestOpen({ "ag-1": 3, "ag-2": 1 })(candidates) // picks ag-2
 */
export const fewestOpen =
  (openCounts: OpenCounts, lastAssigned: LastAssigned = {}): Chooser =>
  (candidates) => {
    const open = (c: Candidate) => openOf(openCounts, c.agent.id);
    const chosen =
      [...candidates].sort((a, b) => open(a) - open(b) || lastOf(lastAssigned, a) - lastOf(lastAssigned, b) || bySlot(a, b))[0] ??
      null;
    return chosen === null
      ? { chosen, note: "fewest open: no eligible agent" }
      : { chosen, note: `fewest open: ${chosen.agent.id} holds ${open(chosen)} open ticket(s)` };
  };

/**
 * Picks the agent whose last assignment is oldest (never assigned comes first); ties by id.
 * @example leastRecentlyAssigned({ "ag-1": 1000, "ag-2": 500 })(candidates) // picks ag-2
 */
export const leastRecentlyAssigned =
  (lastAssigned: LastAssigned): Chooser =>
  (candidates) => {
    const chosen = [...candidates].sort((a, b) => lastOf(lastAssigned, a) - lastOf(lastAssigned, b) || bySlot(a, b))[0] ?? null;
    if (chosen === null) return { chosen, note: "least recent: no eligible agent" };
    const at = lastAssigned[chosen.agent.id];
    return {
      chosen,
      note: `least recent: ${chosen.agent.id} was last assigned ${at === undefined ? "never" : new Date(at).toISOString()}`,
    };
  };
