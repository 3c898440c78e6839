import * as Schema from "effect/Schema";

/** How a chooser picks one agent among the eligible ones, or `queue` to leave the ticket in the group queue. */
export const ChooserKind = Schema.Literals(["round-robin", "fewest-open", "least-recent", "queue"]);
export type ChooserKind = typeof ChooserKind.Type;

/**
 * How a routing rule wants a ticket assigned inside its group: which chooser, which skills, which limits.
 * @example
 * const strategy: AssignmentStrategy = { kind: "round-robin", requiredSkills: ["french"], respectCapacity: true, respectShift: true }
 */
export const AssignmentStrategy = Schema.Struct({
  kind: ChooserKind,
  /** Skills every chosen agent must have (all of them). */
  requiredSkills: Schema.optionalKey(Schema.Array(Schema.String.check(Schema.isMinLength(1)))),
  /** Skip agents holding as many open tickets as their capacity. */
  respectCapacity: Schema.Boolean,
  /** Skip agents who are off shift at the instant of assignment. */
  respectShift: Schema.Boolean,
});
export type AssignmentStrategy = typeof AssignmentStrategy.Type;

/** The strategy used when a rule names none: round robin within capacity and shift. */
export const defaultAssignmentStrategy: AssignmentStrategy = {
  kind: "round-robin",
  respectCapacity: true,
  respectShift: true,
};
