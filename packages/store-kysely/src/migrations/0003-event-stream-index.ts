import type { Kysely } from "kysely";

/**
 * An index for reading a service's whole history in (ticket, version) order, page by page
 * (`streamEvents`, reports over events).
 * @example await eventStreamIndex.up(db)
 */
export const eventStreamIndex = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.createIndex("spoc_events_service_stream").ifNotExists().on("spoc_events").columns(["service_id", "ticket_id", "version"]).execute();
  },
};
