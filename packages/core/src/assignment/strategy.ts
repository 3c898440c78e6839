import * as Schema from "effect/Schema";
import * as SchemaTransformation from "effect/SchemaTransformation";

/**
 * How a chooser picks one agent among the eligible ones, or `queue` to leave the ticket in the group queue.
 * @example
 * Schema.decodeUnknownSync(Assignment.ChooserKind)("fewest-open")
 */
export const ChooserKind = Schema.Literals(["round-robin", "fewest-open", "least-recent", "queue"]);
export type ChooserKind = typeof ChooserKind.Type;

/**
 * Strategy names stored rules may still use, and the chooser each one always meant.
 * @example
 * Assignment.legacyStrategyNames["least-loaded"] // "fewest-open"
 */
export const legacyStrategyNames = { "least-loaded": "fewest-open", skills: "round-robin" } as const satisfies Record<string, ChooserKind>;

type LegacyName = keyof typeof legacyStrategyNames;

/**
 * The `strategy` of a routing rule's `assign-strategy` action: a chooser kind. The older rule
 * names are accepted and decoded to the kind they meant (`least-loaded` → `fewest-open`,
 * `skills` → `round-robin`; the rule's `skills` list is the skill filter), so every part of the
 * Desk (routing hook, simulation) sees one name per chooser.
 * @example Schema.decodeUnknownSync(StrategyName)("least-loaded") // "fewest-open"
 */
export const StrategyName = Schema.Literals([...ChooserKind.literals, ...(Object.keys(legacyStrategyNames) as Array<LegacyName>)]).pipe(
  Schema.decodeTo(
    ChooserKind,
    SchemaTransformation.transform<ChooserKind, ChooserKind | LegacyName>({
      decode: (name) => (name in legacyStrategyNames ? legacyStrategyNames[name as LegacyName] : (name as ChooserKind)),
      encode: (kind) => kind,
    }),
  ),
);

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

/**
 * The strategy used when a rule names none: round robin within capacity and shift.
 * @example
 * Assignment.defaultAssignmentStrategy.kind // "round-robin", within capacity and shift
 */
export const defaultAssignmentStrategy: AssignmentStrategy = {
  kind: "round-robin",
  respectCapacity: true,
  respectShift: true,
};

/**
 * The pipeline strategy a rule's `assign-strategy` action asks for: its chooser (any legacy name
 * mapped as `StrategyName` decodes it), the rule's skills, within capacity and shift. The one
 * mapping from rules to the pipeline, used by the Desk's routing hook and the simulation alike.
 * @example strategyOfAction({ strategy: "skills", skills: ["network"] }) // { kind: "round-robin", requiredSkills: ["network"], respectCapacity: true, respectShift: true }
 */
export const strategyOfAction = (action: { readonly strategy: string; readonly skills?: ReadonlyArray<string> | undefined }): AssignmentStrategy => {
  const kind = (ChooserKind.literals as ReadonlyArray<string>).includes(action.strategy)
    ? (action.strategy as ChooserKind)
    : (legacyStrategyNames[action.strategy as keyof typeof legacyStrategyNames] ?? "round-robin");
  const skills = (action.skills ?? []).filter((s) => s.length > 0);
  return { kind, respectCapacity: true, respectShift: true, ...(skills.length > 0 ? { requiredSkills: [...new Set(skills)] } : {}) };
};
