/**
 * The soak's end check: every stream re-read and re-folded, markers of the processes' commands
 * counted in the streams, escalation keys and notifications checked against the outbox.
 */
import { fold, outboxId, type Ticket, type TicketId } from "@spoc/core";
import type { OpenedStore } from "@spoc/store-kysely";
import { world, type WorkerLog } from "./world.ts";

/** JSON with sorted keys: a projection read back from the database and a fold compare equal when they hold the same values. */
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) =>
  x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x);

/** What the check found; `lost`, `duplicated` and `doubleEscalations` are the targets (0). */
export interface SoakCheck {
  readonly tickets: number;
  readonly events: number;
  readonly versionGaps: number;
  readonly projectionMismatches: number;
  /** Commands with a marker that the processes logged. */
  readonly checked: number;
  /** Answered, not refused, and not in the streams. */
  readonly lost: number;
  /** Answered with a refusal, yet in the streams: an answer that lied. */
  readonly refusedButApplied: number;
  /** Markers found more than once. */
  readonly duplicated: number;
  /** Of the commands whose outcome a process never learned, those that were applied (once). */
  readonly unsureApplied: number;
  readonly escalations: number;
  readonly doubleEscalations: number;
  readonly notifications: number;
  readonly delivered: number;
  readonly pending: number;
  readonly missing: number;
  readonly doubleDeliveries: number;
}

export async function checkSoak(opened: OpenedStore, logs: ReadonlyArray<WorkerLog>): Promise<SoakCheck> {
  const { store, db } = opened;
  const tickets: Ticket[] = [];
  let after: string | undefined;
  do {
    const page = await store.listTickets(world.service, { limit: 500, ...(after ? { after } : {}) });
    tickets.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after);

  const markers = new Map<string, number>();
  const mark = (m: string | null | undefined) => { if (m) markers.set(m, (markers.get(m) ?? 0) + 1); };
  let events = 0, versionGaps = 0, projectionMismatches = 0, escalations = 0, doubleEscalations = 0;
  const notices: string[] = [];
  for (const t of tickets) {
    const stream = await store.readEvents(world.service, t.id as TicketId);
    events += stream.length;
    stream.forEach((e, i) => { if (e.version !== i + 1) versionGaps++; });
    if (canonical(fold(stream.map((e) => e.event))) !== canonical(await store.getTicket(world.service, t.id as TicketId))) projectionMismatches++;
    if (!t.subject.startsWith("seed ")) mark(t.subject);
    const keys = new Set<string>();
    for (const { event: e, version } of stream) {
      if (e.type === "MessageAdded" && e.kind === "note") mark(e.body);
      if (e.type === "TimeLogged") mark(e.note);
      if (e.type === "NotificationRequested") notices.push(outboxId(t.id, version));
      if (e.type === "Escalated") {
        escalations++;
        const key = /\[([^\]]+)\]$/.exec(e.reason)?.[1] ?? `${e.ruleId}:${e.level}@?${e.at}`;
        if (keys.has(key)) doubleEscalations++;
        keys.add(key);
      }
    }
  }

  let lost = 0, checked = 0, unsureApplied = 0, refusedButApplied = 0;
  for (const log of logs) {
    const refused = new Set(log.refused);
    const unsure = new Set(log.unsure);
    for (const key of log.checkable) {
      checked++;
      const n = markers.get(key) ?? 0;
      if (unsure.has(key)) { if (n === 1) unsureApplied++; continue; }
      if (!refused.has(key) && n === 0) lost++;
      if (refused.has(key) && n > 0) refusedButApplied++;
    }
  }
  const duplicated = [...markers.values()].filter((n) => n > 1).length;

  const rows = await db.selectFrom("spoc_outbox").select(["id", "sent_at"]).where("service_id", "=", world.service).execute();
  const outbox = new Map(rows.map((r) => [r.id, r.sent_at]));
  let delivered = 0, pending = 0, missing = 0;
  for (const id of notices) {
    if (!outbox.has(id)) missing++;
    else if (outbox.get(id) === null) pending++;
    else delivered++;
  }
  const deliveredIds = logs.flatMap((l) => l.delivered);
  const doubleDeliveries = deliveredIds.length - new Set(deliveredIds).size;
  return {
    tickets: tickets.length, events, versionGaps, projectionMismatches, checked, lost, refusedButApplied, duplicated, unsureApplied,
    escalations, doubleEscalations, notifications: notices.length, delivered, pending, missing, doubleDeliveries,
  };
}
