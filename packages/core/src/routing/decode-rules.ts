import * as Schema from "effect/Schema";
import { decodeInput, type FieldIssue, InvalidInput, invalidInput } from "../validation/invalid-input";
import { Action, BusinessHoursCondition, comparisonByOp, Rule } from "./rule-schema";
import { describeValue } from "./describe-value";

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u);

const nodeShape = {
  all: Schema.Struct({ all: Schema.Array(Schema.Unknown) }),
  any: Schema.Struct({ any: Schema.Array(Schema.Unknown) }),
  not: Schema.Struct({ not: Schema.Unknown }),
};

const prefixed = (prefix: string, result: unknown): ReadonlyArray<FieldIssue> =>
  result instanceof InvalidInput
    ? result.issues.map((i) => ({ path: i.path ? `${prefix}.${i.path}` : prefix, message: i.message }))
    : [];

/**
 * Validates a condition tree node by node, choosing each node's schema by its keys (and a comparison's by
 * its `op`), so an error names the one shape the author meant instead of every member of the union.
 */
export const conditionIssues = (node: unknown, path: string): ReadonlyArray<FieldIssue> => {
  if (!isRecord(node)) {
    return [{ path, message: "Expected a condition: all, any, not, withinBusinessHours or { field, op, … }" }];
  }
  for (const key of ["all", "any"] as const) {
    if (key in node) {
      const own = prefixed(path, decodeInput(nodeShape[key], node));
      if (own.length > 0 || !Array.isArray(node[key])) return own;
      return (node[key] as ReadonlyArray<unknown>).flatMap((child, i) => conditionIssues(child, `${path}.${key}.${i}`));
    }
  }
  if ("not" in node) {
    const own = prefixed(path, decodeInput(nodeShape.not, node));
    return own.length > 0 ? own : conditionIssues(node.not, `${path}.not`);
  }
  if ("withinBusinessHours" in node) return prefixed(path, decodeInput(BusinessHoursCondition, node));
  if ("op" in node) {
    const schema = typeof node.op === "string" && Object.hasOwn(comparisonByOp, node.op) ? comparisonByOp[node.op] : undefined;
    if (!schema) {
      return [{ path: `${path}.op`, message: `unknown operator ${describeValue(node.op)} (${Object.keys(comparisonByOp).join(", ")})` }];
    }
    return prefixed(path, decodeInput(schema, node));
  }
  return [{ path, message: "Expected a condition: all, any, not, withinBusinessHours or { field, op, … }" }];
};

const actionTypes = Action.members.map((m) => m.fields.type.literal);

/** Replaces the union's long "Expected { type: … } | …" with the unknown action type and the known ones. */
const actionMessage = (input: ReadonlyArray<unknown>, index: number, rest: ReadonlyArray<string>, message: string): string => {
  if (rest.length !== 2 || rest[0] !== "actions" || !message.startsWith("Expected {")) return message;
  const rule = input[index];
  const actions = isRecord(rule) && Array.isArray(rule.actions) ? rule.actions : [];
  const action: unknown = actions[Number(rest[1])];
  const type = isRecord(action) ? action.type : undefined;
  return `unknown action type ${describeValue(type)} (${actionTypes.join(", ")})`;
};

const ruleLabel = (input: ReadonlyArray<unknown>, index: number): string => {
  const rule = input[index];
  const id = isRecord(rule) && typeof rule.id === "string" ? ` (${rule.id})` : "";
  return `rules[${index}]${id}`;
};

/**
 * Validates an ordered rule set; a bad rule gets an error naming the rule and the path of the bad field.
 * @example
 * const r = decodeRules([{ id: "vip", serviceId: "svc", name: "VIP", enabled: true, triggers: ["ticket-opened"],
 *   when: { all: [{ field: "subject", op: "contains", value: 1 }] }, actions: [] }])
 * // r instanceof InvalidInput; r.message: "invalid rules: rules[0] (vip): when.all.0.value: Expected string"
 */
export const decodeRules = (input: unknown): ReadonlyArray<Rule> | InvalidInput => {
  const decoded = decodeInput(Schema.Array(Rule), input, "rules");
  if (!Array.isArray(input)) return decoded;
  const badWhen = new Set<number>();
  const issues: FieldIssue[] = [];
  input.forEach((rule, index) => {
    if (!isRecord(rule) || !("when" in rule)) return;
    const found = conditionIssues(rule.when, "when");
    if (found.length > 0) badWhen.add(index);
    issues.push(...found.map((i) => ({ path: `${ruleLabel(input, index)}: ${i.path}`, message: i.message })));
  });
  if (decoded instanceof InvalidInput) {
    for (const issue of decoded.issues) {
      const [head = "", ...rest] = issue.path.split(".");
      const index = Number(head);
      if (head === "" || !Number.isInteger(index)) {
        issues.push(issue);
      } else if (!(rest[0] === "when" && badWhen.has(index))) {
        issues.push({ path: `${ruleLabel(input, index)}: ${rest.join(".") || "(rule)"}`, message: actionMessage(input, index, rest, issue.message) });
      }
    }
  }
  const seen = new Map<string, number>();
  input.forEach((rule, index) => {
    if (!isRecord(rule) || typeof rule.id !== "string") return;
    const first = seen.get(rule.id);
    if (first === undefined) seen.set(rule.id, index);
    else issues.push({ path: `${ruleLabel(input, index)}: id`, message: `duplicate rule id (also rules[${first}])` });
  });
  if (issues.length > 0) return invalidInput("rules", issues);
  return decoded;
};
