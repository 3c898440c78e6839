import * as Effect from "effect/Effect";
import type { Principal } from "../auth/authorize";
import type { AgentId } from "../ids/ids";
import { absenceAt, type Agent, type Group, type Service } from "../service/schema";
import type { Store } from "../store/port";
import type { Command } from "../ticket/commands";
import type { TicketEvent } from "../ticket/events";
import { namedReferences, type ReferenceFacts } from "../ticket/references";
import type { DeskError } from "./errors";
import { storeCall } from "./store-call";

/**
 * Loads the directory entries a command names, for `decide` to check: its groups (looked up in the
 * service, so another service's group is simply absent), its agents, and the substitute of an agent
 * who is away at `now`. A command that names nothing costs no read; the acting agent is reused.
 * @example const refs = yield* referenceFactsOf(store, service, command, principal, now)
 */
export const referenceFactsOf = (store: Store, service: Service, command: Command, principal: Principal, now: number): Effect.Effect<ReferenceFacts, DeskError> =>
  Effect.gen(function* () {
    const acting = principal.kind === "agent" ? principal.agent : undefined;
    const named = namedReferences(command, acting?.id);
    const groups: Group[] = [];
    for (const id of named.groupIds) {
      const group = yield* storeCall(() => store.getGroup(service.id, id));
      if (group) groups.push(group);
    }
    const agents: Agent[] = [];
    const load = (id: AgentId) =>
      acting?.id === id ? Effect.succeed<Agent | undefined>(acting) : storeCall(() => store.getAgent(id));
    for (const id of named.agentIds) {
      const agent = yield* load(id);
      if (!agent) continue;
      agents.push(agent);
      const substituteId = absenceAt(agent, now)?.substituteId;
      if (substituteId !== undefined && !agents.some((a) => a.id === substituteId)) {
        const substitute = yield* load(substituteId);
        if (substitute) agents.push(substitute);
      }
    }
    return { groups, agents };
  });

/**
 * When a ticket was first rated, from its history (the start of the window for a new rating).
 * @example firstRatedAt(history) // 1767225600000, or undefined when never rated
 */
export const firstRatedAt = (history: ReadonlyArray<TicketEvent>): number | undefined =>
  history.find((e) => e.type === "Rated")?.at;
