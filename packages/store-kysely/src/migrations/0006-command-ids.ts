import type { Kysely } from "kysely";
import { dialectOf } from "../dialect/dialect-of";

/**
 * The command ids of applied commands, one row per (service, command id), written in the
 * transaction that appends the command's events. Its primary key is what refuses a command
 * applied twice (a retry after a lost answer, a host's repeated idempotency key): the second
 * append fails as a whole with `DuplicateCommand`. Numbered 0006, leaving 0005 to the reporting role.
 * @example await commandIds.up(db)
 */
export const commandIds = {
  async up(db: Kysely<any>): Promise<void> {
    const d = dialectOf(db);
    const t = db.schema
      .createTable("spoc_commands")
      .ifNotExists()
      .addColumn("service_id", d.idType, (c) => c.notNull())
      .addColumn("command_id", d.longKeyType, (c) => c.notNull())
      .addColumn("ticket_id", d.idType, (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("spoc_commands_pk", ["service_id", "command_id"]);
    await (d.tableOptions ? t.modifyEnd(d.tableOptions) : t).execute();
  },
};
