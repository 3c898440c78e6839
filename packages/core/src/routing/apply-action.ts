import type { RoutingFacts } from "./facts";
import type { Action } from "./rule-schema";

/** Tags with new ones appended (once each, in order). @example addTags(["a"], ["b", "a"]) // ["a", "b"] */
export const addTags = (tags: ReadonlyArray<string>, add: ReadonlyArray<string>): ReadonlyArray<string> => {
  let out: string[] | undefined;
  for (const tag of add) {
    if (!(out ?? tags).includes(tag)) (out ??= [...tags]).push(tag);
  }
  return out ?? tags;
};

/** Tags without the removed ones. @example removeTags(["a", "b"], ["a"]) // ["b"] */
export const removeTags = (tags: ReadonlyArray<string>, remove: ReadonlyArray<string>): ReadonlyArray<string> =>
  tags.some((t) => remove.includes(t)) ? tags.filter((t) => !remove.includes(t)) : tags;

/**
 * The facts as a later rule sees them after an action: set-field actions change the working ticket, others do not.
 * @example applyAction(facts, { type: "set-priority", priority: "high" }).ticket.priority // "high"
 */
export const applyAction = (facts: RoutingFacts, action: Action): RoutingFacts => {
  const t = facts.ticket;
  const withTicket = (ticket: RoutingFacts["ticket"]): RoutingFacts => ({ ...facts, ticket });
  switch (action.type) {
    case "assign-group":
      return withTicket({ ...t, groupId: action.groupId });
    case "assign-agent":
      return withTicket({ ...t, assigneeId: action.agentId });
    case "assign-strategy":
      return action.groupId === undefined ? facts : withTicket({ ...t, groupId: action.groupId });
    case "set-priority":
      return withTicket({ ...t, priority: action.priority });
    case "set-category":
      return withTicket({ ...t, category: action.category });
    case "set-type":
      return withTicket({ ...t, type: action.ticketType });
    case "add-tags":
      return withTicket({ ...t, tags: addTags(t.tags, action.tags) });
    case "remove-tags":
      return withTicket({ ...t, tags: removeTags(t.tags, action.tags) });
    case "set-custom-field":
      return withTicket({ ...t, customFields: { ...t.customFields, [action.name]: action.value } });
    case "transfer-to-service":
      return withTicket({ ...t, serviceId: action.serviceId });
    case "apply-sla-policy":
    case "add-note":
    case "notify":
    case "stop":
      return facts;
  }
};
