/**
 * The near-limit reference: a hand-written loop of predicate closures, one closure per condition as a developer
 * would write it (`(v) => v.channel === "email"`), combined with `every` / `some`, over a per-ticket view whose
 * derived values (lower-cased subject, email domain, age, priority rank) are computed once per ticket.
 */
import type { Rule, RoutingFacts } from "../../packages/core/src/routing/index.ts";

interface View {
  channel: string; priorityRank: number; type: string; category: string | null; tier: string | null; domain: string | null;
  subject: string; tags: ReadonlyArray<string>; age: number; seats: unknown; organization: string | null;
}
type Pred = (v: View) => boolean;

const ranks: Record<string, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

const predicate = (c: any): Pred => {
  if ("all" in c) { const ps = c.all.map(predicate) as Pred[]; return (v) => ps.every((p) => p(v)); }
  if ("any" in c) { const ps = c.any.map(predicate) as Pred[]; return (v) => ps.some((p) => p(v)); }
  const { field, op } = c;
  const value = c.value;
  const set = c.values;
  switch (`${field}:${op}`) {
    case "channel:equals": return (v) => v.channel === value;
    case "channel:in": return (v) => set.includes(v.channel);
    case "priority:greaterThan": { const k = ranks[value]!; return (v) => v.priorityRank > k; }
    case "type:in": return (v) => set.includes(v.type);
    case "category:equals": return (v) => v.category === value;
    case "tier:in": return (v) => set.includes(v.tier);
    case "requester.domain:equals": return (v) => v.domain === value;
    case "subject:contains": { const w = value.toLowerCase(); return (v) => v.subject.includes(w); }
    case "tags:equals": return (v) => v.tags.includes(value);
    case "age:greaterThan": return (v) => v.age > value;
    case "custom.seats:greaterThan": return (v) => typeof v.seats === "number" && v.seats > value;
    case "organization:in": return (v) => set.includes(v.organization);
    case "organization:notIn": return (v) => !set.includes(v.organization);
  }
  throw new Error(`no hand-written predicate for ${field} ${op}`);
};

interface HandRule { readonly id: string; readonly test: Pred; readonly actions: ReadonlyArray<unknown> }

/** Builds the hand-written rule loop; returns a function routing one ticket to the ids of the rules that fired. */
export const handwritten = (rules: ReadonlyArray<Rule>) => {
  const compiled: HandRule[] = rules.map((r) => ({ id: r.id, test: predicate(r.when), actions: r.actions }));
  return (f: RoutingFacts): { fired: string[]; actions: unknown[] } => {
    const t = f.ticket;
    const email = f.requester?.email ?? null;
    const view: View = {
      channel: t.channel, priorityRank: ranks[t.priority]!, type: t.type, category: t.category, tier: f.requester?.tier ?? null,
      domain: email === null ? null : email.slice(email.lastIndexOf("@") + 1).toLowerCase(), subject: t.subject.toLowerCase(),
      tags: t.tags, age: Math.floor((f.now - t.createdAt) / 60000), seats: Object.hasOwn(t.customFields, "seats") ? t.customFields.seats : null,
      organization: t.organizationId ?? f.requester?.organizationId ?? null,
    };
    const fired: string[] = [];
    const actions: unknown[] = [];
    for (const rule of compiled) {
      if (rule.test(view)) {
        fired.push(rule.id);
        for (const a of rule.actions) actions.push(a);
      }
    }
    return { fired, actions };
  };
};
