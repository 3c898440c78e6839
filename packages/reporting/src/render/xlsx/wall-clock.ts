const quarterHour = 15 * 60_000;

/**
 * Converts instants to the wall-clock time of one zone, as a Date whose UTC fields read that
 * local time (spreadsheets have no time zones, so this is what a reader of the report expects).
 *
 * Offsets are cached per quarter hour: zone transitions fall on quarter-hour instants.
 * @example
 * new WallClock("Europe/Athens").toLocal(new Date("2025-03-10T05:30:00Z")).toISOString() // "2025-03-10T07:30:00.000Z"
 */
export class WallClock {
  private readonly parts: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  readonly timeZone: string;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  }

  /** The same wall-clock reading as `instant` has in this zone, expressed in UTC. */
  toLocal(instant: Date): Date {
    const t = instant.getTime();
    const bucket = Math.floor(t / quarterHour);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      if (this.offsets.size > 10_000) this.offsets.clear();
      offset = this.offsetAt(bucket * quarterHour);
      this.offsets.set(bucket, offset);
    }
    return new Date(t + offset);
  }

  private offsetAt(t: number): number {
    const p: Record<string, number> = {};
    for (const { type, value } of this.parts.formatToParts(new Date(t))) p[type] = Number(value);
    const local = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
    return local - t;
  }
}
