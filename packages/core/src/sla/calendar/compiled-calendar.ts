import * as Schema from "effect/Schema";
import { decodeInput, InvalidInput } from "../../validation/invalid-input";
import { CalendarDefinition } from "./definition";
import { emptyTimeline, type Timeline } from "./timeline";
import { zoneOffsets, type ZoneOffsets } from "./time-zone";
import { planOf, type WeekPlan } from "./week-plan";

/**
 * Conventions where business-time libraries disagree. The defaults are those of zendesk/biz,
 * which Zendesk and Zammad run on (see docs/sla.md).
 * @example compileCalendar(def, { endAtClose: "stay" })
 */
export const CalendarOptions = Schema.Struct({
  /** A budget used up exactly at a closing instant yields the next opening (`next_open`) or stays (`stay`). */
  endAtClose: Schema.optionalKey(Schema.Literals(["next_open", "stay"])),
  /** Adding or subtracting 0 moves to the next/previous business instant (`roll`) or returns the start (`identity`). */
  zeroDuration: Schema.optionalKey(Schema.Literals(["roll", "identity"])),
  /** Elapsed time from a later to an earlier instant is negative, zero, or its absolute value. */
  reversedInterval: Schema.optionalKey(Schema.Literals(["negative", "zero", "absolute"])),
});
export type CalendarOptions = typeof CalendarOptions.Type;

/** The conventions a compiled calendar uses, every field set. @example cal.conventions.endAtClose // "next_open" */
export interface CalendarConventions {
  readonly endAtClose: "next_open" | "stay";
  readonly zeroDuration: "roll" | "identity";
  readonly reversedInterval: "negative" | "zero" | "absolute";
}

/** The default conventions. @example defaultConventions.zeroDuration // "roll" */
export const defaultConventions: CalendarConventions = {
  endAtClose: "next_open",
  zeroDuration: "roll",
  reversedInterval: "negative",
};

/**
 * A calendar ready for business-time arithmetic. Treat it as an opaque value: its tables are
 * filled lazily (one local year at a time) on first use and never change what a query answers.
 * @example const cal: CompiledCalendar = compileCalendarOrThrow({ timeZone: "UTC", hours: "24x7" })
 */
export interface CompiledCalendar {
  readonly _tag: "CompiledCalendar";
  readonly definition: CalendarDefinition;
  readonly timeZone: string;
  readonly conventions: CalendarConventions;
  /** True when every instant is business time (24×7, nothing removed): arithmetic is plain addition. */
  readonly alwaysOpen: boolean;
  /** @internal */
  readonly plan: WeekPlan;
  /** @internal */
  readonly zone: ZoneOffsets;
  /** @internal */
  readonly timeline: Timeline;
}

const build = (def: CalendarDefinition, conventions: CalendarConventions): CompiledCalendar => {
  const plan = planOf(def);
  return {
    _tag: "CompiledCalendar",
    definition: def,
    timeZone: def.timeZone,
    conventions,
    alwaysOpen: plan.alwaysOpen,
    plan,
    zone: zoneOffsets(def.timeZone),
    timeline: emptyTimeline(),
  };
};

/**
 * Validates a calendar definition and compiles it, or returns an `InvalidInput` naming each bad
 * field (`timeZone`, `hours.mon.0.1`, `holidays.2`…). The definition is never modified.
 * @example
 * const cal = compileCalendar({ timeZone: "Europe/Madrid", hours: { mon: [["09:00", "18:00"]] } })
 * if (cal instanceof InvalidInput) throw cal
 * addBusinessTime(cal, Date.parse("2025-01-06T08:00:00Z"), 60 * 60_000) // Monday 10:00 Madrid
 */
export const compileCalendar = (
  definition: CalendarDefinition,
  options: CalendarOptions = {},
): CompiledCalendar | InvalidInput => {
  const def = decodeInput(CalendarDefinition, definition, "calendar");
  if (def instanceof InvalidInput) return def;
  const opts = decodeInput(CalendarOptions, options, "calendar options");
  if (opts instanceof InvalidInput) return opts;
  return build(def, { ...defaultConventions, ...opts });
};

/**
 * Like `compileCalendar`, but throws the `InvalidInput` (for definitions known to be valid).
 * @example
 * const cal = compileCalendarOrThrow({ timeZone: "UTC", hours: "24x7" })
 */
export const compileCalendarOrThrow = (definition: CalendarDefinition, options: CalendarOptions = {}): CompiledCalendar => {
  const cal = compileCalendar(definition, options);
  if (cal instanceof InvalidInput) throw cal;
  return cal;
};

/**
 * A 24×7 calendar in UTC: business time is plain elapsed time.
 * @example
 * addBusinessTime(alwaysOpen, 0, 60_000) // 60000
 */
export const alwaysOpen: CompiledCalendar = build({ timeZone: "UTC", hours: "24x7" }, defaultConventions);
