import { sql } from "kysely";
import { parseJsonText, type StoreDialect } from "./store-dialect";

/**
 * SQLite (better-sqlite3): one writer at a time, so the sweep is a single `UPDATE … RETURNING`.
 * @example kyselyStore(db, { dialect: sqliteDialect })
 */
export const sqliteDialect: StoreDialect = {
  name: "sqlite",
  idType: sql`text`,
  longKeyType: sql`text`,
  messageIdType: sql`text`,
  jsonType: sql`text`,
  tableOptions: undefined,
  upsert: "on-conflict",
  skipLocked: false,
  multiProcess: false,
  relaxedLeaseCommit: false,
  singleStatementAppend: false,
  partialIndexes: true,
  readJson: parseJsonText,
  async allocateNumber(db, serviceId, count = 1) {
    const row = await db
      .insertInto("spoc_counters")
      .values({ service_id: serviceId, last_number: count })
      .onConflict((oc) => oc.column("service_id").doUpdateSet({ last_number: sql`spoc_counters.last_number + ${count}` }))
      .returning("last_number")
      .executeTakeFirstOrThrow();
    return Number(row.last_number);
  },
};
