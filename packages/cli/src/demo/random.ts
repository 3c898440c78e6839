/** A small seeded PRNG (mulberry32): the demo's traffic is the same on every run. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: ReadonlyArray<T>): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
    /** A roughly log-normal delay in minutes around a median. */
    delay: (medianMinutes: number) => Math.max(1, Math.round(medianMinutes * Math.exp((next() + next() + next() - 1.5) * 1.4))),
  };
}
export type Random = ReturnType<typeof seeded>;
