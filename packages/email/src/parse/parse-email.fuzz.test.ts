import { isDeskError, memoryStore, type Store } from "@spoc/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadSharedCases, sharedCasesDir } from "../../test/corpus/shared-cases";
import { deskFixture } from "../../test/desk/desk-fixture";
import { ingestEmail } from "../ingest/ingest-email";
import { memoryAttachmentStore } from "./attachment-store";
import { MalformedEmail } from "./malformed-email";
import { parseEmail } from "./parse-email";

// Fuzz suite (issue 20, part 10): the mail parser and ingest on mutations of real mail. Only
// typed outcomes (an InboundEmail or MalformedEmail; an ingest result or a Desk error), no
// message past the time budget, and a message refused (malformed, or an error) writes nothing.
//   SPOC_FUZZ_RUNS=N      N messages per property (default: 200 within a few seconds)
//   SPOC_FUZZ_BUDGET_MS=N the time one message may take (default 2,000 ms)
//   SPOC_FUZZ_SEED=N      replays a reported failure

const runs = Number(process.env["SPOC_FUZZ_RUNS"] ?? "");
const budgetMs = Number(process.env["SPOC_FUZZ_BUDGET_MS"] ?? "") || 2000;
const timeout = Number.isInteger(runs) && runs > 0 ? 3_600_000 : 30_000;
const seed = process.env["SPOC_FUZZ_SEED"] === undefined ? undefined : Number(process.env["SPOC_FUZZ_SEED"]);
const parameters = (seconds = 4): fc.Parameters<unknown> => ({
  ...(Number.isInteger(runs) && runs > 0 ? { numRuns: runs } : { numRuns: 200, interruptAfterTimeLimit: seconds * 1000, markInterruptAsFailure: false }),
  ...(seed === undefined ? {} : { seed }),
});

const crlf = (lines: ReadonlyArray<string>) => Buffer.from(`${lines.join("\r\n")}\r\n`);
/** A few messages of each shape, so the suite does something without the shared corpus. */
const builtinSeeds: ReadonlyArray<Buffer> = [
  crlf(["From: Carla <carla@example.com>", "To: it@desk.example", "Subject: Printer", "Message-ID: <a1@example.com>", "Date: Mon, 6 Jan 2025 09:00:00 +0000", "", "It is on fire."]),
  crlf(["From: carla@example.com", "Subject: =?utf-8?Q?caf=C3=A9_=00_down?=", "In-Reply-To: <a1@example.com>", "References: <a0@example.com> <a1@example.com>", "Message-ID: <a2@example.com>", "", "> quoted", "reply"]),
  crlf([
    "From: dan@example.org", "Subject: report", "MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="b1"', "", "--b1",
    "Content-Type: text/html; charset=iso-8859-1", "Content-Transfer-Encoding: quoted-printable", "", "<p>caf=E9 <script>x()</script></p>", "--b1",
    'Content-Type: application/pdf; name="r.pdf"', "Content-Disposition: attachment; filename*=UTF-8''r%C3%A9.pdf", "Content-Transfer-Encoding: base64", "", "JVBERi0xLjQK", "--b1--",
  ]),
  crlf(["From: MAILER-DAEMON@mx.example", "Subject: Undelivered Mail Returned to Sender", "Auto-Submitted: auto-replied", "Content-Type: multipart/report; report-type=delivery-status; boundary=r", "", "--r", "Content-Type: message/delivery-status", "", "Status: 5.1.1", "--r--"]),
  crlf(["From: bot@example.com", "Subject: Out of office", "X-Autoreply: yes", "Precedence: bulk", "", "Away."]),
];

const { dir, missing } = sharedCasesDir();
if (missing) console.warn(`fuzz: mutating the built-in seed messages only: ${missing}`);
const seeds: ReadonlyArray<Buffer> = [...builtinSeeds, ...(missing ? [] : loadSharedCases(dir).flatMap((c) => c.messages.map((m) => m.raw)))];

/** Pieces that have broken mail parsers: boundaries, encoded words, bad charsets, NUL, 8-bit, folding. */
const hostileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 32 }).map((a) => Buffer.from(a)),
  fc.constantFrom(
    "\r\n\r\n", "\n", "\r", "\u0000", "\r\n ", "--b1\r\n", "--b1--\r\n", "=?utf-8?Q?hello=00world?=", "=?x-unknown?B?////?=", "=?utf-8?B?7aCA?=",
    '\r\nContent-Type: multipart/mixed; boundary=""\r\n', "\r\nContent-Type: message/rfc822\r\n\r\n", "\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!",
    "\r\nIn-Reply-To: <a1@example.com>\r\n", "\r\nReferences: " + "<x@y> ".repeat(500), "\r\nSubject: " + "=?utf-8?Q?a?= ".repeat(300),
    "\r\nFrom: \"\\\"\" <@>, ,,<a@>\r\n", "\r\nDate: Mon, 99 Foo 99999 99:99:99 +9999\r\n", "<" + "a".repeat(5000) + ">",
  ).map((s) => Buffer.from(s, "latin1")),
  fc.constantFrom(Buffer.from([0xff, 0xfe, 0x00]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xc0, 0xaf])),
);

