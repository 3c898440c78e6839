import * as Schema from "effect/Schema";
import { AgentId, GroupId, PolicyId, RuleId, ServiceId } from "../ids/ids";
import { StrategyName } from "../assignment/strategy";
import { FieldValue, Priority, TicketType } from "../ticket/schema";
import { fieldSpec } from "./fields";
import { allowedRegexFlags, regexCompileError } from "./linear-regex";
import { describeValue } from "./describe-value";

/**
 * What makes a service run its rules.
 * @example
 * Schema.decodeUnknownSync(Routing.Trigger)("message-received")
 */
export const Trigger = Schema.Literals(["ticket-opened", "message-received", "ticket-updated", "time-based"]);
export type Trigger = typeof Trigger.Type;

/** A field name the language knows (see `fieldCatalogue`), or `custom.<name>`. */
export const Field = Schema.String.check(
  Schema.makeFilter((f: string) => (fieldSpec(f) ? undefined : `unknown field "${f}"`)),
);

/**
 * A literal a condition compares with.
 * @example
 * const value: Routing.Scalar = null // conditions compare with strings, numbers, booleans or null
 */
export const Scalar = Schema.Union([Schema.String, Schema.Number, Schema.Boolean, Schema.Null]);
export type Scalar = typeof Scalar.Type;

const domainIssue = (field: string, value: unknown, path: ReadonlyArray<PropertyKey>): Schema.FilterIssue | undefined => {
  const spec = fieldSpec(field);
  if (!spec?.domain) return undefined;
  if (value === null && spec.nullable) return undefined;
  return typeof value === "string" && spec.domain.includes(value)
    ? undefined
    : { path, issue: `${describeValue(value)} is not a ${field} (${spec.domain.join(", ")})` };
};

const notOn = (field: string, kinds: ReadonlyArray<string>, op: string): Schema.FilterIssue | undefined => {
  const kind = fieldSpec(field)?.kind;
  return kind && kinds.includes(kind) ? { path: ["op"], issue: `${op} does not apply to ${kind} field "${field}"` } : undefined;
};

/** `equals` / `notEquals` a literal (on a list field: whether the list holds it). */
const EqualsCondition = Schema.Struct({ field: Field, op: Schema.Literals(["equals", "notEquals"]), value: Scalar }).check(
  Schema.makeFilter((c) => domainIssue(c.field, c.value, ["value"])),
);
/** `in` / `notIn` a list of literals. */
const InCondition = Schema.Struct({ field: Field, op: Schema.Literals(["in", "notIn"]), values: Schema.Array(Scalar) }).check(
  Schema.makeFilter((c) => c.values.map((v, i) => domainIssue(c.field, v, ["values", i])).filter((x) => x !== undefined)),
);
/** Text tests, case-insensitive unless `caseSensitive`. */
const TextCondition = Schema.Struct({
  field: Field,
  op: Schema.Literals(["contains", "notContains", "startsWith", "endsWith"]),
  value: Schema.String,
  caseSensitive: Schema.optionalKey(Schema.Boolean),
}).check(Schema.makeFilter((c) => notOn(c.field, ["number"], c.op)));
/** A regular expression, run on RE2 (linear time); refused at validation when RE2 cannot compile it. */
const MatchesCondition = Schema.Struct({
  field: Field,
  op: Schema.Literals(["matches"]),
  pattern: Schema.String,
  flags: Schema.optionalKey(Schema.String.check(Schema.isPattern(allowedRegexFlags))),
}).check(
  Schema.makeFilter((c) => notOn(c.field, ["number"], c.op)),
  Schema.makeFilter((c) => {
    const reason = regexCompileError(c.pattern, c.flags ?? "");
    return reason ? { path: ["pattern"], issue: reason } : undefined;
  }),
);
/** Ordered comparisons: numbers on number and custom fields, levels on ordered fields (priority, impact, urgency, tier). */
const CompareCondition = Schema.Struct({
  field: Field,
  op: Schema.Literals(["greaterThan", "lessThan", "atLeast", "atMost"]),
  value: Schema.Union([Schema.Number, Schema.String]),
}).check(
  Schema.makeFilter((c) => {
    const spec = fieldSpec(c.field);
    if (!spec) return undefined;
    if (spec.ordered) return domainIssue(c.field, c.value, ["value"]);
    if (spec.kind === "number" || spec.kind === "custom") {
      return typeof c.value === "number" ? undefined : { path: ["value"], issue: `Expected number` };
    }
    return { path: ["op"], issue: `${c.op} applies to number, custom and ordered fields, not "${c.field}"` };
  }),
);
/** Whether the field has a value (not null, not empty text, not an empty list). */
const ExistsCondition = Schema.Struct({ field: Field, op: Schema.Literals(["exists"]) });

/**
 * A test of one field against a literal.
 * @example
 * Schema.decodeUnknownSync(Routing.Comparison)({ field: "subject", op: "contains", value: "invoice" })
 */
