import type { ServiceId, Store } from "@spoc/core";
import type { ImapFlow } from "imapflow";

/**
 * One IMAP folder a service takes mail from, and what happens to a message after import.
 * @example
 * const mailbox: ImapMailbox = { path: "INBOX", name: "support-inbox", afterImport: { moveTo: "Imported" } }
 */
export interface ImapMailbox {
  /** The folder, e.g. `INBOX`. */
  readonly path: string;
  /** Stable id of the folder in the store's cursors (default: the path); give one per account when several share a path. */
  readonly name?: string;
  /** After import: add a flag (default `\Seen`) or move the message to another folder. */
  readonly afterImport?: { readonly flag: string } | { readonly moveTo: string };
  /** Most messages taken per poll (default 100); the rest come next time. */
  readonly batch?: number;
}

/** The store cursor keys of a mailbox: its UIDVALIDITY and the last UID imported. @example imapCursorKeys("INBOX").uid // "imap:INBOX:uid" */
export const imapCursorKeys = (name: string) => ({ uidValidity: `imap:${name}:uidvalidity`, uid: `imap:${name}:uid` }) as const;

/**
 * What one poll of a mailbox did.
 * @example
 * const poll: MailboxPoll<IngestResult> = await pollMailbox(client, store, "svc-it", { path: "INBOX" }, ingest)
 * poll.imported.map(({ uid, result }) => `${uid}: ${result.action}`)
 */
export interface MailboxPoll<R> {
  readonly mailbox: string;
  readonly uidValidity: string;
  /** The server renumbered the folder (UIDVALIDITY changed): every message was read again, duplicates ignored. */
  readonly reset: boolean;
  readonly imported: ReadonlyArray<{ readonly uid: number; readonly result: R }>;
}

/**
 * Imports the messages of one folder that arrived since the last poll: UIDs above the stored last
 * UID, in order. Each is ingested, then flagged or moved, then the cursor advances — so a crash in
 * between re-reads a message, which ingest recognises as a duplicate. A new UIDVALIDITY starts over.
 *
 * @example
 * await pollMailbox(client, store, "svc-it", { path: "INBOX" }, (raw) => ingestEmail(desk, raw, options))
 */
export const pollMailbox = async <R>(
  client: ImapFlow,
  store: Store,
  serviceId: string,
  mailbox: ImapMailbox,
  ingest: (raw: Buffer, uid: number) => Promise<R>,
): Promise<MailboxPoll<R>> => {
  const service = serviceId as ServiceId;
  const keys = imapCursorKeys(mailbox.name ?? mailbox.path);
  const lock = await client.getMailboxLock(mailbox.path);
  try {
    if (client.mailbox === false) throw new Error(`mailbox ${mailbox.path} is not open`);
    const uidValidity = String(client.mailbox.uidValidity);
    const stored = await store.getCursor(service, keys.uidValidity);
    let last = Number((await store.getCursor(service, keys.uid)) ?? 0);
    const reset = stored !== undefined && stored !== uidValidity;
    if (stored !== uidValidity) {
      last = 0;
      await store.setCursor(service, keys.uid, "0");
      await store.setCursor(service, keys.uidValidity, uidValidity);
    }
    // `n:*` always matches the highest UID, even below n: filter.
    const found = (await client.search({ uid: `${last + 1}:*` }, { uid: true })) || [];
    const uids = found.filter((u) => u > last).sort((a, b) => a - b).slice(0, mailbox.batch ?? 100);
    const imported: Array<{ uid: number; result: R }> = [];
    for (const uid of uids) {
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (message && message.source) {
        imported.push({ uid, result: await ingest(message.source, uid) });
        const after = mailbox.afterImport ?? { flag: "\\Seen" };
        if ("moveTo" in after) await client.messageMove(String(uid), after.moveTo, { uid: true });
        else await client.messageFlagsAdd(String(uid), [after.flag], { uid: true });
      }
      await store.setCursor(service, keys.uid, String(uid));
    }
    return { mailbox: mailbox.path, uidValidity, reset, imported };
  } finally {
    lock.release();
  }
};
