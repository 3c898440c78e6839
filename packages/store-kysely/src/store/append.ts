import { type AppendRequest, duplicateMessageId, outboxId, StoreError, versionConflict } from "@spoc/core";
import type { Kysely } from "kysely";
import type { StoreDialect } from "../dialect/store-dialect";
import { classifyError } from "../errors/classify";
import { appendInOneStatement } from "./append-single-statement";
import type { SpocDatabase } from "../schema/tables";
import { ticketColumns } from "./ticket-row";
import { toJson } from "./upsert";

class StaleVersion extends Error {}

/**
 * Appends events and writes the projection in one transaction. The ticket row is written first:
 * its primary key (new ticket) or its `version = expected` condition (existing ticket) is where
 * concurrent writers meet, and the unique (ticket_id, version) of the events backs it up. On
 * PostgreSQL the same steps run as one statement (see `append-single-statement.ts`).
 */
export async function append(db: Kysely<SpocDatabase>, d: StoreDialect, req: AppendRequest): Promise<void> {
  const version = req.expectedVersion + req.events.length;
  const columns = ticketColumns(req.ticket, version);
  let table = "spoc_tickets";
  try {
    if (d.singleStatementAppend) {
      if (!(await appendInOneStatement(db, req, externalIds(req)))) throw new StaleVersion();
      return;
    }
    await db.transaction().execute(async (tx) => {
      if (req.expectedVersion === 0) {
        await tx.insertInto("spoc_tickets").values({ id: req.ticketId, ...columns, claimed_until: null, claimed_by: null }).execute();
      } else {
        const r = await tx
          .updateTable("spoc_tickets")
          .set(columns)
          .where("id", "=", req.ticketId)
          .where("service_id", "=", req.serviceId)
          .where("version", "=", req.expectedVersion)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new StaleVersion();
      }
      if (req.events.length > 0) {
        table = "spoc_events";
        await tx
          .insertInto("spoc_events")
          .values(
            req.events.map((e, i) => ({
              ticket_id: req.ticketId,
              version: req.expectedVersion + i + 1,
              service_id: req.serviceId,
              type: e.type,
              at: e.at,
              actor: toJson(e.by),
              payload: toJson(e),
            })),
          )
          .execute();
      }
      const notices = req.events.flatMap((e, i) => (e.type === "NotificationRequested" ? [{ e, version: req.expectedVersion + i + 1 }] : []));
      if (notices.length > 0) {
        table = "spoc_outbox";
        await tx
          .insertInto("spoc_outbox")
          .values(notices.map(({ e, version }) => ({
            id: outboxId(req.ticketId, version), service_id: req.serviceId, ticket_id: req.ticketId, kind: e.template,
            payload: toJson({ to: e.to, data: e.data }), created_at: e.at, sent_at: null, available_at: e.at,
            claimed_until: null, claimed_by: null, last_error: null,
          })))
          .execute();
      }
      const messages = externalIds(req);
      if (messages.length > 0) {
        table = "spoc_messages";
        await tx
          .insertInto("spoc_messages")
          .values(messages.map((external_id) => ({ service_id: req.serviceId, external_id, ticket_id: req.ticketId })))
          .execute();
      }
    });
  } catch (e) {
    const error = e instanceof StaleVersion ? undefined : classifyError(e, { table });
    // Opening a ticket that already exists is a version conflict, whichever unique index the database names first.
    if (error && error.reason === "DuplicateKey" && req.expectedVersion === 0 && table === "spoc_tickets") throw await diagnose(db, req);
    if (error && error.reason !== "VersionConflict") {
      if (error.reason === "DuplicateMessageId") throw await whichMessage(db, req);
      throw error;
    }
    throw await diagnose(db, req);
  }
}

const externalIds = (req: AppendRequest): string[] =>
  req.events.flatMap((e) => (e.type === "MessageAdded" && e.externalId !== null ? [e.externalId] : []));

/** Names the inbound message id that is already stored (or repeated within the request). */
async function whichMessage(db: Kysely<SpocDatabase>, req: AppendRequest): Promise<StoreError> {
  const ids = externalIds(req);
  const stored = await db
    .selectFrom("spoc_messages")
    .select("external_id")
    .where("service_id", "=", req.serviceId)
    .where("external_id", "in", ids)
    .executeTakeFirst();
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  return duplicateMessageId(stored?.external_id ?? repeated ?? ids[0] ?? "");
}

/** Says why an append lost: the ticket belongs to another service, or another writer got there first. */
async function diagnose(db: Kysely<SpocDatabase>, req: AppendRequest): Promise<StoreError> {
  const row = await db.selectFrom("spoc_tickets").select(["service_id", "version"]).where("id", "=", req.ticketId).executeTakeFirst();
  if (row && row.service_id !== req.serviceId) {
    return new StoreError({ reason: "DuplicateKey", message: `ticket ${req.ticketId} belongs to another service` });
  }
  return versionConflict(req.ticketId, req.expectedVersion, row ? Number(row.version) : 0);
}
