import type { ContactId, ContactListId, ServiceId } from "../ids/ids";
import { type Agent, defaultHandOffRoles, type Role } from "../service/schema";

/**
 * Everything an actor may try to do.
 * @example
 * authorize(principal, "ticket.merge" satisfies Action, { serviceId })
 */
export type Action =
  | "ticket.read"
  | "ticket.create"
  | "ticket.reply"
  | "ticket.note"
  | "ticket.update"
  | "ticket.log-time"
  | "ticket.rate"
  | "ticket.merge"
  | "ticket.hand-off"
  | "report.run"
  | "report.sql"
  | "service.configure";

/**
 * An actor resolved against the directory: who they are and what they belong to.
 * @example
 * const principal: Principal = { kind: "contact", contactId: ContactId("c-carla"), contactListId: ContactListId("cl-customers") }
 */
export type Principal =
  | { readonly kind: "agent"; readonly agent: Agent }
  | { readonly kind: "contact"; readonly contactId: ContactId; readonly contactListId: ContactListId }
  | { readonly kind: "system"; readonly name: string };

/**
 * What an action is performed on: a service, and for tickets their requester.
 * @example
 * authorize(principal, "ticket.read", { serviceId, contactListId: service.contactListId, requesterId: ticket.requesterId } satisfies Resource)
 */
export interface Resource {
  readonly serviceId: ServiceId;
  /** The contact list the service uses (for contacts opening tickets). */
  readonly contactListId?: ContactListId;
  /** The ticket's requester, when the resource is a ticket. */
  readonly requesterId?: ContactId;
  /** The roles the service lets hand off (its `handOffRoles` setting); default agent, lead, admin. */
  readonly handOffRoles?: ReadonlyArray<Role>;
}

/**
 * The outcome of an authorisation check.
 * @example
 * const decision: AuthDecision = authorize(principal, "ticket.reply", { serviceId })
 * if (!decision.allowed) console.error(decision.reason)
 */
export type AuthDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const rolePermissions: Readonly<Record<Role, ReadonlyArray<Action>>> = {
  viewer: ["ticket.read"],
  agent: ["ticket.read", "ticket.create", "ticket.reply", "ticket.note", "ticket.update", "ticket.log-time"],
  lead: ["ticket.read", "ticket.create", "ticket.reply", "ticket.note", "ticket.update", "ticket.log-time", "ticket.merge", "report.run"],
  admin: [
    "ticket.read", "ticket.create", "ticket.reply", "ticket.note", "ticket.update", "ticket.log-time",
    "ticket.merge", "report.run", "report.sql", "service.configure",
  ],
};

const contactPermissions: ReadonlyArray<Action> = ["ticket.read", "ticket.create", "ticket.reply", "ticket.rate"];

/** The role an agent holds in a service, if any. @example roleIn(agent, "svc-support") // "agent" */
export const roleIn = (agent: Agent, serviceId: ServiceId): Role | undefined =>
  agent.memberships.find((m) => m.serviceId === serviceId)?.role;

/**
 * Decides whether a principal may perform an action on a resource. Pure.
 * Agents act only in services they belong to, by role (hand-off by the roles the service lists); contacts only on their own tickets,
 * in services whose contact list holds them; the system may do everything.
 * @example authorize({ kind: "agent", agent }, "ticket.read", { serviceId }).allowed
 */
export function authorize(principal: Principal, action: Action, resource: Resource): AuthDecision {
  switch (principal.kind) {
    case "system":
      return { allowed: true };
    case "agent": {
      const role = roleIn(principal.agent, resource.serviceId);
      if (role === undefined) return { allowed: false, reason: `agent ${principal.agent.id} is not a member of service ${resource.serviceId}` };
      // Who may hand off is the service's choice, not a fixed row of the role table.
      if (action === "ticket.hand-off") {
        return (resource.handOffRoles ?? defaultHandOffRoles).includes(role)
          ? { allowed: true }
          : { allowed: false, reason: `role ${role} may not ticket.hand-off in service ${resource.serviceId}` };
      }
      return rolePermissions[role].includes(action)
        ? { allowed: true }
        : { allowed: false, reason: `role ${role} may not ${action}` };
    }
    case "contact": {
      if (!contactPermissions.includes(action)) return { allowed: false, reason: `contacts may not ${action}` };
      if (resource.contactListId !== undefined && resource.contactListId !== principal.contactListId) {
        return { allowed: false, reason: `contact ${principal.contactId} is not in this service's contact list` };
      }
      if (action !== "ticket.create" && resource.requesterId !== principal.contactId) {
        return { allowed: false, reason: `contact ${principal.contactId} may only see their own tickets` };
      }
      return { allowed: true };
    }
  }
}
