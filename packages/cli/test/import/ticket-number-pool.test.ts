import { memoryStore, type ServiceId, type Store } from "@spoc/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ticketNumberPool } from "../../src/import/ticket-number-pool";

const svc = "svc-pool" as ServiceId;

/** The memory store without the optional block methods: a store that allocates one number at a time. */
const singleNumbers = (store: Store): Store => ({ ...store, allocateTicketNumberBlock: undefined, releaseTicketNumberBlock: undefined });

describe("ticket number pool", () => {
  it("numbers batches in order without gaps, reserving one batch ahead and giving the rest back", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 12 }), fc.integer({ min: 1, max: 10 }), async (batches, ahead) => {
        const store = memoryStore();
        const pool = ticketNumberPool(store, svc, ahead);
        const taken: number[] = [];
        for (const n of batches) {
          const batch = await pool.take(n);
          for (const t of batch) pool.written(t);
          taken.push(...batch);
          pool.reserveAhead();
        }
        await pool.release();
        const total = batches.reduce((a, b) => a + b, 0);
        expect(taken).toEqual(Array.from({ length: total }, (_, i) => i + 1));
        // Nothing reserved is lost: the next number follows the last one used.
        expect(await store.allocateTicketNumber(svc)).toBe(total + 1);
      }),
      { numRuns: 60 },
    );
  });

  it("never hands out a number twice when another writer allocates between batches; what it cannot give back stays a gap", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 3 })), { maxLength: 10 }), async (steps) => {
        const store = memoryStore();
        const pool = ticketNumberPool(store, svc, 5);
        const all: number[] = [];
        for (const [n, others] of steps) {
          const batch = await pool.take(n);
          for (const t of batch) pool.written(t);
          all.push(...batch);
          pool.reserveAhead();
          for (let i = 0; i < others; i++) all.push(await store.allocateTicketNumber(svc));
        }
        await pool.release();
        all.push(await store.allocateTicketNumber(svc));
        expect(new Set(all).size).toBe(all.length);
      }),
      { numRuns: 60 },
    );
  });

  it("on a store without blocks it reserves nothing and allocates exactly what each batch takes", async () => {
    const store = singleNumbers(memoryStore());
    const pool = ticketNumberPool(store, svc, 100);
    expect(await pool.take(3)).toEqual([1, 2, 3]);
    pool.reserveAhead();
    expect(await pool.take(2)).toEqual([4, 5]);
    await pool.release();
    expect(await store.allocateTicketNumber(svc)).toBe(6);
  });

  it("gives back every number no written ticket holds, those taken included, down to the last written", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.boolean(), { maxLength: 8 }), { maxLength: 8 }), fc.integer({ min: 1, max: 10 }), async (batches, ahead) => {
        const store = memoryStore();
        const pool = ticketNumberPool(store, svc, ahead);
        let last = 0;
        for (const writes of batches) {
          await pool.ensure(writes.length);
          for (const w of writes) {
            const n = pool.next();
            if (w) {
              pool.written(n);
              last = Math.max(last, n);
            } else pool.giveBack(n); // a ticket not opened: its number goes to the next one
          }
          pool.reserveAhead();
        }
        await pool.release();
        expect(await store.allocateTicketNumber(svc)).toBe(last + 1);
      }),
      { numRuns: 60 },
    );
  });

  it("numbers written tickets without gaps when some tickets are not opened", async () => {
    const pool = ticketNumberPool(memoryStore(), svc, 10);
    await pool.ensure(3);
    const a = pool.next();
    pool.giveBack(a);
    expect([pool.next(), pool.next()]).toEqual([1, 2]);
  });
});
