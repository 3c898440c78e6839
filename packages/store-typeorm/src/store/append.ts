import { type AppendRequest, duplicateCommand, duplicateMessageId, outboxId, StoreError, versionConflict } from "@spoc/core";
import { toJson } from "../dialect/typeorm-dialect";
import { SpocMessageEntity, SpocTicketEntity } from "../entities/spoc-entities";
import { classifyError } from "../errors/classify";
import type { StoreContext } from "./store-context";
import { type Statement, appendStatements } from "./append-statements";
import { ticketColumns } from "./ticket-row";
import type { EntityManager } from "typeorm";

/** Runs one statement on the transaction's own query runner; `affected` counts the changed rows. */
const run = async (m: EntityManager, s: Statement): Promise<{ affected?: number | undefined }> => {
  if (!m.queryRunner) throw new Error("spoc: append statements must run inside a transaction");
  return m.queryRunner.query(s.sql, s.params, true);
};

class StaleVersion extends Error {}

const externalIds = (req: AppendRequest): string[] =>
  req.events.flatMap((e) => (e.type === "MessageAdded" && e.externalId !== null ? [e.externalId] : []));

/**
 * Appends events and writes the projection in one transaction. The ticket row is written first:
 * its primary key (new ticket) or its `version = expected` condition (existing ticket) is where
 * concurrent writers meet, and the unique (ticket_id, version) of the events backs it up.
 */
export async function append(c: StoreContext, sql: ReturnType<typeof appendStatements>, req: AppendRequest): Promise<void> {
  const columns = ticketColumns(req.ticket, req.expectedVersion + req.events.length);
  let table = "spoc_tickets";
  try {
    await c.transaction(async (m) => {
      if (req.expectedVersion === 0) {
        await run(m, sql.insertTicket(req.ticketId, columns));
      } else {
        const r = await run(m, sql.updateTicket(req.ticketId, req.serviceId, req.expectedVersion, columns));
        if (Number(r.affected ?? 0) === 0) throw new StaleVersion();
      }
      // Right after the ticket row: a command applied before fails the transaction here.
      if (req.commandId !== undefined) {
        table = "spoc_commands";
        await run(m, sql.insertCommand([req.serviceId, req.commandId, req.ticketId, req.expectedVersion + req.events.length, req.events[0]?.at ?? req.ticket.updatedAt]));
      }
      if (req.events.length > 0) {
        table = "spoc_events";
        await run(m, sql.insertEvents(req.events.map((e, i) => [
          req.ticketId, req.expectedVersion + i + 1, req.serviceId, e.type, e.at, toJson(e.by), toJson(e),
        ])));
      }
      const notices = req.events.flatMap((e, i) => (e.type === "NotificationRequested" ? [{ e, version: req.expectedVersion + i + 1 }] : []));
      if (notices.length > 0) {
        table = "spoc_outbox";
        await run(m, sql.insertOutbox(notices.map(({ e, version }) => [
          outboxId(req.ticketId, version), req.serviceId, req.ticketId, e.template, toJson({ to: e.to, data: e.data }), e.at, null, 0, e.at, null, null, null,
        ])));
      }
      const messages = externalIds(req);
      if (messages.length > 0) {
        table = "spoc_messages";
        await run(m, sql.insertMessages(messages.map((x) => [req.serviceId, x, req.ticketId])));
      }
    });
  } catch (e) {
    const error = e instanceof StaleVersion ? undefined : classifyError(e, { table });
    if (error?.reason === "DuplicateMessageId") throw await whichMessage(c, req);
    if (error?.reason === "DuplicateCommand") throw duplicateCommand(req.commandId ?? "");
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
