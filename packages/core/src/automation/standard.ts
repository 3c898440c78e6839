import type { DeskHook } from "../desk/hooks";
import type { AutomationCache } from "./config";
import { deadlineHook } from "./deadline-hook";
import { routingHook } from "./routing-hook";
import { slaHook } from "./sla-hook";

/**
 * The hooks a Desk runs on every change, in order: routing (rules, assignment), SLA (targets,
 * breaches), deadline (the next instant a sweep must look at the ticket).
 * @example const hooks = standardHooks(automationCache(), () => crypto.randomUUID())
 */
export const standardHooks = (cache: AutomationCache, newId: () => string): ReadonlyArray<DeskHook> => [
  routingHook(cache, newId),
  slaHook(cache),
  deadlineHook(cache),
];
