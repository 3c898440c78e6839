/**
 * The same rules for json-rules-engine, the npm rules engine a developer would otherwise pick: one engine, 200
 * rules, flat facts per ticket, and one custom operator for case-insensitive text (it has none built in).
 */
import { Engine } from "json-rules-engine";
import type { Rule, RoutingFacts } from "../../packages/core/src/routing/index.ts";

const ranks: Record<string, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

const condition = (c: any): any => {
  if ("all" in c) return { all: c.all.map(condition) };
  if ("any" in c) return { any: c.any.map(condition) };
  const fact = { "requester.domain": "domain", "custom.seats": "seats", priority: "priorityRank" }[c.field as string] ?? c.field;
  switch (c.op) {
    case "equals": return c.field === "tags" ? { fact, operator: "contains", value: c.value } : { fact, operator: "equal", value: c.value };
    case "in": return { fact, operator: "in", value: c.values };
    case "notIn": return { fact, operator: "notIn", value: c.values };
    case "contains": return { fact, operator: "textContains", value: String(c.value).toLowerCase() };
    case "greaterThan": return { fact, operator: "greaterThan", value: c.field === "priority" ? ranks[c.value] : c.value };
  }
  throw new Error(`no json-rules-engine condition for ${c.field} ${c.op}`);
};

/** An engine loaded with the rules; `route` runs one ticket and returns the ids of the rules that fired. */
export const jsonRulesEngine = (rules: ReadonlyArray<Rule>) => {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator("textContains", (a: unknown, b: unknown) => typeof a === "string" && a.toLowerCase().includes(b as string));
  rules.forEach((r, i) => {
    const top = "all" in r.when ? { all: (r.when as any).all.map(condition) } : { any: (r.when as any).any.map(condition) };
    engine.addRule({ name: r.id, priority: 1, conditions: top, event: { type: r.id, params: { index: i, actions: r.actions } } });
  });
  return async (f: RoutingFacts): Promise<string[]> => {
    const t = f.ticket;
    const email = f.requester?.email ?? null;
    const { events } = await engine.run({
      channel: t.channel, priorityRank: ranks[t.priority], type: t.type, category: t.category, tier: f.requester?.tier ?? null,
      domain: email === null ? null : email.slice(email.lastIndexOf("@") + 1).toLowerCase(), subject: t.subject, tags: t.tags,
      age: Math.floor((f.now - t.createdAt) / 60000), seats: Object.hasOwn(t.customFields, "seats") ? t.customFields.seats : null,
      organization: t.organizationId ?? f.requester?.organizationId ?? null,
    });
    return events.map((e) => e.type);
  };
};
