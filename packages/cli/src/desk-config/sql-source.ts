import type { OpenedStore } from "@spoc/store-kysely";
import type { ConfigSource } from "./desk-state";

/**
 * The configuration source of a store opened by URL: the port, and the organisation ids its SQL
 * tables list (the store port can read an organisation but not list a contact list's).
 * @example const source = sqlConfigSource(await openStore("sqlite:desk.db"))
 */
export const sqlConfigSource = (opened: Pick<OpenedStore, "store" | "db">): ConfigSource => ({
  store: opened.store,
  organizationIds: async (contactListId) =>
    (await opened.db.selectFrom("spoc_organizations").select("id").where("contact_list_id", "=", contactListId).orderBy("id").execute()).map((r) => r.id),
});
