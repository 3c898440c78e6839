import type { Store } from "@spoc/core";
import { ImapFlow, type ImapFlowOptions } from "imapflow";
import { pollMailbox, type ImapMailbox, type MailboxPoll } from "./poll-mailbox";

/**
 * An IMAP account polled for one service: where to connect, which folders, how often.
 * @example
 * startImapPoller({ imap: { host: "imap.example.com", port: 993, secure: true, auth }, mailboxes: [{ path: "INBOX" }], store, serviceId: "svc-it", ingest: (raw) => ingestEmail(desk, raw, options) })
 */
export interface ImapPollerOptions<R> {
  /** imapflow connection options (host, port, secure, auth…); `logger` defaults to off. */
  readonly imap: ImapFlowOptions;
  readonly mailboxes: ReadonlyArray<ImapMailbox>;
  readonly store: Store;
  readonly serviceId: string;
  /** Takes one raw message in, e.g. `(raw) => ingestEmail(desk, raw, options)`. */
  readonly ingest: (raw: Buffer, mailbox: ImapMailbox) => Promise<R>;
  /** Pause between polls (default 60 s). */
  readonly intervalMs?: number;
  /** Reconnect after `baseMs · 2^(failures−1)`, at most `maxMs` (defaults 1 s and 5 min). */
  readonly backoff?: { readonly baseMs?: number; readonly maxMs?: number };
  /** Called after each mailbox is polled, with what was fetched and ingested. */
  readonly onPoll?: (poll: MailboxPoll<R>) => void;
  /** Called when a round fails (connection, login, fetch), with the consecutive failures and the delay before reconnecting. */
  readonly onError?: (error: unknown, failures: number, retryInMs: number) => void;
}

/**
 * A running poller.
 * @example
 * const poller: ImapPoller = startImapPoller(options)
 * await poller.pollNow() // a round now, not at the next interval
 * await poller.stop()
 */
export interface ImapPoller {
  /** Polls now instead of waiting for the interval; resolves after that round. */
  pollNow(): Promise<void>;
  /** Stops after the current message and logs out. */
  stop(): Promise<void>;
}

/** The wait before reconnect attempt `failures` (1, 2, …). @example reconnectDelay(3, {}) // 4000 */
export const reconnectDelay = (failures: number, backoff: NonNullable<ImapPollerOptions<unknown>["backoff"]>): number =>
  Math.min(backoff.maxMs ?? 300_000, (backoff.baseMs ?? 1_000) * 2 ** Math.max(0, failures - 1));

/**
 * Connects once and polls every folder of the account in turn (a single round, then logs out):
 * for cron jobs and the CLI.
 *
 * @example
 * await pollImapOnce({ imap: { host, port, auth }, mailboxes: [{ path: "INBOX" }], store, serviceId, ingest })
 */
export const pollImapOnce = async <R>(options: Omit<ImapPollerOptions<R>, "intervalMs" | "backoff" | "onError">): Promise<ReadonlyArray<MailboxPoll<R>>> => {
  const client = new ImapFlow({ logger: false, ...options.imap });
  await client.connect();
  try {
    return await pollAll(client, options);
  } finally {
    await client.logout().catch(() => client.close());
  }
};

const pollAll = async <R>(client: ImapFlow, options: Omit<ImapPollerOptions<R>, "intervalMs" | "backoff" | "onError">) => {
  const polls: Array<MailboxPoll<R>> = [];
  for (const mailbox of options.mailboxes) {
    const poll = await pollMailbox(client, options.store, options.serviceId, mailbox, (raw) => options.ingest(raw, mailbox));
    options.onPoll?.(poll);
    polls.push(poll);
  }
  return polls;
};

/**
 * Polls an IMAP account until stopped: one connection, every folder each round, reconnecting with
 * exponential backoff when the server goes away. Progress lives in the store, so a restarted
 * poller continues where the last one stopped.
 *
 * @example
 * const poller = startImapPoller({ imap: { host: "imap.example.com", port: 993, secure: true, auth }, mailboxes: [{ path: "INBOX" }], store, serviceId: "svc-it", ingest })
 * // later: await poller.stop()
 */
export const startImapPoller = <R>(options: ImapPollerOptions<R>): ImapPoller => {
  let stopped = false;
  let client: ImapFlow | null = null;
  let wake: (() => void) | null = null;
  let roundDone: Array<() => void> = [];
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => { wake = null; resolve(); }, ms);
      wake = () => { clearTimeout(timer); wake = null; resolve(); };
    });
  const disconnect = async () => {
    const c = client;
    client = null;
    if (c) await c.logout().catch(() => c.close());
  };
  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      // Callers of pollNow() wait for a round that starts after their call.
      const waiting = roundDone;
      roundDone = [];
      try {
        if (client === null || !client.usable) {
          if (client) client.close();
          client = new ImapFlow({ logger: false, ...options.imap });
          await client.connect();
        }
        await pollAll(client, options);
        failures = 0;
        for (const resolve of waiting) resolve();
        if (!stopped && roundDone.length === 0) await sleep(options.intervalMs ?? 60_000);
      } catch (e) {
        roundDone = [...waiting, ...roundDone];
        failures++;
        const delay = reconnectDelay(failures, options.backoff ?? {});
        options.onError?.(e, failures, delay);
        if (client) client.close();
        client = null;
        if (!stopped) await sleep(delay);
      }
    }
    await disconnect();
    for (const resolve of roundDone) resolve();
  })();
  return {
    pollNow: () => new Promise<void>((resolve) => { roundDone.push(resolve); wake?.(); }),
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
};
