import { fieldSpec } from "./fields";
import { compileRuleRegex } from "./linear-regex";
import type { Action, Comparison, Condition, Rule } from "./rule-schema";

/**
 * Source text of a specialised evaluator for a rule set, plus the constants it reads. Every value from a rule
 * (strings, ids, patterns, actions) lives in the constants array and is referred to as `kN`: no rule text is
 * ever written into the source, so a rule cannot inject code.
 */
export interface GeneratedCode {
  readonly source: string;
  readonly constants: ReadonlyArray<unknown>;
}

/** How the source reads each field into a local, given `f` (the facts) and `t` (the ticket). */
const fieldReaders: Readonly<Record<string, string>> = {
  service: "t.serviceId",
  channel: "t.channel",
  type: "t.type",
  category: "t.category",
  priority: "t.priority",
  impact: "t.impact",
  urgency: "t.urgency",
  status: "t.status",
  subject: "t.subject",
  description: "t.description",
  body: "(f.message ? f.message.body : t.description)",
  "message.kind": "(f.message ? f.message.kind : null)",
  "requester.email": "H.low(f.requester?.email)",
  "requester.domain": "H.domain(f.requester?.email)",
  organization: "(t.organizationId ?? f.requester?.organizationId ?? null)",
  tier: "(f.requester?.tier ?? null)",
  tags: "t.tags",
  group: "t.groupId",
  assignee: "t.assigneeId",
  age: "Math.floor((f.now - t.createdAt) / 60000)",
  idle: "Math.floor((f.now - t.updatedAt) / 60000)",
  changed: "(f.changedFields ?? H.none)",
};

/** Which field an action sets, and the expression of its new value given the field's local. */
const setterOf = (a: Action, k: (v: unknown) => string): { field: string; value: (local: string) => string } | undefined => {
  switch (a.type) {
    case "assign-group": return { field: "group", value: () => k(a.groupId) };
    case "assign-agent": return { field: "assignee", value: () => k(a.agentId) };
    case "assign-strategy": return a.groupId === undefined ? undefined : { field: "group", value: () => k(a.groupId) };
    case "set-priority": return { field: "priority", value: () => k(a.priority) };
    case "set-category": return { field: "category", value: () => k(a.category) };
    case "set-type": return { field: "type", value: () => k(a.ticketType) };
    case "add-tags": return { field: "tags", value: (v) => `H.addTags(${v}, ${k(a.tags)})` };
    case "remove-tags": return { field: "tags", value: (v) => `H.removeTags(${v}, ${k(a.tags)})` };
    case "set-custom-field": return { field: `custom.${a.name}`, value: () => k(a.value) };
    case "transfer-to-service": return { field: "service", value: () => k(a.serviceId) };
    default: return undefined;
  }
};

const INLINE_IN = 6;

