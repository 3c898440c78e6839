/**
 * SLA business-time benchmark: 1,000,000 due-date computations in Europe/Madrid, Mon–Fri
 * 09:00–18:00 with 10 holidays, against moment-business-time and luxon / date-fns loops timed
 * on a 5,000-input subsample of the same inputs. Ends with one JSON line.
 *
 *   cd benchmarks && npx node --conditions=source --experimental-strip-types sla/run.ts
 */
process.env.TZ = "Europe/Madrid"; // moment-business-time computes in the process zone; spoc ignores it
import "../source-resolution.ts";
import { dateFnsAdd, luxonAdd, momentAdd, ONE_OFF_HOLIDAYS, setUpMomentBusinessTime, YEARLY_HOLIDAYS, ZONE } from "./peers.ts";
import { timeSlaStatus } from "./sla-status.ts";

type Cal = unknown;
interface CalendarApi {
  compileCalendarOrThrow: (def: unknown, options?: unknown) => Cal;
  addBusinessTime: (cal: Cal, start: number, ms: number) => number;
}

const hasCalendarApi = (x: unknown): x is CalendarApi =>
  typeof x === "object" && x !== null && typeof (x as CalendarApi).addBusinessTime === "function";

/** The calendar API as `@spoc/core` exports it (any namespace), else straight from its source folder. */
const loadCalendarApi = async (): Promise<{ api: CalendarApi; from: string }> => {
  try {
    const core = (await import("@spoc/core")) as Record<string, unknown>;
    const queue: Array<[string, unknown]> = [["@spoc/core", core]];
    for (let k = 0; k < queue.length && k < 50; k++) {
      const [name, ns] = queue[k] as [string, unknown];
      if (hasCalendarApi(ns)) return { api: ns, from: name };
      if (typeof ns === "object" && ns !== null)
        for (const [key, value] of Object.entries(ns)) if (typeof value === "object" && value !== null) queue.push([`${name}.${key}`, value]);
    }
  } catch (error) {
    console.error(`@spoc/core did not load (${(error as Error).message.split("\n")[0]}); using the calendar sources directly`);
  }
  const api = (await import("../../packages/core/src/sla/calendar/index.ts")) as unknown as CalendarApi;
  return { api, from: "packages/core/src/sla/calendar" };
};

const { api, from } = await loadCalendarApi();
const definition = {
  timeZone: ZONE,
  hours: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "18:00"]]])),
  holidays: [...YEARLY_HOLIDAYS, ...ONE_OFF_HOLIDAYS],
};
const cal = api.compileCalendarOrThrow(definition);

// Fixed-seed inputs: start instants uniform over 2025, amounts log-uniform from 1 minute to 90 days (whole minutes).
const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const N = 1_000_000;
const SUBSAMPLE = 5_000;
const MIN = 60_000;
const DAYS_90 = 90 * 86_400_000;
const random = mulberry32(20_250_101);
const yearStart = Date.parse("2025-01-01T00:00:00+01:00");
const yearEnd = Date.parse("2026-01-01T00:00:00+01:00");
const starts = new Float64Array(N);
const amounts = new Float64Array(N);
for (let i = 0; i < N; i++) {
  starts[i] = yearStart + Math.floor(random() * (yearEnd - yearStart));
  amounts[i] = Math.max(1, Math.round(Math.exp(random() * Math.log(DAYS_90 / MIN)))) * MIN;
}

const timeSpoc = (fixedAmount?: number): number => {
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) sink += api.addBusinessTime(cal, starts[i] as number, fixedAmount ?? (amounts[i] as number));
  const ns = Number(process.hrtime.bigint() - t0);
  if (sink === 42) console.log(""); // keep the loop observable
  return ns;
};

const timePeer = (add: (start: number, ms: number) => number): { opsPerS: number; results: Float64Array } => {
  const results = new Float64Array(SUBSAMPLE);
  for (let i = 0; i < 200; i++) add(starts[i] as number, amounts[i] as number); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < SUBSAMPLE; i++) results[i] = add(starts[i] as number, amounts[i] as number);
  const ns = Number(process.hrtime.bigint() - t0);
  return { opsPerS: SUBSAMPLE / (ns / 1e9), results };
};

timeSpoc(); // warm-up: JIT, and the lazily built year tables of 2025–2026
const spocNs = timeSpoc();
const spocOpsPerS = N / (spocNs / 1e9);
timeSpoc(MIN);
const ns1min = timeSpoc(MIN) / N;
timeSpoc(DAYS_90);
const ns90d = timeSpoc(DAYS_90) / N;

setUpMomentBusinessTime();
const peers = {
  "moment-business-time": timePeer(momentAdd),
  "luxon loop": timePeer(luxonAdd),
  "date-fns + @date-fns/tz loop": timePeer(dateFnsAdd),
};
const stay = api.compileCalendarOrThrow(definition, { endAtClose: "stay" });
const agreement = Object.entries(peers).map(([name, { opsPerS, results }]) => {
  let agree = 0;
  let agreeStay = 0;
  const firstDisagreements: string[] = [];
  for (let i = 0; i < SUBSAMPLE; i++) {
    const s = starts[i] as number;
    const a = amounts[i] as number;
    const mine = api.addBusinessTime(cal, s, a);
    if (results[i] === mine) agree++;
    else if (firstDisagreements.length < 3)
      firstDisagreements.push(`${new Date(s).toISOString()} + ${a / MIN} min: spoc ${new Date(mine).toISOString()}, peer ${new Date(results[i] as number).toISOString()}`);
    if (results[i] === api.addBusinessTime(stay, s, a)) agreeStay++;
  }
  return { name, opsPerS, agree, agreeStay, firstDisagreements };
});

console.log(`spoc (${from}): ${Math.round(spocOpsPerS).toLocaleString("en")} ops/s over ${N.toLocaleString("en")} due dates; 1 min ${ns1min.toFixed(0)} ns/op, 90 days ${ns90d.toFixed(0)} ns/op`);
for (const p of agreement) {
  console.log(`${p.name}: ${Math.round(p.opsPerS).toLocaleString("en")} ops/s; agrees with spoc on ${p.agree}/${SUBSAMPLE} (with endAtClose "stay": ${p.agreeStay}/${SUBSAMPLE})`);
  for (const d of p.firstDisagreements) console.log(`  differs: ${d}`);
}
const best = agreement.reduce((a, b) => (b.opsPerS > a.opsPerS ? b : a));
const slaStatusUs = await timeSlaStatus();
console.log(
  JSON.stringify({
    spoc_ops_per_s: Math.round(spocOpsPerS),
    best_peer: best.name,
    best_peer_ops_per_s: Math.round(best.opsPerS),
    ratio_vs_best_peer: Number((spocOpsPerS / best.opsPerS).toFixed(1)),
    ns_per_op_1min: Number(ns1min.toFixed(1)),
    ns_per_op_90d: Number(ns90d.toFixed(1)),
    slastatus_50_events_us: slaStatusUs,
  }),
);
