import type { ServiceId } from "../ids/ids";
import type { Agent, Service } from "../service/schema";

/** Why a directory change was refused: the document field it names and what the actor lacks. */
export interface DirectoryRefusal {
  readonly field: string;
  readonly message: string;
}

/** The fields of an agent every service they belong to relies on: who they are and how they work. */
export const sharedAgentFields = ["name", "email", "skills", "capacity", "absences", "calendarId"] as const;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The agent an actor administering `administers` may write, given the stored agent and the proposed one.
 * Memberships in services the actor does not administer are taken from the stored agent: a document
 * that leaves them out keeps them (its author cannot see them, so leaving them out is not a request),
 * and one that adds, changes or removes one by naming it differently is refused, naming the field.
 * The shared fields (`sharedAgentFields`) of an agent who belongs to a service the actor does not
 * administer stay as stored unless the document repeats them exactly; a change is refused. Pure.
 * @example agentChange(new Set(["svc-a"]), stored, proposed) // Agent, or { field: "email", message: "…" }
 */
export const agentChange = (
  administers: ReadonlySet<ServiceId>,
  stored: Agent | undefined,
  proposed: Agent,
): Agent | DirectoryRefusal => {
  const storedMemberships = stored?.memberships ?? [];
  for (const [i, m] of proposed.memberships.entries()) {
    if (administers.has(m.serviceId)) continue;
    const kept = storedMemberships.find((s) => s.serviceId === m.serviceId);
    if (kept === undefined || kept.role !== m.role) {
      return { field: `memberships.${i}`, message: `only an admin of service ${m.serviceId} (or the system) may ${kept === undefined ? "add a membership in" : "change the role in"} it` };
    }
  }
  const outside = storedMemberships.filter((m) => !administers.has(m.serviceId));
  if (stored !== undefined && outside.length > 0) {
    for (const field of sharedAgentFields) {
      if (!same(stored[field], proposed[field])) {
        return { field, message: `agent ${stored.id} also belongs to ${outside.map((m) => m.serviceId).join(", ")}: only an admin of every one of their services (or the system) may change it` };
      }
    }
  }
  const mine = proposed.memberships.filter((m) => administers.has(m.serviceId));
  return { ...proposed, memberships: [...outside, ...mine] };
};

/**
 * What a non-system actor may not change on a service it administers: the contact list (which decides
 * whose contacts its staff read and write). A key another service uses is refused for everyone, the
 * system included, by the Desk's own check. Pure; `undefined` when the change is allowed.
 * @example serviceChangeRefusal(stored, { ...stored, contactListId: "cl-other" }) // { field: "contactListId", … }
 */
export const serviceChangeRefusal = (stored: Service, proposed: Service): DirectoryRefusal | undefined =>
  proposed.contactListId !== stored.contactListId
    ? { field: "contactListId", message: "only the system may move a service to another contact list" }
    : undefined;