/** Generates the evaluator's source for the enabled rules, in order. */
export const generateCode = (rules: ReadonlyArray<Rule>): GeneratedCode => {
  const constants: unknown[] = [];
  const k = (v: unknown): string => `k${constants.push(v) - 1}`;
  const locals = new Map<string, number>();
  const lowered = new Set<number>();
  const local = (field: string): number => {
    let i = locals.get(field);
    if (i === undefined) locals.set(field, (i = locals.size));
    return i;
  };

  const compare = (c: Comparison): string => {
    const spec = fieldSpec(c.field);
    const i = local(c.field);
    const v = `v${i}`;
    const lc = (): string => {
      lowered.add(i);
      return `(l${i} === undefined ? (l${i} = H.low(${v})) : l${i})`;
    };
    if (spec?.kind === "list") {
      switch (c.op) {
        case "exists": return `(${v}.length > 0)`;
        case "equals": return `${v}.includes(${k(c.value)})`;
        case "notEquals": return `!${v}.includes(${k(c.value)})`;
        case "in": return `H.anyIn(${v}, ${k(c.values)})`;
        case "notIn": return `!H.anyIn(${v}, ${k(c.values)})`;
        case "matches": return `H.anyMatch(${v}, ${k(compileRuleRegex(c.pattern, c.flags ?? ""))})`;
        case "contains":
        case "notContains":
        case "startsWith":
        case "endsWith": {
          const w = c.caseSensitive ? c.value : c.value.toLowerCase();
          const test = `H.anyText(${v}, ${k(c.op === "notContains" ? "contains" : c.op)}, ${k(w)}, ${c.caseSensitive === true})`;
          return c.op === "notContains" ? `!${test}` : test;
        }
        default: return "false";
      }
    }
    switch (c.op) {
      case "equals": return `(${v} === ${k(c.value)})`;
      case "notEquals": return `(${v} !== ${k(c.value)})`;
      case "in":
      case "notIn": {
        const test =
          c.values.length === 0
            ? "false"
            : c.values.length <= INLINE_IN
              ? `(${c.values.map((x) => `${v} === ${k(x)}`).join(" || ")})`
              : `${k(new Set(c.values))}.has(${v})`;
        return c.op === "in" ? test : `!${test}`;
      }
      case "contains":
      case "notContains":
      case "startsWith":
      case "endsWith": {
        const w = k(c.caseSensitive ? c.value : c.value.toLowerCase());
        const method = c.op === "startsWith" ? "startsWith" : c.op === "endsWith" ? "endsWith" : "includes";
        const test = c.caseSensitive
          ? `(typeof ${v} === "string" && ${v}.${method}(${w}))`
          : `(${lc()} !== null && l${i}.${method}(${w}))`;
        return c.op === "notContains" ? `!${test}` : test;
      }
      case "matches":
        return `(typeof ${v} === "string" && ${k(compileRuleRegex(c.pattern, c.flags ?? ""))}.test(${v}))`;
      case "greaterThan":
      case "lessThan":
      case "atLeast":
      case "atMost": {
        const sym = { greaterThan: ">", lessThan: "<", atLeast: ">=", atMost: "<=" }[c.op];
        if (typeof c.value === "string") {
          const domain = spec?.domain ?? [];
          const ranks = Object.assign(Object.create(null) as Record<string, number>, Object.fromEntries(domain.map((d, r) => [d, r])));
          return `(${k(ranks)}[${v}] ${sym} ${k(domain.indexOf(c.value))})`;
        }
        return `(typeof ${v} === "number" && ${v} ${sym} ${k(c.value)})`;
      }
      case "exists": return `(${v} !== null && ${v} !== "")`;
    }
  };

  const condition = (c: Condition): string => {
    if ("all" in c) return c.all.length === 0 ? "true" : `(${c.all.map(condition).join(" && ")})`;
    if ("any" in c) return c.any.length === 0 ? "false" : `(${c.any.map(condition).join(" || ")})`;
    if ("not" in c) return `!${condition(c.not)}`;
    if ("withinBusinessHours" in c) return `H.open(ctx, ${k(c.withinBusinessHours)}, f.now)`;
    return compare(c);
  };

  const enabled = rules.filter((r) => r.enabled);
  const tests = enabled.map((r) => {
    const triggers = `(${r.triggers.map((tr) => `tr === ${k(tr)}`).join(" || ")})`;
    return `${triggers} && ${condition(r.when)}`;
  });
  const bodies = enabled.map((r) => {
    const lines = [`fired.push(${k(r.id)});`];
    for (const action of r.actions) {
      if (action.type !== "stop") lines.push(`out.push(${k(Object.freeze({ ruleId: r.id, action }))});`);
      const setter = setterOf(action, k);
      const i = setter ? locals.get(setter.field) : undefined;
      if (setter && i !== undefined) {
        lines.push(`v${i} = ${setter.value(`v${i}`)};`);
        if (lowered.has(i)) lines.push(`l${i} = undefined;`);
      }
    }
    if (r.actions.some((a) => a.type === "stop")) lines.push(`return { actions: out, fired, stoppedBy: ${k(r.id)} };`);
    return lines.join(" ");
  });
  const reads = [...locals].map(([field, i]) => {
    const custom = field.startsWith("custom.") ? field.slice("custom.".length) : undefined;
    const read = custom === undefined ? fieldReaders[field] : `H.custom(t.customFields, ${k(custom)})`;
    return `let v${i} = ${read};`;
  });
  const caches = [...lowered].map((i) => `let l${i};`);
  const source = [
    `"use strict";`,
    constants.map((_, i) => `const k${i} = K[${i}];`).join("\n"),
    `return function evaluate(f, ctx) {`,
    `const t = f.ticket, tr = f.trigger;`,
    ...reads,
    ...caches,
    `const out = [], fired = [];`,
    ...tests.map((test, n) => `if (${test}) { ${bodies[n]} }`),
    `return { actions: out, fired, stoppedBy: null };`,
    `};`,
  ].join("\n");
  return { source, constants };
};
