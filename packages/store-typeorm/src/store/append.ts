import { type AppendRequest, duplicateMessageId, outboxId, StoreError, versionConflict } from "@spoc/core";
import { toJson } from "../dialect/typeorm-dialect";
import { SpocEventEntity, SpocMessageEntity, SpocOutboxEntity, SpocTicketEntity } from "../entities/spoc-entities";
import { classifyError } from "../errors/classify";
import type { StoreContext } from "./store-context";
import { ticketColumns } from "./ticket-row";

class StaleVersion extends Error {}

const externalIds = (req: AppendRequest): string[] =>
  req.events.flatMap((e) => (e.type === "MessageAdded" && e.externalId !== null ? [e.externalId] : []));

/**
 * Appends events and writes the projection in one transaction. The ticket row is written first:
 * its primary key (new ticket) or its `version = expected` condition (existing ticket) is where
 * concurrent writers meet, and the unique (ticket_id, version) of the events backs it up.
 */
export async function append(c: StoreContext, req: AppendRequest): Promise<void> {
  const columns = ticketColumns(req.ticket, req.expectedVersion + req.events.length);
  let table = "spoc_tickets";
  try {
    await c.transaction(async (m) => {
      if (req.expectedVersion === 0) {
        await m.createQueryBuilder().insert().into(SpocTicketEntity)
          .values({ id: req.ticketId, ...columns, claimed_until: null, claimed_by: null })
          .updateEntity(false).callListeners(false).execute();
      } else {
        const r = await m.createQueryBuilder().update(SpocTicketEntity).set(columns)
          .where("id = :id AND service_id = :service AND version = :expected", { id: req.ticketId, service: req.serviceId, expected: req.expectedVersion })
          .updateEntity(false).callListeners(false).execute();
        if (Number(r.affected ?? 0) === 0) throw new StaleVersion();
      }
      if (req.events.length > 0) {
        table = "spoc_events";
        await m.createQueryBuilder().insert().into(SpocEventEntity)
          .values(req.events.map((e, i) => ({
            ticket_id: req.ticketId, version: req.expectedVersion + i + 1, service_id: req.serviceId, type: e.type, at: e.at,
            actor: toJson(e.by), payload: toJson(e),
          })))
          .updateEntity(false).callListeners(false).execute();
      }
      const notices = req.events.flatMap((e, i) => (e.type === "NotificationRequested" ? [{ e, version: req.expectedVersion + i + 1 }] : []));
      if (notices.length > 0) {
        table = "spoc_outbox";
        await m.createQueryBuilder().insert().into(SpocOutboxEntity)
          .values(notices.map(({ e, version }) => ({
            id: outboxId(req.ticketId, version), service_id: req.serviceId, ticket_id: req.ticketId, kind: e.template,
            payload: toJson({ to: e.to, data: e.data }), created_at: e.at, sent_at: null, attempts: 0, available_at: e.at,
            claimed_until: null, claimed_by: null, last_error: null,
          })))
          .updateEntity(false).callListeners(false).execute();
      }
      const messages = externalIds(req);
      if (messages.length > 0) {
        table = "spoc_messages";
        await m.createQueryBuilder().insert().into(SpocMessageEntity)
          .values(messages.map((external_id) => ({ service_id: req.serviceId, external_id, ticket_id: req.ticketId })))
          .updateEntity(false).callListeners(false).execute();
      }
    });
  } catch (e) {
    const error = e instanceof StaleVersion ? undefined : classifyError(e, { table });
    if (error?.reason === "DuplicateMessageId") throw await whichMessage(c, req);
    // SQLite may report the ticket-number index before the primary key: a new ticket whose id
    // exists is still a lost race, whichever constraint the database names.
    const lostRace = error === undefined || error.reason === "VersionConflict" || (error.reason === "DuplicateKey" && table === "spoc_tickets");
    if (!lostRace) throw error;
    throw (await diagnose(c, req, error === undefined || error.reason === "VersionConflict")) ?? error;
  }
}

/** Names the inbound message id that is already stored (or repeated within the request). */
async function whichMessage(c: StoreContext, req: AppendRequest): Promise<StoreError> {
  const ids = externalIds(req);
  const stored = await c.manager.createQueryBuilder(SpocMessageEntity, "m").select("m.external_id", "external_id")
    .where("m.service_id = :service AND m.external_id IN (:...ids)", { service: req.serviceId, ids })
    .limit(1).getRawOne<{ external_id: string }>();
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  return duplicateMessageId(stored?.external_id ?? repeated ?? ids[0] ?? "");
}

/** Says why an append lost: the ticket belongs to another service, or another writer got there first (undefined: neither, when the ticket row is absent and that is no conflict). */
async function diagnose(c: StoreContext, req: AppendRequest, conflictIfAbsent: boolean): Promise<StoreError | undefined> {
  const row = await c.manager.createQueryBuilder(SpocTicketEntity, "t").select("t.service_id", "service_id").addSelect("t.version", "version")
    .where("t.id = :id", { id: req.ticketId }).getRawOne<{ service_id: string; version: number }>();
  if (row && row.service_id !== req.serviceId) {
    return new StoreError({ reason: "DuplicateKey", message: `ticket ${req.ticketId} belongs to another service` });
  }
  if (!row && !conflictIfAbsent) return undefined;
  return versionConflict(req.ticketId, req.expectedVersion, row ? Number(row.version) : 0);
}
