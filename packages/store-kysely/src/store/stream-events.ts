import type { ServiceId, StoredEvent, TicketEvent, TicketId } from "@spoc/core";
import type { Kysely } from "kysely";
import type { StoreDialect } from "../dialect/store-dialect";
import { classifyError } from "../errors/classify";
import type { SpocDatabase } from "../schema/tables";

const PAGE = 1000;

/**
 * Every event of a service in (ticket, version) order, read in keyset pages of 1,000 so memory
 * stays bounded however long the history.
 */
export async function* streamEvents(db: Kysely<SpocDatabase>, d: StoreDialect, serviceId: ServiceId): AsyncIterable<StoredEvent> {
  let after: { ticketId: string; version: number } | undefined;
  for (;;) {
    let rows: Array<{ ticket_id: string; version: number; payload: unknown }>;
    try {
      let q = db.selectFrom("spoc_events").select(["ticket_id", "version", "payload"]).where("service_id", "=", serviceId);
      if (after) {
        const a = after;
        q = q.where((eb) => eb(eb.refTuple("ticket_id", "version"), ">", eb.tuple(a.ticketId, a.version)));
      }
      rows = await q.orderBy("ticket_id").orderBy("version").limit(PAGE).execute();
    } catch (e) {
      throw classifyError(e);
    }
    for (const r of rows) {
      yield { ticketId: r.ticket_id as TicketId, serviceId, version: Number(r.version), event: d.readJson(r.payload) as TicketEvent };
    }
    const last = rows[rows.length - 1];
    if (rows.length < PAGE || !last) return;
    after = { ticketId: last.ticket_id, version: Number(last.version) };
  }
}
