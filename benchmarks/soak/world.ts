import type { ServiceId } from "@spoc/core";

/** The soak's fixed world: one service, a group with a lead, contacts, a stall rule. */
export const world = {
  service: "svc-soak" as ServiceId,
  list: "cl-soak",
  group: "grp-l1",
  lead: "ag-lead",
  agents: ["ag-1", "ag-2", "ag-3"],
  contacts: Array.from({ length: 20 }, (_, i) => `c-${i}`),
  system: { kind: "system", name: "soak" } as const,
  /** Virtual time: one real second is four minutes of the desk's clock, so stalls escalate within the run. */
  t0: Date.UTC(2026, 0, 5, 9),
  speed: 240,
  rule: {
    id: "stalled",
    serviceId: "svc-soak",
    name: "Stalled",
    enabled: true,
    condition: { kind: "no-update", minutes: 45 },
    levels: [
      { level: 1, actions: [{ kind: "notify-lead" }] },
      { level: 2, afterMinutes: 30, actions: [{ kind: "raise-priority" }] },
    ],
  },
};

/** The desk's clock: `t0` plus the real time since `startedAt`, sped up. Every process shares `startedAt`. */
export const virtualClock = (startedAt: number) => () => world.t0 + (Date.now() - startedAt) * world.speed;

/** What one soak process reports when its time is up. */
export interface WorkerLog {
  readonly workerId: string;
  /** Commands that got an answer: applied, or refused by the domain (`refused` too). */
  readonly answered: string[];
  /** Answered with a domain refusal (an illegal transition…): such a command changed nothing. */
  readonly refused: string[];
  /** Commands whose outcome the process never learned (the store stayed unavailable past every retry). */
  readonly unsure: string[];
  /** Commands whose marker (subject, note body, time-log note) can be found in the streams. */
  readonly checkable: string[];
  readonly delivered: string[];
  readonly sweeps: number;
  readonly sweepFailures: number;
  readonly escalations: number;
  readonly reportRuns: number;
  readonly reportFailures: number;
  readonly hostRetries: number;
  /** CPU time this process spent (user + system) while issuing its commands, in ms. */
  readonly cpuMs: number;
  /** Domain refusals by `_tag:code` (an illegal transition…), to see that none is a dropped connection in disguise. */
  readonly refusals: Record<string, number>;
  readonly errors: string[];
}
