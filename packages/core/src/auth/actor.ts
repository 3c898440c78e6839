import * as Schema from "effect/Schema";
import { AgentId, ContactId, ContactListId } from "../ids/ids";

/**
 * Who is acting: an agent, a contact (customer), or the system (automation, imports).
 * @example const actor: Actor = { kind: "agent", id: AgentId.make("ag-1") }
 */
export const Actor = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("agent"), id: AgentId }),
  Schema.Struct({
    kind: Schema.Literal("contact"),
    id: ContactId,
    /**
     * The contact list the host signed this person in from. Contact ids are unique within a list, not
     * across lists: when given, the Desk refuses the contact in every service on another list.
     */
    contactListId: Schema.optionalKey(ContactListId),
  }),
  Schema.Struct({ kind: Schema.Literal("system"), name: Schema.String }),
]);
export type Actor = typeof Actor.Type;

/** The system actor used by automation (routing, SLA, escalation). */
export const systemActor = (name = "spoc"): Actor => ({ kind: "system", name });

/** A readable label for an actor, for timelines and logs. */
export const actorLabel = (actor: Actor): string =>
  actor.kind === "system" ? `system:${actor.name}` : `${actor.kind}:${actor.id}`;
