import type { RunKey } from "./run-claims";

/**
 * How long a claimed run is held, and how transient delivery failures are retried.
 * @example
 * await runDueSchedules({ ...options, delivery: { ...defaultDeliveryPolicy, deadlineMs: 3_600_000 } })
 */
export interface DeliveryPolicy {
  /** How long a claim holds a run; a claimant killed mid-run loses it after this (default 10 minutes). */
  readonly leaseMs: number;
  /** How long after its first claim a run is retried before it is recorded as failed (default 6 hours). */
  readonly deadlineMs: number;
  /** The wait before the first retry; doubled for each further one (default 1 minute). */
  readonly backoffMs: number;
  /** The longest wait between retries (default 30 minutes). */
  readonly maxBackoffMs: number;
}

/** The policy used where a scheduler sets none. @example defaultDeliveryPolicy.deadlineMs // 21_600_000 */
export const defaultDeliveryPolicy: DeliveryPolicy = { leaseMs: 10 * 60_000, deadlineMs: 6 * 3_600_000, backoffMs: 60_000, maxBackoffMs: 30 * 60_000 };

/**
 * SMTP client timeouts for a report transport (nodemailer options): a server that stalls while
 * connecting, greeting or taking the data fails the attempt instead of hanging the scheduler.
 * @example nodemailer.createTransport({ url: smtpUrl, ...smtpTimeouts })
 */
export const smtpTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 } as const;

// Connection-level failures: the server may be back in a minute, and the message may or may not have arrived.
const transientCodes = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "ECONNRESET", "ECONNREFUSED", "EPIPE", "EDNS", "ETLS", "EPROTOCOL"]);

/**
 * Whether a delivery error is worth retrying: an SMTP 4xx reply (451, 421…), a refused, dropped or
 * timed-out connection. A 5xx reply or an error while rendering is permanent.
 * @example isTransientDeliveryError(Object.assign(new Error("451 try later"), { responseCode: 451 })) // true
 */
export const isTransientDeliveryError = (e: unknown): boolean => {
  const { responseCode, code } = (e ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === "number") return responseCode >= 400 && responseCode < 500;
  return typeof code === "string" && transientCodes.has(code);
};

/**
 * When the next attempt of a run may start, or undefined when that would pass its deadline.
 * Pure: `now` is an argument. Waits double from `backoffMs` up to `maxBackoffMs`.
 * @example retryAt({ attempts: 0, firstClaimedAt: 0 }, 5_000, defaultDeliveryPolicy) // 65_000
 */
export const retryAt = (run: { readonly attempts: number; readonly firstClaimedAt: number }, now: number, policy: DeliveryPolicy): number | undefined => {
  const at = now + Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.min(run.attempts, 30));
  return at > run.firstClaimedAt + policy.deadlineMs ? undefined : at;
};

/**
 * The Message-ID of a run: one per (service, schedule, fire time), so every resend of the run carries
 * the same id and a mailbox or a reader can tell a resend from a new report.
 * @example reportMessageId({ serviceId: "svc-it", scheduleId: "daily", fireTime: 0 }, "spoc.example") // "<report.svc-it.daily.0@spoc.example>"
 */
export const reportMessageId = (run: RunKey, domain: string): string =>
  `<report.${encodeURIComponent(run.serviceId)}.${encodeURIComponent(run.scheduleId)}.${run.fireTime}@${domain}>`;
