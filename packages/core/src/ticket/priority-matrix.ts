import * as Schema from "effect/Schema";
import { type Level3, Priority } from "./schema";

const Row = Schema.Struct({ high: Priority, medium: Priority, low: Priority });

/**
 * A priority for every impact × urgency pair: rows are impact, columns urgency; every cell is required.
 * @example Schema.decodeUnknownSync(PriorityMatrix)({ high: { high: "urgent", medium: "high", low: "high" }, medium: …, low: … })
 */
export const PriorityMatrix = Schema.Struct({ high: Row, medium: Row, low: Row });
/** A priority for every impact × urgency pair. */
export type PriorityMatrix = Readonly<Record<Level3, Readonly<Record<Level3, Priority>>>>;

/**
 * The ITIL default: urgent only when both are high, low when both lean low.
 * @example
 * defaultPriorityMatrix.high.high // "urgent": both high
 */
export const defaultPriorityMatrix: PriorityMatrix = {
  high: { high: "urgent", medium: "high", low: "normal" },
  medium: { high: "high", medium: "normal", low: "low" },
  low: { high: "normal", medium: "low", low: "low" },
};

/**
 * Derives a priority from impact and urgency.
 * @example priorityFromMatrix("high", "medium") // "high"
 */
export const priorityFromMatrix = (impact: Level3, urgency: Level3, matrix: PriorityMatrix = defaultPriorityMatrix): Priority =>
  matrix[impact][urgency];
