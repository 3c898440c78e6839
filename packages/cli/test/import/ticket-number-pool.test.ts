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
          taken.push(...(await pool.take(n)));
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
          all.push(...(await pool.take(n)));
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
});
