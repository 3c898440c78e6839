import * as Schema from "effect/Schema";
import type { ServiceId } from "../ids/ids";
import { compileRules, type CompiledRuleSet, decodeRules, type Rule } from "../routing";
import { CalendarDefinition, compileCalendar, type CompiledCalendar, compileSlaConfig, type CompiledSlaConfig, nextOpening, SlaPolicy } from "../sla";
import { EscalationRule } from "../escalation";
import type { Store } from "../store/port";
import { decodeInput, InvalidInput } from "../validation/invalid-input";

/**
 * The SLA set-up of a service as stored: policies (first match wins), the calendars they name, the re-targeting mode.
 * @example
 * Schema.decodeUnknownSync(Automation.SlaSetup)({ policies: [], retarget: "keep-elapsed" })
 */
export const SlaSetup = Schema.Struct({
  policies: Schema.Array(SlaPolicy),
  calendars: Schema.optionalKey(Schema.Record(Schema.String, CalendarDefinition)),
  retarget: Schema.optionalKey(Schema.Literals(["keep-elapsed", "retroactive"])),
});
export type SlaSetup = typeof SlaSetup.Type;

/**
 * Where each kind of automation document lives in the store's configuration.
 * @example
 * await store.listConfig(serviceId, Automation.configKeys.routing.kind) // the "routing-rule" documents
 */
export const configKeys = {
  routing: { kind: "routing-rule", id: "ruleset" },
  sla: { kind: "sla-policy", id: "setup" },
} as const;

/**
 * Everything the automation hooks of one service need, compiled once.
 * @example
 * const automation: Automation.Automation = await Automation.loadAutomation(store, serviceId)
 * automation.isOpen("cal-office", Date.now()) // whether the office calendar is open now
 */
export interface Automation {
  readonly rules: CompiledRuleSet | null;
  readonly sla: CompiledSlaConfig | null;
  readonly calendars: Readonly<Record<string, CompiledCalendar>>;
  readonly escalation: ReadonlyArray<EscalationRule>;
  /** Whether a calendar is open at an instant (unknown calendars count as closed). */
  readonly isOpen: (calendarId: string, now: number) => boolean;
}

/**
 * Validates a routing rule set; an error names the rule and the path of the bad field.
 * @example
 * const rules = Automation.validateRules(JSON.parse(text)) // ReadonlyArray<Rule>, or InvalidInput naming the bad field
 */
export const validateRules = (input: unknown): ReadonlyArray<Rule> | InvalidInput => decodeRules(input);

/**
 * Validates and compiles an SLA set-up; an error names the field.
 * @example
 * const result = Automation.compileSlaSetup(JSON.parse(text))
 * if (result instanceof InvalidInput) console.error(result.issues)
 */
export const compileSlaSetup = (input: unknown): { setup: SlaSetup; compiled: CompiledSlaConfig; calendars: Record<string, CompiledCalendar> } | InvalidInput => {
  const setup = decodeInput(SlaSetup, input, "SLA set-up");
  if (setup instanceof InvalidInput) return setup;
  const calendars: Record<string, CompiledCalendar> = {};
  for (const [id, def] of Object.entries(setup.calendars ?? {})) {
    const cal = compileCalendar(def);
    if (cal instanceof InvalidInput) {
      return new InvalidInput({ message: `calendars.${id}: ${cal.message}`, issues: cal.issues.map((i) => ({ ...i, path: `calendars.${id}.${i.path}` })) });
    }
    calendars[id] = cal;
  }
  const compiled = compileSlaConfig({ policies: setup.policies, calendars, ...(setup.retarget ? { retarget: setup.retarget } : {}) });
  return compiled instanceof InvalidInput ? compiled : { setup, compiled, calendars };
};

const decodeEscalation = Schema.decodeUnknownSync(EscalationRule);

/**
 * Reads and compiles a service's automation from the store. Documents were validated when saved.
 * @example
 * const { rules, sla, escalation } = await Automation.loadAutomation(store, ServiceId("svc-support"))
 */
export async function loadAutomation(store: Store, serviceId: ServiceId): Promise<Automation> {
  const [ruleDocs, slaDocs, escalationDocs] = await Promise.all([
    store.listConfig(serviceId, configKeys.routing.kind),
    store.listConfig(serviceId, configKeys.sla.kind),
    store.listConfig(serviceId, "escalation-rule"),
  ]);
  const ruleDoc = ruleDocs.find((d) => d.id === configKeys.routing.id)?.doc;
  const decodedRules = ruleDoc === undefined ? [] : validateRules(ruleDoc);
  if (decodedRules instanceof InvalidInput) throw decodedRules;
  const slaDoc = slaDocs.find((d) => d.id === configKeys.sla.id)?.doc;
  const sla = slaDoc === undefined ? undefined : compileSlaSetup(slaDoc);
  if (sla instanceof InvalidInput) throw sla;
  const calendars = sla?.calendars ?? {};
  return {
    rules: decodedRules.length > 0 ? compileRules(decodedRules) : null,
    sla: sla && sla.setup.policies.length > 0 ? sla.compiled : null,
    calendars,
    escalation: escalationDocs.map((d) => decodeEscalation(d.doc)),
    isOpen: (calendarId, now) => {
      const cal = calendars[calendarId];
      return cal !== undefined && nextOpening(cal, now) === now;
    },
  };
}

/**
 * Caches each service's compiled automation for `ttlMs`, so a busy desk does not re-read and
 * recompile its rules on every command; `invalidate` drops a service after this process saves.
 * Other processes see a change within `ttlMs`.
 * @example
 * const cache = Automation.automationCache(5_000)
 * const automation = await cache.get(store, serviceId) // compiled once per 5 s per service
 */
export function automationCache(ttlMs = 5_000) {
  const entries = new Map<string, { at: number; value: Promise<Automation> }>();
  return {
    /** The service's compiled automation, loaded from the store if not cached within `ttlMs`. */
    get(store: Store, serviceId: ServiceId, now = performance.now()): Promise<Automation> {
      const hit = entries.get(serviceId);
      if (hit && now - hit.at < ttlMs) return hit.value;
      const value = loadAutomation(store, serviceId);
      entries.set(serviceId, { at: now, value });
      value.catch(() => entries.delete(serviceId));
      return value;
    },
    /** Drops one service's entry, or every entry without an argument. */
    invalidate(serviceId?: ServiceId) {
      if (serviceId === undefined) entries.clear();
      else entries.delete(serviceId);
    },
  };
}
/**
 * The cache `automationCache` returns.
 * @example
 * const cache: Automation.AutomationCache = Automation.automationCache(10_000)
 */
export type AutomationCache = ReturnType<typeof automationCache>;
