import { sql } from "kysely";
import type { StoreDialect } from "./store-dialect";

/**
 * PostgreSQL (pg): ids in the "C" collation (code-point order, like JavaScript), `json` documents
 * (pg parses them), sweeps with `FOR UPDATE SKIP LOCKED`.
 * @example kyselyStore(db, { dialect: postgresDialect })
 */
export const postgresDialect: StoreDialect = {
  name: "postgres",
  idType: sql`text collate "C"`,
  longKeyType: sql`text collate "C"`,
  messageIdType: sql`text collate "C"`,
  jsonType: sql`json`,
  tableOptions: undefined,
  upsert: "on-conflict",
  skipLocked: true,
  multiProcess: true,
  relaxedLeaseCommit: true,
  singleStatementAppend: true,
  partialIndexes: true,
  readJson: (v) => v,
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
