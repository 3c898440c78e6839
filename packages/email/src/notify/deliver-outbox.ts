import type { Store } from "@spoc/core";
import type { Mailer } from "../outbound/mailer";
import type { OutboxRenderer } from "./outbox-renderer";

/**
 * One delivery run: when, who, how many, and how failures are retried.
 * @example
 * await deliverOutbox(store, mailer, render, { now: Date.now(), workerId: "w1", limit: 20, leaseMs: 60_000 })
 */
export interface DeliverOptions {
  readonly now: number;
  readonly workerId: string;
  /** Most items claimed in this run (default 50). */
  readonly limit?: number;
  /** How long a claim holds before another worker may retry the item (default 5 min). */
  readonly leaseMs?: number;
  /** Retry after `baseMs · 2^attempts`, at most `maxMs` (defaults 1 min and 6 h). */
  readonly retry?: { readonly baseMs?: number; readonly maxMs?: number; readonly maxAttempts?: number };
}

/**
 * What a delivery run did.
 * @example
 * const { claimed, sent, failed }: DeliverReport = await deliverOutbox(store, mailer, render, { now: Date.now(), workerId: "w1" })
 */
export interface DeliverReport {
  readonly claimed: number;
  readonly sent: ReadonlyArray<{ readonly id: string; readonly messageId: string }>;
  readonly failed: ReadonlyArray<{ readonly id: string; readonly error: string; readonly retryAt: number }>;
}

/** When a failed item is tried again: exponential backoff, capped; never after `maxAttempts`. @example retryAt(0, 3, {}) // 480000 */
export const retryAt = (now: number, attemptsBefore: number, retry: NonNullable<DeliverOptions["retry"]>): number => {
  const attempts = attemptsBefore + 1;
  if (attempts >= (retry.maxAttempts ?? 12)) return Number.MAX_SAFE_INTEGER;
  return now + Math.min(retry.maxMs ?? 6 * 3_600_000, (retry.baseMs ?? 60_000) * 2 ** attemptsBefore);
};

/**
 * Delivers due outbox items: claims them with a lease, renders each, sends it with the `Mailer`,
 * and marks it sent or failed (to be retried with backoff). At-least-once: a crash after sending
 * and before marking sends again, with the same Message-ID (derived from the outbox id).
 *
 * @example
 * const report = await deliverOutbox(store, nodemailerMailer(transport), notificationRenderer(o), { now: Date.now(), workerId: "w1" })
 */
export const deliverOutbox = async (store: Store, mailer: Mailer, render: OutboxRenderer, options: DeliverOptions): Promise<DeliverReport> => {
  const items = await store.claimOutbox(options.now, {
    limit: options.limit ?? 50, leaseMs: options.leaseMs ?? 300_000, workerId: options.workerId,
  });
  const sent: Array<{ id: string; messageId: string }> = [];
  const failed: Array<{ id: string; error: string; retryAt: number }> = [];
  for (const item of items) {
    try {
      if (item.to.length === 0) throw new Error("no recipients");
      const mail = render(item);
      const result = await mailer.send(mail);
      if (result.accepted.length === 0) throw new Error(`every recipient was rejected: ${result.rejected.join(", ")}`);
      await store.markOutboxSent(item.id, options.now);
      sent.push({ id: item.id, messageId: mail.messageId });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const at = retryAt(options.now, item.attempts, options.retry ?? {});
      await store.markOutboxFailed(item.id, error, at);
      failed.push({ id: item.id, error, retryAt: at });
    }
  }
  return { claimed: items.length, sent, failed };
};
