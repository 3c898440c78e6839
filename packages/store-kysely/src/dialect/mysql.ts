import { sql } from "kysely";
import { parseJsonText, type StoreDialect } from "./store-dialect";

/**
 * MySQL 8 / MariaDB 10.6+ (mysql2): binary collation so ids are case-sensitive, documents as
 * `longtext`, numbers through `LAST_INSERT_ID(expr)`, sweeps with `FOR UPDATE SKIP LOCKED`.
 * @example kyselyStore(db, { dialect: mysqlDialect })
 */
export const mysqlDialect: StoreDialect = {
  name: "mysql",
  idType: sql`varchar(191)`,
  longKeyType: sql`varchar(320)`,
  messageIdType: sql`varchar(512)`,
  jsonType: sql`longtext`,
  tableOptions: sql`character set utf8mb4 collate utf8mb4_bin`,
  upsert: "on-duplicate-key",
  skipLocked: true,
  multiProcess: true,
  relaxedLeaseCommit: false,
  singleStatementAppend: false,
  partialIndexes: false,
  readJson: parseJsonText,
  async allocateNumber(db, serviceId, count = 1) {
    // LAST_INSERT_ID(expr) makes the statement report the new value as its insert id, on this connection.
    const r = await db
      .insertInto("spoc_counters")
      .values({ service_id: serviceId, last_number: sql<number>`last_insert_id(${count})` })
      .onDuplicateKeyUpdate({ last_number: sql`last_insert_id(last_number + ${count})` })
      .executeTakeFirstOrThrow();
    return Number(r.insertId);
  },
};
