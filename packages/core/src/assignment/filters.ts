import type { AgentId, Timestamp } from "../ids/ids";
import { absenceAt, type Agent, type Group } from "../service/schema";
import type { AssignmentFilter, Candidate } from "./candidate";

/**
 * Open tickets held by each agent (a record, or the Map `store.openTicketCounts` returns); a missing agent holds none.
 * @example
 * const openCounts: Assignment.OpenCounts = { "ag-ana": 4, "ag-tom": 1 } // or the Map store.openTicketCounts returns
 */
export type OpenCounts = Readonly<Record<string, number>> | ReadonlyMap<string, number>;

/** The open tickets an agent holds. @example openOf(new Map([["ag-1", 3]]), "ag-1") // 3 */
export const openOf = (counts: OpenCounts, agentId: string): number =>
  (counts instanceof Map ? (counts as ReadonlyMap<string, number>).get(agentId) : (counts as Readonly<Record<string, number>>)[agentId]) ?? 0;

const iso = (t: Timestamp): string => new Date(t).toISOString();

/**
 * Keeps the members of the group (and substitutes standing in for members); everyone else is dropped.
 * @example inGroup(group)(agents.map((agent) => ({ agent, standsInFor: null })), now)
 */
export const inGroup =
  (group: Group): AssignmentFilter =>
  (candidates) => {
    const members = new Set<string>(group.members);
    const kept = candidates.filter((c) => members.has(c.standsInFor ?? c.agent.id));
    const dropped = candidates.length - kept.length;
    return {
      kept,
      notes: [`group ${group.id} has ${kept.length} member(s)${dropped > 0 ? ` (${dropped} non-member(s) skipped)` : ""}`],
    };
  };

/**
 * Keeps agents who have every required skill.
 * @example hasSkills(["french", "billing"])
 */
export const hasSkills =
  (skills: ReadonlyArray<string>): AssignmentFilter =>
  (candidates) => {
    if (skills.length === 0) return { kept: candidates, notes: [] };
    const notes: Array<string> = [];
    const kept = candidates.filter((c) => {
      const missing = skills.filter((s) => !c.agent.skills.includes(s));
      if (missing.length > 0) notes.push(`${c.agent.id} lacks skill(s): ${missing.join(", ")}`);
      return missing.length === 0;
    });
    return { kept, notes };
  };

/**
 * Keeps agents who are working at the instant, as the given shift check says (usually their calendar).
 * @example onShift((agent, now) => isOpenAt(calendars[agent.calendarId], now))
 */
export const onShift =
  (isWorking: (agent: Agent, now: Timestamp) => boolean): AssignmentFilter =>
  (candidates, now) => {
    const notes: Array<string> = [];
    const kept = candidates.filter((c) => {
      const working = isWorking(c.agent, now);
      if (!working) notes.push(`${c.agent.id} is off shift at ${iso(now)}`);
      return working;
    });
    return { kept, notes };
  };

const presentSubstitute = (
  absent: Agent,
  byId: ReadonlyMap<string, Agent>,
  now: Timestamp,
): { readonly agent: Agent | undefined; readonly trail: ReadonlyArray<string> } => {
  const trail: Array<string> = [];
  const seen = new Set<string>([absent.id]);
  let current = absent;
  // Follows a chain of substitutes (the substitute may be away too), never looping.
  for (;;) {
    const subId = absenceAt(current, now)?.substituteId;
    if (subId === undefined || seen.has(subId)) return { agent: undefined, trail };
    seen.add(subId);
    const sub = byId.get(subId);
    if (sub === undefined) {
      trail.push(`substitute ${subId} is unknown`);
      return { agent: undefined, trail };
    }
    if (absenceAt(sub, now) === undefined) return { agent: sub, trail };
    trail.push(`substitute ${sub.id} is absent too`);
    current = sub;
  }
};

/**
 * Drops agents who are away (vacation, illness…) and puts their present substitute in their place;
 * the substitute still has to pass the filters that follow. Never lists one agent twice.
 * @example notAbsent(allAgents)(candidates, now)
 */
export const notAbsent =
  (agents: ReadonlyArray<Agent>): AssignmentFilter =>
  (candidates, now) => {
    const byId = new Map<string, Agent>(agents.map((a) => [a.id, a]));
    const notes: Array<string> = [];
    const out: Array<Candidate> = [];
    for (const c of candidates) {
      const absence = absenceAt(c.agent, now);
      if (absence === undefined) {
        out.push(c);
        continue;
      }
      const away = `${c.agent.id} is absent (${absence.reason} until ${iso(absence.to)})`;
      const { agent: sub, trail } = presentSubstitute(c.agent, byId, now);
      if (sub === undefined) {
        notes.push([away, ...trail, "no substitute takes over"].join("; "));
        continue;
      }
      notes.push([away, ...trail, `substitute ${sub.id} stands in`].join("; "));
      out.push({ agent: sub, standsInFor: c.standsInFor ?? c.agent.id });
    }
    // An agent who is both a member and a substitute (or substitutes twice) keeps one place: their own if any.
    const kept: Array<Candidate> = [];
    const seen = new Set<AgentId>();
    for (const c of [...out].sort((a, b) => Number(a.standsInFor !== null) - Number(b.standsInFor !== null))) {
      if (seen.has(c.agent.id)) continue;
      seen.add(c.agent.id);
      kept.push(c);
    }
    return { kept: out.filter((c) => kept.includes(c)), notes };
  };

/**
 * Keeps agents holding fewer open tickets than their capacity (no capacity means unlimited).
 * @example underCapacity({ "ag-1": 4, "ag-2": 0 })
 */
export const underCapacity =
  (openCounts: OpenCounts): AssignmentFilter =>
  (candidates) => {
    const notes: Array<string> = [];
    const kept = candidates.filter((c) => {
      const open = openOf(openCounts, c.agent.id);
      const cap = c.agent.capacity;
      if (cap !== undefined && open >= cap) {
        notes.push(`${c.agent.id} is at capacity (${open}/${cap} open)`);
        return false;
      }
      return true;
    });
    return { kept, notes };
  };
