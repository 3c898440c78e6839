import * as Schema from "effect/Schema";
import { FieldValue, type Priority } from "../ticket/schema";
import type { Status } from "../ticket/status";
import { Threshold } from "./threshold";

const NonEmpty = Schema.String.check(Schema.isMinLength(1));
const Minutes = Schema.Number.check(Schema.isFinite(), Schema.isGreaterThanOrEqualTo(0));

/**
 * One test on a ticket field: the field's value is one of `in` (for `tags`: any tag is), or,
 * with `not: true`, none of them. Fields: service, priority, type, category, channel,
 * organization, tier, status, tags, `custom.<name>`.
 * @example const vip: PolicyClause = { field: "tier", in: ["gold", "platinum"] }
 */
export const PolicyClause = Schema.Struct({
  field: NonEmpty,
  in: Schema.Array(FieldValue),
  not: Schema.optionalKey(Schema.Boolean),
});
export type PolicyClause = typeof PolicyClause.Type;

/**
 * Target minutes per priority; a priority left out (or 0) has no target for that metric.
 * @example
 * Schema.decodeUnknownSync(Sla.PriorityTargets)({ urgent: 30, high: 120, normal: 480 }) // minutes; low has no target
 */
export const PriorityTargets = Schema.Struct({
  low: Schema.optionalKey(Minutes),
  normal: Schema.optionalKey(Minutes),
  high: Schema.optionalKey(Minutes),
  urgent: Schema.optionalKey(Minutes),
});
export type PriorityTargets = typeof PriorityTargets.Type;

/**
 * An SLA policy: when it applies (every `all` clause and, if any, one `any` clause), its targets
 * per metric and priority (minutes), the calendar they count in, and its thresholds.
 * @example
 * const vip: SlaPolicy = {
 *   id: "vip", all: [{ field: "tier", in: ["gold"] }], calendarId: "madrid", time: "business",
 *   targets: { "first-response": { urgent: 30, high: 60 }, resolution: { urgent: 240 } },
 *   thresholds: [{ id: "warn", kind: "warning", at: { percent: 75 } }],
 * }
 */
export const SlaPolicy = Schema.Struct({
  id: NonEmpty,
  name: Schema.optionalKey(Schema.String),
  /** The service whose tickets it covers; absent covers every service. */
  serviceId: Schema.optionalKey(Schema.String),
  all: Schema.optionalKey(Schema.Array(PolicyClause)),
  any: Schema.optionalKey(Schema.Array(PolicyClause)),
  /** The business-hours calendar; absent means 24×7 UTC. */
  calendarId: Schema.optionalKey(NonEmpty),
  /** `business` counts only calendar hours; `calendar` counts every minute. Default `business`. */
  time: Schema.optionalKey(Schema.Literals(["business", "calendar"])),
  /** Metric id → target minutes per priority. */
  targets: Schema.Record(Schema.String, PriorityTargets),
  thresholds: Schema.optionalKey(Schema.Array(Threshold)),
});
export type SlaPolicy = typeof SlaPolicy.Type;

/**
 * The ticket fields policy conditions read, as the SLA engine tracks them through the history.
 * @example
 * compiled.policies.find((p) => p.condition.matches(facts as Sla.TicketFacts))?.id // the policy in force (first match)
 */
export interface TicketFacts {
  service: string | null;
  priority: Priority;
  type: string;
  category: string | null;
  channel: string;
  organization: string | null;
  tier: string | null;
  status: Status;
  tags: ReadonlyArray<string>;
  custom: Readonly<Record<string, FieldValue>>;
}

const plainFields = new Set(["service", "priority", "type", "category", "channel", "organization", "tier", "status", "tags"]);

/** Whether a clause names a field policies can read. @example isPolicyField("custom.plan") // true */
export const isPolicyField = (field: string): boolean =>
  plainFields.has(field) || (field.startsWith("custom.") && field.length > 7);

type FactReader = (f: TicketFacts) => FieldValue | ReadonlyArray<string>;

const readerOf = (field: string): FactReader => {
  if (field.startsWith("custom.")) {
    const name = field.slice(7);
    return (f) => (Object.hasOwn(f.custom, name) ? (f.custom[name] as FieldValue) : null);
  }
  const key = field as Exclude<keyof TicketFacts, "custom">;
  return (f) => f[key];
};

/**
 * A compiled clause: a predicate and a readable description.
 * @example
 * const clause: Sla.CompiledClause = Sla.compileClause({ field: "priority", in: ["urgent"] })
 * clause.test(facts) // whether the ticket's priority is urgent
 */
export interface CompiledClause {
  /** Whether the ticket's facts satisfy the clause. */
  readonly test: (facts: TicketFacts) => boolean;
  readonly text: string;
}

/** Compiles one clause (the field must be valid; see `isPolicyField`). @example compileClause({ field: "priority", in: ["urgent"] }).text // "priority in [urgent]" */
export const compileClause = (clause: PolicyClause): CompiledClause => {
  const read = readerOf(clause.field);
  const values = new Set<FieldValue>(clause.in);
  const negate = clause.not === true;
  const test = (facts: TicketFacts): boolean => {
    const v = read(facts);
    const hit = Array.isArray(v) ? v.some((x: string) => values.has(x)) : values.has(v as FieldValue);
    return hit !== negate;
  };
  const text = `${clause.field} ${negate ? "not in" : "in"} [${clause.in.map(String).join(", ")}]`;
  return { test, text };
};

/**
 * A policy's condition, compiled: whether it matches and why.
 * @example
 * const { matches, why }: Sla.CompiledCondition = Sla.compileCondition(policy)
 */
export interface CompiledCondition {
  /** Whether the policy applies to a ticket with these facts. */
  readonly matches: (facts: TicketFacts) => boolean;
  /** Why it matched, e.g. `priority in [urgent] and tier in [gold]`, or `always`. */
  readonly why: string;
}

/** Compiles a policy's service filter and its all/any clauses. @example compileCondition(policy).matches(facts) */
export const compileCondition = (policy: SlaPolicy): CompiledCondition => {
  const all = (policy.all ?? []).map(compileClause);
  const any = (policy.any ?? []).map(compileClause);
  const service = policy.serviceId;
  const matches = (f: TicketFacts): boolean => {
    if (service !== undefined && f.service !== service) return false;
    for (const c of all) if (!c.test(f)) return false;
    if (any.length === 0) return true;
    for (const c of any) if (c.test(f)) return true;
    return false;
  };
  const parts = [
    ...(service !== undefined ? [`service in [${service}]`] : []),
    ...all.map((c) => c.text),
    ...(any.length > 0 ? [`(${any.map((c) => c.text).join(" or ")})`] : []),
  ];
  return { matches, why: parts.length === 0 ? "always" : parts.join(" and ") };
};

/**
 * The first policy whose condition matches the facts (first match wins), or undefined.
 * @example selectPolicy(compiled.policies, facts)?.id
 */
export const selectPolicy = <P extends { readonly condition: CompiledCondition }>(
  policies: ReadonlyArray<P>,
  facts: TicketFacts,
): P | undefined => {
  for (const p of policies) if (p.condition.matches(facts)) return p;
  return undefined;
};
