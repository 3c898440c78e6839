import type { Principal } from "../auth/authorize";
import { roleIn } from "../auth/authorize";
import type { Role, Service } from "../service/schema";

/**
 * A service's visibility settings with their defaults applied.
 * @example
 * const { publicCustomFields, internalTagPrefix, costVisibleTo }: Visibility = visibilityOf(service)
 */
export interface Visibility {
  readonly publicCustomFields: ReadonlyArray<string>;
  readonly internalTagPrefix: string;
  readonly costVisibleTo: ReadonlyArray<Role>;
}

/**
 * Defaults: no custom field is public, `internal:` tags are hidden, cost is for agent, lead and admin.
 * @example
 * defaultVisibility.internalTagPrefix // "internal:"
 */
export const defaultVisibility: Visibility = {
  publicCustomFields: [],
  internalTagPrefix: "internal:",
  costVisibleTo: ["agent", "lead", "admin"],
};

/**
 * A service's visibility settings, defaults applied where a key is absent.
 * @example visibilityOf(service).internalTagPrefix // "internal:"
 */
export const visibilityOf = (service: Service): Visibility => {
  const v = service.settings.visibility ?? {};
  return {
    publicCustomFields: v.publicCustomFields ?? defaultVisibility.publicCustomFields,
    internalTagPrefix: v.internalTagPrefix ?? defaultVisibility.internalTagPrefix,
    costVisibleTo: v.costVisibleTo ?? defaultVisibility.costVisibleTo,
  };
};

/**
 * How much of a ticket a principal sees: everything, everything but cost, or the public side.
 * `no-cost` is an agent whose role in the service may not see cost (see `costVisibleTo`).
 * @example
 * const audience: Audience = audienceOf(principal, service) // "full", "no-cost" or "public"
 */
export type Audience = "full" | "no-cost" | "public";

/**
 * Which audience a principal belongs to in a service. Pure.
 * @example audienceOf({ kind: "contact", contactId, contactListId }, service) // "public"
 */
export const audienceOf = (principal: Principal, service: Service): Audience => {
  switch (principal.kind) {
    case "system": return "full";
    case "contact": return "public";
    case "agent": {
      const role = roleIn(principal.agent, service.id);
      // An agent without a role here reads nothing (authorize refuses); if asked anyway, show the least.
      if (role === undefined) return "public";
      return visibilityOf(service).costVisibleTo.includes(role) ? "full" : "no-cost";
    }
  }
};
