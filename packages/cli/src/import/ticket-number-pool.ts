import { allocateTicketNumbers, type ServiceId, type Store } from "@spoc/core";

/**
 * Ticket numbers an import takes batch by batch, reserved one batch ahead where the store can give
 * them back. The counter ends where the written tickets end: numbers taken for a ticket that was
 * not opened go back to the pool, and `release` gives the store back every number at the top that
 * no written ticket holds (after a failed import too).
 */
export interface TicketNumberPool {
  /** `count` numbers in ascending order: from the reservation while it lasts, else allocated now. */
  take(count: number): Promise<number[]>;
  /** Makes sure `count` numbers are at hand for `next`, allocating what is missing. */
  ensure(count: number): Promise<void>;
  /** The smallest number at hand (call `ensure` first); throws when there is none. */
  next(): number;
  /** Puts back a number taken but not used (its ticket was not opened): the next ticket gets it. */
  giveBack(n: number): void;
  /** Records that the ticket holding `n` is written: `release` keeps it and everything below. */
  written(n: number): void;
  /**
   * Starts reserving numbers for the next batch without waiting for them, so that batch is numbered
   * at once while the previous one is still being written. Does nothing on a store that cannot give
   * unused numbers back (`releaseTicketNumberBlock`): there every batch allocates exactly what it uses.
   */
  reserveAhead(): void;
  /**
   * Gives back, from the top, the numbers this pool allocated that no written ticket holds, while
   * nothing was allocated after them (else they stay a gap, which numbering allows).
   */
  release(): Promise<void>;
}

interface Range {
  next: number;
  end: number; // inclusive
}

/** A block allocated from the store, and the highest of its numbers written (first - 1: none). */
interface Block {
  readonly first: number;
  readonly end: number;
  written: number;
}

/**
 * A pool of ticket numbers for one service, reserving up to `ahead` numbers before they are needed.
 * Numbers come out in ascending order and are never handed out twice; reserved numbers are consecutive
 * blocks from the store's counter, so a single importer numbers its tickets without gaps.
 * @example const pool = ticketNumberPool(store, serviceId, 500); const [n] = await pool.take(1); pool.reserveAhead()
 */
export function ticketNumberPool(store: Store, serviceId: ServiceId, ahead: number): TicketNumberPool {
  const ranges: Range[] = [];
  const blocks: Block[] = [];
  let reserving: Promise<void> | undefined;
  const canReserve = store.allocateTicketNumberBlock !== undefined && store.releaseTicketNumberBlock !== undefined;
  const available = () => ranges.reduce((n, r) => n + (r.end - r.next + 1), 0);
  const add = (first: number, count: number) => {
    const at = ranges.findIndex((r) => r.next > first);
    const before = ranges[at === -1 ? ranges.length - 1 : at - 1];
    if (before !== undefined && before.end + 1 === first) before.end += count;
    else ranges.splice(at === -1 ? ranges.length : at, 0, { next: first, end: first + count - 1 });
  };
  const own = (first: number, count: number) => {
    const last = blocks.at(-1);
    if (last !== undefined && last.end + 1 === first) blocks[blocks.length - 1] = { ...last, end: last.end + count };
    else blocks.push({ first, end: first + count - 1, written: first - 1 });
    add(first, count);
  };
  const settle = async () => {
    const r = reserving;
    reserving = undefined;
    if (r !== undefined) await r;
  };
  const ensure = async (count: number) => {
    // A reservation still on its way is waited for only when the numbers at hand do not suffice.
    if (available() < count) await settle();
    const missing = count - available();
    if (missing <= 0) return;
    if (store.allocateTicketNumberBlock !== undefined) own(await store.allocateTicketNumberBlock(serviceId, missing), missing);
    else for (const n of await allocateTicketNumbers(store, serviceId, missing)) own(n, 1);
  };
  const next = () => {
    const r = ranges[0];
    if (r === undefined) throw new Error("import: no ticket number at hand (ensure was not awaited)");
    const n = r.next++;
    if (r.next > r.end) ranges.shift();
    return n;
  };
  return {
    ensure,
    next,
    async take(count) {
      await ensure(count);
      return Array.from({ length: count }, next);
    },
    giveBack(n) {
      add(n, 1);
    },
    written(n) {
      const b = blocks.find((x) => x.first <= n && n <= x.end);
      if (b !== undefined && n > b.written) b.written = n;
    },
    reserveAhead() {
      if (!canReserve || reserving !== undefined) return;
      const count = ahead - available();
      if (count <= 0) return;
      const allocate = store.allocateTicketNumberBlock as NonNullable<Store["allocateTicketNumberBlock"]>;
      const r = allocate.call(store, serviceId, count).then((first) => {
        own(first, count);
        // Done: the next reserveAhead may reserve again. A failure stays, for take or release to throw.
        if (reserving === r) reserving = undefined;
      });
      reserving = r;
      r.catch(() => undefined); // until take or release waits for it, a failure is not unhandled
    },
    async release() {
      await settle();
      if (!canReserve) return;
      const release = store.releaseTicketNumberBlock as NonNullable<Store["releaseTicketNumberBlock"]>;
      // From the top block down: its unwritten tail goes back if the counter still ends with it.
      for (let b = blocks.pop(); b !== undefined; b = blocks.pop()) {
        const from = b.written + 1;
        if (from > b.end) return;
        if (!(await release.call(store, serviceId, from, b.end - from + 1))) return;
        if (from > b.first) return;
      }
    },
  };
}
