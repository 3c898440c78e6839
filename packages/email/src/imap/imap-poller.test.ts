import type { ServiceId } from "@spoc/core";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deskFixture, rawEmail } from "../../test/desk/desk-fixture";
import { dovecotMissing, freePort, startDovecot, type Dovecot } from "../../test/imap/dovecot";
import { ingestEmail } from "../ingest/ingest-email";
import { pollImapOnce, reconnectDelay, startImapPoller } from "./imap-poller";
import { imapCursorKeys } from "./poll-mailbox";

const missing = dovecotMissing();
if (missing) console.warn(`skipping the IMAP tests against dovecot: ${missing}`);

describe("reconnectDelay", () => {
  it("doubles from the base up to the cap", () => {
    expect([1, 2, 3, 4].map((n) => reconnectDelay(n, { baseMs: 100, maxMs: 500 }))).toEqual([100, 200, 400, 500]);
  });
});

describe.skipIf(missing !== null)("IMAP polling against a real dovecot on 127.0.0.1", () => {
  let dovecot: Dovecot;
  let folder = 0;
  beforeAll(async () => {
    dovecot = await startDovecot(process.env["SPOC_DOVECOT"]!);
  }, 30_000);
  afterAll(async () => {
    await dovecot?.stop();
  });

  const imap = () => ({ host: "127.0.0.1", port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.pass } });
  /** A fresh folder per test, filled with IMAP APPEND. */
  const mailbox = async (...messages: Buffer[]) => {
    const path = `Test${++folder}`;
    const client = new ImapFlow({ ...imap(), logger: false });
    await client.connect();
    await client.mailboxCreate(path);
    for (const m of messages) await client.append(path, m);
    await client.logout();
    return path;
  };
  const append = async (path: string, message: Buffer) => {
    const client = new ImapFlow({ ...imap(), logger: false });
    await client.connect();
    await client.append(path, message);
    await client.logout();
  };
  const flagsIn = async (path: string) => {
    const client = new ImapFlow({ ...imap(), logger: false });
    await client.connect();
    const lock = await client.getMailboxLock(path);
    const flags: string[][] = [];
    try {
      for await (const m of client.fetch("1:*", { flags: true })) flags.push([...(m.flags ?? [])]);
    } catch { /* an empty folder has no 1:* */ }
    lock.release();
    await client.logout();
    return flags;
  };
  const m1 = rawEmail({ From: "Ann <ann@example.com>", Subject: "Printer", "Message-ID": "<i1@example.com>" }, "Jammed.");
  const m2 = rawEmail({ From: "ann@example.com", Subject: "Re: Printer", "Message-ID": "<i2@example.com>", "In-Reply-To": "<i1@example.com>" }, "Still.");
  const m3 = rawEmail({ From: "cy@example.com", Subject: "Laptop", "Message-ID": "<i3@example.com>" }, "Broken screen.");

  const setup = async () => {
    const f = await deskFixture();
    const poll = (path: string, extra: object = {}) =>
      pollImapOnce({
        imap: imap(), store: f.desk.store, serviceId: "svc-it", mailboxes: [{ path, ...extra }],
        ingest: (raw) => ingestEmail(f.desk, raw, f.ingest),
      });
    const tickets = async () => (await f.desk.store.listTickets("svc-it" as ServiceId, {})).items;
    return { f, poll, tickets };
  };

  it("imports every new message once, threads the conversation and flags what it took as \\Seen", async () => {
    const { poll, tickets } = await setup();
    const path = await mailbox(m1, m2);
    const [result] = await poll(path);
    expect(result?.imported.map((i) => i.result.action)).toEqual(["created", "appended"]);
    expect(await tickets()).toHaveLength(1);
    expect(await flagsIn(path)).toEqual([["\\Seen"], ["\\Seen"]]);
  });

  it("continues after a restart with only the messages that arrived since", async () => {
    const { poll, tickets } = await setup();
    const path = await mailbox(m1);
    await poll(path);
    await append(path, m3);
    const [again] = await poll(path);
    expect(again?.imported.map((i) => i.result.subject)).toEqual(["Laptop"]);
    expect(await tickets()).toHaveLength(2);
  });

  it("records the UIDVALIDITY and last UID in the store", async () => {
    const { f, poll } = await setup();
    const path = await mailbox(m1, m3);
    const [result] = await poll(path);
    const keys = imapCursorKeys(path);
    expect(await f.desk.store.getCursor("svc-it" as ServiceId, keys.uidValidity)).toBe(result?.uidValidity);
    expect(await f.desk.store.getCursor("svc-it" as ServiceId, keys.uid)).toBe(String(result?.imported.at(-1)?.uid));
  });

  it("reads everything again after a UIDVALIDITY change and adds nothing twice", async () => {
    const { f, poll, tickets } = await setup();
    const path = await mailbox(m1, m2, m3);
    await poll(path);
    await f.desk.store.setCursor("svc-it" as ServiceId, imapCursorKeys(path).uidValidity, "1");
    const [again] = await poll(path);
    expect(again?.reset).toBe(true);
    expect(again?.imported.map((i) => i.result.action)).toEqual(["ignored", "ignored", "ignored"]);
    expect(await tickets()).toHaveLength(2);
  });

  it("moves imported messages when the mailbox says so", async () => {
    const { poll } = await setup();
    const path = await mailbox(m1);
    const done = await mailbox();
    await poll(path, { afterImport: { moveTo: done } });
    expect(await flagsIn(path)).toEqual([]);
    expect(await flagsIn(done)).toHaveLength(1);
  });

  it("keeps polling: reconnects with backoff until the server is there, then imports", async () => {
    const { f, tickets } = await setup();
    const port = await freePort();
    const errors: number[] = [];
    const poller = startImapPoller({
      imap: { ...imap(), port }, store: f.desk.store, serviceId: "svc-it", mailboxes: [{ path: "INBOX" }],
      ingest: (raw) => ingestEmail(f.desk, raw, f.ingest),
      intervalMs: 60_000, backoff: { baseMs: 50, maxMs: 200 },
      onError: (_e, _failures, delay) => errors.push(delay),
    });
    let late: Dovecot | undefined;
    try {
      while (errors.length < 3) await new Promise((r) => setTimeout(r, 20));
      expect(errors.slice(0, 3)).toEqual([50, 100, 200]);
      late = await startDovecot(process.env["SPOC_DOVECOT"]!, port);
      const client = new ImapFlow({ ...imap(), port, logger: false });
      await client.connect();
      await client.append("INBOX", m3);
      await client.logout();
      // A poll the backoff scheduled may be in flight (and see the empty mailbox); poll until the mail lands.
      for (const until = Date.now() + 10_000; (await tickets()).length === 0 && Date.now() < until;) {
        await poller.pollNow();
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await tickets()).map((t) => t.subject)).toEqual(["Laptop"]);
    } finally {
      await poller.stop();
      await late?.stop();
    }
  });
});
