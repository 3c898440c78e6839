import { type AppendRequest, duplicateMessageId, StoreError, versionConflict } from "@spoc/core";
import type { Kysely } from "kysely";
import type { StoreDialect } from "../dialect/store-dialect";
import { classifyError } from "../errors/classify";
import type { SpocDatabase } from "../schema/tables";
import { type AppendCheck, type AppendRows, appendRows, externalIds, StaleVersion, writeAppendRows } from "./append-rows";
import { appendInOneStatement } from "./append-single-statement";
import { type Requesters, searchRowsOf } from "./search-index";

/**
 * Appends events and writes the projection in one transaction. The ticket row is written first:
 * its primary key (new ticket) or its `version = expected` condition (existing ticket) is where
 * concurrent writers meet, and the unique (ticket_id, version) of the events backs it up. On
 * PostgreSQL the same steps run as one statement (see `append-single-statement.ts`).
 */
export async function append(db: Kysely<SpocDatabase>, d: StoreDialect, req: AppendRequest, requesters: Requesters = new Map()): Promise<void> {
  let table = "spoc_tickets";
  try {
    if (d.singleStatementAppend) {
      if (!(await appendInOneStatement(db, req, externalIds(req), searchRowsOf([req], requesters)))) throw new StaleVersion();
      return;
    }
    const rows = appendRows([req], requesters);
    await db.transaction().execute((tx) => writeAppendRows(tx, d, rows, (t) => { table = t; }));
  } catch (e) {
    throw await explain(db, checksOf([req]), e, table);
  }
}

const checksOf = (requests: ReadonlyArray<AppendRequest>): AppendCheck[] =>
  requests.map((r) => ({ ticketId: r.ticketId, serviceId: r.serviceId, expectedVersion: r.expectedVersion, externalIds: externalIds(r) }));

/**
 * Appends to several tickets in one transaction, all or nothing, with multi-row inserts: what an
 * import or a bulk change uses. A ticket may appear once per batch.
 */
export async function appendMany(db: Kysely<SpocDatabase>, d: StoreDialect, requests: ReadonlyArray<AppendRequest>, requesters: Requesters = new Map()): Promise<void> {
  if (requests.length === 0) return;
  await writeAppendRowsOnce(db, d, appendRows(requests, requesters));
}

/**
 * Writes encoded appends (`appendRows`) in one transaction, all or nothing, and turns a failure
 * into the `StoreError` that names the request that lost. What `appendMany` does after encoding,
 * and what the SQLite writer thread runs.
 */
export async function writeAppendRowsOnce(db: Kysely<SpocDatabase>, d: StoreDialect, rows: AppendRows): Promise<void> {
  if (rows.checks.length === 0) return;
  const seen = new Set<string>();
  for (const r of rows.checks) {
    if (seen.has(r.ticketId)) throw versionConflict(r.ticketId, r.expectedVersion, r.expectedVersion + 1);
    seen.add(r.ticketId);
  }
  let table = "spoc_tickets";
  try {
    await db.transaction().execute((tx) => writeAppendRows(tx, d, rows, (t) => { table = t; }));
  } catch (e) {
    throw await explain(db, rows.checks, e, table);
  }
}

/** Turns a failed write into the `StoreError` that says which request lost and why. */
async function explain(db: Kysely<SpocDatabase>, requests: ReadonlyArray<AppendCheck>, e: unknown, table: string): Promise<StoreError> {
  const error = e instanceof StaleVersion ? undefined : classifyError(e, { table });
  // Opening a ticket that already exists is a version conflict, whichever unique index the database names first.
  const existingTicket = error?.reason === "DuplicateKey" && table === "spoc_tickets";
  if (error && error.reason !== "VersionConflict" && !existingTicket) {
    return error.reason === "DuplicateMessageId" ? whichMessage(db, requests) : error;
  }
  return (await diagnose(db, requests)) ?? error ?? versionConflict(requests[0]?.ticketId ?? "", requests[0]?.expectedVersion ?? 0, -1);
}

/** Names the inbound message id that is already stored (or repeated within the requests). */
async function whichMessage(db: Kysely<SpocDatabase>, requests: ReadonlyArray<AppendCheck>): Promise<StoreError> {
  for (const r of requests) {
    const ids = [...r.externalIds];
    if (ids.length === 0) continue;
    const stored = await db.selectFrom("spoc_messages").select("external_id")
      .where("service_id", "=", r.serviceId).where("external_id", "in", ids).executeTakeFirst();
    if (stored) return duplicateMessageId(stored.external_id);
  }
  const all = requests.flatMap((r) => r.externalIds.map((x) => `${r.serviceId}\u0000${x}`));
  const repeated = all.find((k, i) => all.indexOf(k) !== i);
  return duplicateMessageId(repeated?.split("\u0000")[1] ?? all[0]?.split("\u0000")[1] ?? "");
}

/** Says why an append lost: a ticket belongs to another service, or another writer got there first. */
async function diagnose(db: Kysely<SpocDatabase>, requests: ReadonlyArray<AppendCheck>): Promise<StoreError | undefined> {
  const rows = await db.selectFrom("spoc_tickets").select(["id", "service_id", "version"])
    .where("id", "in", requests.map((r) => r.ticketId)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const r of requests) {
    const row = byId.get(r.ticketId);
    if (row && row.service_id !== r.serviceId) {
      return new StoreError({ reason: "DuplicateKey", message: `ticket ${r.ticketId} belongs to another service` });
    }
    const actual = row ? Number(row.version) : 0;
    if (actual !== r.expectedVersion) return versionConflict(r.ticketId, r.expectedVersion, actual);
  }
  return undefined;
}