export const Comparison = Schema.Union([
  EqualsCondition,
  InCondition,
  TextCondition,
  MatchesCondition,
  CompareCondition,
  ExistsCondition,
]);
export type Comparison = typeof Comparison.Type;
/**
 * The operator names.
 * @example
 * const op: Routing.Operator = "startsWith"
 */
export type Operator = Comparison["op"];

/** The schema of each comparison, by operator (lets validation report against the one the rule meant). */
export const comparisonByOp: Readonly<Record<string, Schema.Codec<Comparison>>> = Object.fromEntries(
  [EqualsCondition, InCondition, TextCondition, MatchesCondition, CompareCondition, ExistsCondition].flatMap((s) =>
    (s.fields.op.literals as ReadonlyArray<string>).map((op) => [op, s as unknown as Schema.Codec<Comparison>]),
  ),
);


/**
 * True while `now` is inside the business hours of a calendar (the caller supplies `isOpen`).
 * @example
 * Schema.decodeUnknownSync(Routing.BusinessHoursCondition)({ withinBusinessHours: "cal-office" })
 */
export const BusinessHoursCondition = Schema.Struct({ withinBusinessHours: Schema.String.check(Schema.isMinLength(1)) });
export type BusinessHoursCondition = typeof BusinessHoursCondition.Type;

/**
 * A condition tree: all / any / not over comparisons and business-hours tests.
 * @example
 * const when: Routing.Condition = { any: [{ field: "priority", op: "equals", value: "urgent" }, { not: { withinBusinessHours: "cal-office" } }] }
 */
export type Condition =
  | { readonly all: ReadonlyArray<Condition> }
  | { readonly any: ReadonlyArray<Condition> }
  | { readonly not: Condition }
  | Comparison
  | BusinessHoursCondition;

const suspended = Schema.suspend((): Schema.Codec<Condition> => Condition);
/** The structural parts of the tree, one schema per node kind (children left to the recursion). */
export const conditionNodes = {
  all: Schema.Struct({ all: Schema.Array(suspended) }),
  any: Schema.Struct({ any: Schema.Array(suspended) }),
  not: Schema.Struct({ not: suspended }),
};
/**
 * Schema of a condition tree.
 * @example
 * Schema.decodeUnknownSync(Routing.Condition)({ all: [{ field: "channel", op: "equals", value: "email" }, { not: { withinBusinessHours: "cal-office" } }] })
 */
export const Condition: Schema.Codec<Condition> = Schema.Union([
  conditionNodes.all,
  conditionNodes.any,
  conditionNodes.not,
  BusinessHoursCondition,
  Comparison,
]);

const action = <T extends string, F extends Schema.Struct.Fields>(type: T, fields: F) =>
  Schema.Struct({ type: Schema.Literal(type), ...fields });

/**
 * What a rule does when it matches.
 * @example
 * Schema.decodeUnknownSync(Routing.Action)({ type: "set-priority", priority: "high" })
 */
export const Action = Schema.Union([
  action("assign-group", { groupId: GroupId }),
  action("assign-agent", { agentId: AgentId }),
  action("assign-strategy", {
    /** A chooser kind of the assignment pipeline (`StrategyName`: legacy names decode to their kind). */
    strategy: StrategyName,
    groupId: Schema.optionalKey(GroupId),
    skills: Schema.optionalKey(Schema.Array(Schema.String)),
  }),
  action("set-priority", { priority: Priority }),
  action("set-category", { category: Schema.NullOr(Schema.String) }),
  action("set-type", { ticketType: TicketType }),
  action("add-tags", { tags: Schema.Array(Schema.String) }),
  action("remove-tags", { tags: Schema.Array(Schema.String) }),
  action("set-custom-field", { name: Schema.String.check(Schema.isMinLength(1)), value: FieldValue }),
  action("apply-sla-policy", { policyId: PolicyId }),
  action("transfer-to-service", { serviceId: ServiceId, reason: Schema.optionalKey(Schema.String) }),
  action("add-note", { body: Schema.String.check(Schema.isMinLength(1)) }),
  action("notify", {
    template: Schema.String.check(Schema.isMinLength(1)),
    to: Schema.Array(Schema.String),
    data: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
  }),
  action("stop", {}),
]);
export type Action = typeof Action.Type;
/**
 * The name of an action type.
 * @example
 * const type: Routing.ActionType = "apply-sla-policy"
 */
export type ActionType = Action["type"];

/**
 * One routing rule of a service: when one of its triggers happens and its condition holds, its actions apply.
 * @example
 * const rule: Rule = { id: RuleId("vip"), serviceId: ServiceId("svc"), name: "VIP to L2", enabled: true,
 *   triggers: ["ticket-opened"], when: { field: "tier", op: "equals", value: "platinum" },
 *   actions: [{ type: "assign-group", groupId: GroupId("l2") }] }
 */
export const Rule = Schema.Struct({
  id: RuleId,
  serviceId: ServiceId,
  name: Schema.String,
  enabled: Schema.Boolean,
  triggers: Schema.Array(Trigger).check(Schema.isMinLength(1)),
  when: Condition,
  actions: Schema.Array(Action),
});
export type Rule = typeof Rule.Type;
