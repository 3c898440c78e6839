/**
 * Routing benchmark: the same 200 rules (2–5 conditions each, all/any) over the same 100,000 generated tickets
 * (fixed seeds) through spoc's compiled rule set, a hand-written loop of predicate closures, and json-rules-engine
 * (timed on a 2,000-ticket subsample: it is about three orders of magnitude slower). Checks the engines fire the
 * same rules, then ends with one JSON line.
 *
 *   cd benchmarks && npx node --conditions=source --experimental-strip-types routing/run.ts
 */
import "../source-resolution.ts";
import { performance } from "node:perf_hooks";
import type { Rule } from "../../packages/core/src/routing/index.ts";
import { handwritten } from "./handwritten.ts";
import { jsonRulesEngine } from "./json-rules-engine.ts";
import { makeFacts, makeRules } from "./workload.ts";

// Loaded after the resolve hook is registered (static imports would resolve before it runs).
const { compileRules, decodeRules } = await import("../../packages/core/src/routing/index.ts");

const TICKETS = Number(process.env.TICKETS ?? 100_000);
const JRE_TICKETS = Number(process.env.JRE_TICKETS ?? 2_000);
const ROUNDS = 3;

const decoded = decodeRules(makeRules());
if (!Array.isArray(decoded)) throw new Error(`the benchmark's rules are invalid: ${(decoded as Error).message}`);
const rules = decoded as ReadonlyArray<Rule>;
const facts = makeFacts(7, TICKETS);

const spoc = compileRules(rules);
const hand = handwritten(rules);
const jre = jsonRulesEngine(rules);

/** Runs a synchronous router over every ticket; returns seconds and a checksum of fired rules (keeps the work live). */
const timeSync = (route: (f: (typeof facts)[number]) => { fired: ReadonlyArray<unknown> }): { s: number; fired: number } => {
  let fired = 0;
  const t0 = performance.now();
  for (let i = 0; i < facts.length; i++) fired += route(facts[i]!).fired.length;
  return { s: (performance.now() - t0) / 1000, fired };
};

// Same rules fired: spoc against the hand-written loop on every ticket, against json-rules-engine on a sample.
for (let i = 0; i < facts.length; i++) {
  const a = spoc.evaluate(facts[i]!).fired.join(",");
  const b = hand(facts[i]!).fired.join(",");
  if (a !== b) throw new Error(`spoc and the hand-written loop disagree on ticket ${i}: ${a} vs ${b}`);
}
const order = new Map(rules.map((r, i) => [r.id as string, i]));
const sorted = (ids: ReadonlyArray<string>) => [...ids].sort((x, y) => order.get(x)! - order.get(y)!).join(",");
let checked = 0;
for (let i = 0; i < Math.min(500, JRE_TICKETS); i++) {
  const a = spoc.evaluate(facts[i]!).fired.join(",");
  const b = sorted(await jre(facts[i]!));
  if (a !== b) throw new Error(`spoc and json-rules-engine disagree on ticket ${i}: ${a} vs ${b}`);
  checked++;
}

// Warm up, then alternate rounds and keep each engine's best.
timeSync((f) => spoc.evaluate(f));
timeSync(hand);
let spocBest = Infinity;
let handBest = Infinity;
let firedTotal = 0;
for (let round = 0; round < ROUNDS; round++) {
  const s = timeSync((f) => spoc.evaluate(f));
  const h = timeSync(hand);
  spocBest = Math.min(spocBest, s.s);
  handBest = Math.min(handBest, h.s);
  firedTotal = s.fired;
}

const t0 = performance.now();
for (let i = 0; i < JRE_TICKETS; i++) await jre(facts[i]!);
const jreS = (performance.now() - t0) / 1000;

const spocRate = TICKETS / spocBest;
const handRate = TICKETS / handBest;
const jreRate = JRE_TICKETS / jreS;
console.error(
  `rules: ${rules.length}, tickets: ${TICKETS} (json-rules-engine: ${JRE_TICKETS}), rules fired per ticket: ${(firedTotal / TICKETS).toFixed(2)}, ` +
    `same rules fired: all ${TICKETS} tickets vs hand-written, ${checked} vs json-rules-engine; spoc mode: ${spoc.mode}`,
);
console.error(`spoc ${spocRate.toFixed(0)}/s, hand-written ${handRate.toFixed(0)}/s, json-rules-engine ${jreRate.toFixed(0)}/s`);
console.log(
  JSON.stringify({
    spoc_tickets_per_s: Math.round(spocRate),
    json_rules_engine_tickets_per_s: Math.round(jreRate),
    ratio_vs_json_rules_engine: Number((spocRate / jreRate).toFixed(1)),
    handwritten_tickets_per_s: Math.round(handRate),
    ratio_vs_handwritten: Number((spocRate / handRate).toFixed(2)),
  }),
);
