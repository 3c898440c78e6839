import * as Schema from "effect/Schema";
import { AgentId, ContactId, ContactListId } from "../ids/ids";
import { decodeInput, InvalidInput } from "../validation/invalid-input";

const ActorSchema = Schema.Union([
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

/**
 * The actor of one kind: `ActorOf<"agent">` is what `Actor.agent(…)` returns.
 * @example
 * const agent: ActorOf<"agent"> = Actor.agent("ag-ana")
 */
export type ActorOf<K extends Actor["kind"]> = Extract<Actor, { readonly kind: K }>;

const checked = <K extends Actor["kind"]>(input: { readonly kind: K } & Record<string, unknown>): ActorOf<K> => {
  const actor = decodeInput(ActorSchema, input, "actor");
  if (actor instanceof InvalidInput) throw actor;
  return actor as ActorOf<K>;
};

/**
 * Who is acting: an agent, a contact (customer), or the system (automation, imports). The Schema, with a
 * checked constructor per kind; a bad id throws `InvalidInput` naming the field (`id`, `contactListId`).
 * @example
 * const ana = Actor.agent("ag-ana")
 * const carla = Actor.contact("c-1", { contactListId: "cl-1" })
 * const importer = Actor.system("import")
 */
export const Actor = Object.assign(ActorSchema, {
  /** An agent, by their agent id. */
  agent: (id: string): ActorOf<"agent"> => checked({ kind: "agent", id }),
  /** A contact, by their contact id; `contactListId` is the list the host signed them in from, if it knows it. */
  contact: (id: string, options: { readonly contactListId?: string } = {}): ActorOf<"contact"> =>
    checked({ kind: "contact", id, ...options }),
  /** The system (automation, imports, set-up scripts), under a name that timelines show (default "spoc"). */
  system: (name = "spoc"): ActorOf<"system"> => checked({ kind: "system", name }),
});
export type Actor = typeof ActorSchema.Type;

/**
 * The system actor used by automation (routing, SLA, escalation); the same as `Actor.system(name)`.
 * @example
 * await desk.execute(systemActor("nightly-import"), command, { at: Date.parse("2025-11-02T08:00:00Z") })
 */
export const systemActor = (name = "spoc"): Actor => ({ kind: "system", name });

/**
 * A readable label for an actor, for timelines and logs.
 * @example
 * actorLabel({ kind: "system", name: "import" }) // "system:import"
 */
export const actorLabel = (actor: Actor): string =>
  actor.kind === "system" ? `system:${actor.name}` : `${actor.kind}:${actor.id}`;