type Mutation = (b: Buffer) => Buffer;
const at = (b: Buffer, n: number) => (b.length === 0 ? 0 : n % (b.length + 1));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([p, v]): Mutation => (b) => {
    const c = Buffer.from(b);
    if (c.length > 0) c[p % c.length] = v;
    return c;
  }),
  fc.tuple(fc.nat(), hostileBytes).map(([p, piece]): Mutation => (b) => Buffer.concat([b.subarray(0, at(b, p)), piece, b.subarray(at(b, p))])),
  fc.tuple(fc.nat(), fc.nat(200)).map(([p, n]): Mutation => (b) => Buffer.concat([b.subarray(0, at(b, p)), b.subarray(at(b, p) + n)])),
  fc.nat().map((p): Mutation => (b) => b.subarray(0, at(b, p))),
  fc.tuple(fc.nat(), fc.nat(400), fc.integer({ min: 2, max: 200 })).map(([p, n, times]): Mutation => (b) => {
    const from = at(b, p);
    const piece = b.subarray(from, from + n);
    return Buffer.concat([b.subarray(0, from), ...Array.from({ length: times }, () => piece), b.subarray(from)]);
  }),
);
const message = fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([seed, ms]) => ms.reduce((b, m) => m(b), seed));

/** A store that records the name of every write called on it. */
const recordingStore = (store: Store) => {
  const writes: string[] = [];
  const recorded = new Proxy(store, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      if (typeof v !== "function") return v;
      const f = v as (...a: unknown[]) => unknown;
      return typeof key === "string" && /^(put|append|allocate|release|delete|set|claim|mark)/.test(key)
        ? (...args: unknown[]) => (writes.push(key), f.apply(target, args))
        : f.bind(target);
    },
  });
  return { store: recorded, writes };
};

describe("fuzz: parseEmail", () => {
  it(`gives an InboundEmail or a MalformedEmail for any mutation of ${seeds.length} seed messages, within the budget`, { timeout }, async () => {
    await fc.assert(
      fc.asyncProperty(message, async (raw) => {
        const start = performance.now();
        const outcome = await parseEmail(raw, { attachmentStore: memoryAttachmentStore(), timeoutMs: budgetMs }).then(
          (email) => email,
          (e: unknown) => e,
        );
        expect(performance.now() - start, "time budget").toBeLessThan(budgetMs + 500);
        if (outcome instanceof Error && !(outcome instanceof MalformedEmail)) throw new Error(`untyped failure: ${outcome.message}`, { cause: outcome });
        if (!(outcome instanceof MalformedEmail)) {
          expect(typeof (outcome as { text: unknown }).text).toBe("string");
          expect(Array.isArray((outcome as { references: unknown }).references)).toBe(true);
        }
      }),
      parameters(),
    );
  });
});

describe("fuzz: ingestEmail", () => {
  it("takes any mutated message into a desk or refuses it with a typed error, and a refused message writes nothing", { timeout }, async () => {
    const recorded = recordingStore(memoryStore());
    const f = await deskFixture({ store: recorded.store });
    await fc.assert(
      fc.asyncProperty(message, async (raw) => {
        recorded.writes.length = 0;
        const start = performance.now();
        const outcome = await ingestEmail(f.desk, raw, { ...f.ingest, limits: { timeoutMs: budgetMs } }).then(
          (r) => ({ ok: true as const, r }),
          (e: unknown) => ({ ok: false as const, e }),
        );
        expect(performance.now() - start, "time budget").toBeLessThan(budgetMs * 2);
        if (outcome.ok) {
          if (outcome.r.action === "ignored" && outcome.r.reason.startsWith("malformed")) expect(recorded.writes).toEqual([]);
          return;
        }
        if (!isDeskError(outcome.e)) throw new Error(`untyped failure: ${String(outcome.e)}`, { cause: outcome.e });
        expect(recorded.writes, `writes of a refused message (${(outcome.e as Error).message})`).toEqual([]);
      }),
      parameters(6),
    );
  });
});
