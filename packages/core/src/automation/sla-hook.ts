import type { ChangeContext, DeskHook } from "../desk/hooks";
import { applySla, compileSlaConfig, type CompiledSlaConfig, type SlaContext } from "../sla";
import type { Ticket } from "../ticket/schema";
import { InvalidInput } from "../validation/invalid-input";
import type { Automation, AutomationCache } from "./config";

const forcedConfigs = new WeakMap<CompiledSlaConfig, Map<string, CompiledSlaConfig>>();

/**
 * The SLA configuration for a ticket: a policy forced by a routing rule (`slaPolicy` custom field)
 * comes first and matches unconditionally; otherwise the service's policies, first match wins.
 * @example
 * const config = Automation.slaConfigFor(automation, ticket) // a forced `slaPolicy` custom field first, else the service's policies
 */
export const slaConfigFor = (automation: Automation, ticket: Ticket): CompiledSlaConfig | null => {
  const base = automation.sla;
  if (base === null) return null;
  const forcedId = ticket.customFields.slaPolicy;
  if (typeof forcedId !== "string") return base;
  const cache = forcedConfigs.get(base) ?? new Map<string, CompiledSlaConfig>();
  forcedConfigs.set(base, cache);
  const hit = cache.get(forcedId);
  if (hit) return hit;
  const forced = base.policies.find((p) => p.id === forcedId);
  if (!forced) return base;
  const { all: _all, any: _any, ...unconditional } = forced.policy;
  const config = compileSlaConfig({
    ...base.source,
    policies: [unconditional, ...base.policies.filter((p) => p !== forced).map((p) => p.policy)],
  });
  const chosen = config instanceof InvalidInput ? base : config;
  cache.set(forcedId, chosen);
  return chosen;
};

/**
 * The requester's tier (their own, or their organisation's), which SLA policies may read.
 * @example
 * const context = await Automation.slaContextOf(ctx, ticket) // { tier: "gold" } from the contact or their organisation
 */
export const slaContextOf = async (ctx: Pick<ChangeContext, "store" | "service">, ticket: Ticket): Promise<SlaContext> => {
  const contact = await ctx.store.getContact(ctx.service.contactListId, ticket.requesterId);
  if (contact?.tier) return { tier: contact.tier };
  const org = ticket.organizationId ? await ctx.store.getOrganization(ctx.service.contactListId, ticket.organizationId) : undefined;
  return { tier: org?.tier ?? null };
};

/**
 * Applies the service's SLA policies on every change: records `SlaApplied` and each breach exactly once.
 * @example
 * createDesk({ store, hooks: [Automation.slaHook(Automation.automationCache())] })
 */
export const slaHook = (cache: AutomationCache): DeskHook => ({
  name: "sla",
  async afterChange(ctx) {
    const automation = await cache.get(ctx.store, ctx.service.id);
    const config = slaConfigFor(automation, ctx.after);
    if (config === null) return [];
    return applySla(ctx.before, ctx.history, ctx.newEvents, config, ctx.now, await slaContextOf(ctx, ctx.after));
  },
});
