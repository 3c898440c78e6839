import type { AgentId, GroupId, Timestamp } from "../ids/ids";
import type { LastAssigned } from "../assignment/choosers";
import type { OpenCounts } from "../assignment/filters";

type Counts = Readonly<Record<string, number>>;

/**
 * The agents' load as the simulation replays tickets in opening order: the starting counts plus
 * every simulated assignment whose ticket (historically) was not yet resolved. Never mutates its inputs.
 */
export class ReplayLoad {
  private readonly holds = new Map<string, Array<Timestamp>>();
  private readonly last = new Map<string, Timestamp>();
  private readonly cursors = new Map<string, AgentId>();

  constructor(
    private readonly base: OpenCounts,
    lastAssigned: LastAssigned,
    cursors: Readonly<Record<string, AgentId>>,
  ) {
    for (const [k, v] of Object.entries(lastAssigned)) this.last.set(k, v);
    for (const [k, v] of Object.entries(cursors)) this.cursors.set(k, v);
  }

  /** Open tickets per agent at `now`. */
  openCounts(now: Timestamp): Counts {
    const counts: Record<string, number> = this.base instanceof Map ? Object.fromEntries(this.base) : { ...(this.base as Counts) };
    for (const [agent, until] of this.holds) counts[agent] = (counts[agent] ?? 0) + until.filter((u) => u > now).length;
    return counts;
  }

  lastAssigned(): LastAssigned {
    return Object.fromEntries(this.last);
  }

  cursor(groupId: GroupId): AgentId | null {
    return this.cursors.get(groupId) ?? null;
  }

  /** Records a simulated assignment held until `until` (the ticket's historical resolution, or forever). */
  assigned(agentId: AgentId, at: Timestamp, until: Timestamp, groupId: GroupId, cursor: AgentId | undefined): void {
    this.holds.set(agentId, [...(this.holds.get(agentId) ?? []), until]);
    this.last.set(agentId, at);
    if (cursor !== undefined) this.cursors.set(groupId, cursor);
  }
}
