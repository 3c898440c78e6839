import { allocateTicketNumbers, type ServiceId, type Store } from "@spoc/core";

/** Ticket numbers an import takes batch by batch, reserved one batch ahead where the store can give them back. */
export interface TicketNumberPool {
  /** `count` numbers in ascending order: from the reservation while it lasts, else allocated now. */
  take(count: number): Promise<number[]>;
  /**
   * Starts reserving numbers for the next batch without waiting for them, so that batch is numbered
   * at once while the previous one is still being written. Does nothing on a store that cannot give
   * unused numbers back (`releaseTicketNumberBlock`): there every batch allocates exactly what it uses.
   */
  reserveAhead(): void;
  /** Gives back the reserved numbers nobody used, when nothing was allocated after them (else they stay a gap). */
  release(): Promise<void>;
}

interface Range {
  next: number;
  end: number; // inclusive
}

/**
 * A pool of ticket numbers for one service, reserving up to `ahead` numbers before they are needed.
 * Numbers come out in ascending order and are never handed out twice; reserved numbers are consecutive
 * blocks from the store's counter, so a single importer numbers its tickets without gaps.
 * @example const pool = ticketNumberPool(store, serviceId, 500); const [n] = await pool.take(1); pool.reserveAhead()
 */
export function ticketNumberPool(store: Store, serviceId: ServiceId, ahead: number): TicketNumberPool {
  const ranges: Range[] = [];
  let reserving: Promise<void> | undefined;
  const canReserve = store.allocateTicketNumberBlock !== undefined && store.releaseTicketNumberBlock !== undefined;
  const available = () => ranges.reduce((n, r) => n + (r.end - r.next + 1), 0);
  const add = (first: number, count: number) => {
    const last = ranges.at(-1);
    if (last !== undefined && last.end + 1 === first) last.end += count;
    else ranges.push({ next: first, end: first + count - 1 });
  };
  const settle = async () => {
    const r = reserving;
    reserving = undefined;
    if (r !== undefined) await r;
  };
  return {
    async take(count) {
      if (count === 0) return [];
      // A reservation still on its way is waited for only when the numbers at hand do not suffice.
      if (available() < count) await settle();
      const missing = count - available();
      if (missing > 0) {
        const block = await allocateTicketNumbers(store, serviceId, missing);
        for (const n of block) add(n, 1);
      }
      const out: number[] = [];
      while (out.length < count) {
        const r = ranges[0] as Range;
        out.push(r.next++);
        if (r.next > r.end) ranges.shift();
      }
      return out;
    },
    reserveAhead() {
      if (!canReserve || reserving !== undefined) return;
      const count = ahead - available();
      if (count <= 0) return;
      const allocate = store.allocateTicketNumberBlock as NonNullable<Store["allocateTicketNumberBlock"]>;
      const r = allocate.call(store, serviceId, count).then((first) => {
        add(first, count);
        // Done: the next reserveAhead may reserve again. A failure stays, for take or release to throw.
        if (reserving === r) reserving = undefined;
      });
      reserving = r;
      r.catch(() => undefined); // until take or release waits for it, a failure is not unhandled
    },
    async release() {
      await settle();
      const last = ranges.at(-1);
      if (last === undefined || !canReserve) return;
      const release = store.releaseTicketNumberBlock as NonNullable<Store["releaseTicketNumberBlock"]>;
      if (await release.call(store, serviceId, last.next, last.end - last.next + 1)) ranges.pop();
    },
  };
}
