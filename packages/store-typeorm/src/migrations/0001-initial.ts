import type { MigrationInterface, QueryRunner } from "typeorm";
import { dialectOf } from "../dialect/typeorm-dialect";
import { ddl } from "./ddl";

const TABLES = [
  "spoc_events", "spoc_tickets", "spoc_messages", "spoc_counters", "spoc_services", "spoc_contact_lists", "spoc_agents",
  "spoc_contacts", "spoc_organizations", "spoc_contact_emails", "spoc_organization_domains", "spoc_groups",
  "spoc_agent_services", "spoc_config", "spoc_cursors", "spoc_outbox",
] as const;

/** The statements of the first schema, in the Kysely store's order and text. */
export function initialStatements(dialect: ReturnType<typeof dialectOf>["name"]): string[] {
  const d = ddl(dialect);
  const nn = "not null";
  const docTable = (name: string) => d.table(name, [["id", "id", "primary key"], ["doc", "json", nn]]);
  const listDocTable = (name: string) =>
    d.table(name, [["contact_list_id", "id", nn], ["id", "id", nn], ["doc", "json", nn]], ["contact_list_id", "id"]);
  return [
    d.table("spoc_events", [
      ["ticket_id", "id", nn], ["version", "integer", nn], ["service_id", "id", nn], ["type", "varchar(40)", nn],
      ["at", "bigint", nn], ["actor", "json", nn], ["payload", "json", nn],
    ], ["ticket_id", "version"]),
    d.index("spoc_events_service_at", "spoc_events", ["service_id", "at"]),
    d.index("spoc_events_service_type_at", "spoc_events", ["service_id", "type", "at"]),
    d.table("spoc_tickets", [
      ["id", "id", "primary key"], ["service_id", "id", nn], ["number", "varchar(64)", nn], ["version", "integer", nn],
      ["status", "varchar(32)", nn], ["priority", "varchar(16)", nn], ["active", "smallint", nn], ["group_id", "id"],
      ["assignee_id", "id"], ["requester_id", "id", nn], ["created_at", "bigint", nn], ["updated_at", "bigint", nn],
      ["resolved_at", "bigint"], ["closed_at", "bigint"], ["next_deadline", "bigint"], ["claimed_until", "bigint"],
      ["claimed_by", "varchar(191)"], ["doc", "json", nn],
    ]),
    // Sweeps rewrite the unindexed lease columns constantly: free space per page lets PostgreSQL
    // update those rows in place (HOT) without touching the indexes.
    ...(dialect === "postgres" ? ["alter table spoc_tickets set (fillfactor = 80)"] : []),
    d.index("spoc_tickets_list", "spoc_tickets", ["service_id", "created_at", "id"]),
    d.index("spoc_tickets_open", "spoc_tickets", ["service_id", "active", "created_at", "id"]),
    d.index("spoc_tickets_status", "spoc_tickets", ["service_id", "status", "created_at"]),
    d.index("spoc_tickets_group", "spoc_tickets", ["service_id", "group_id", "active", "created_at"]),
    d.index("spoc_tickets_assignee", "spoc_tickets", ["service_id", "assignee_id", "active", "created_at"]),
    d.index("spoc_tickets_requester", "spoc_tickets", ["service_id", "requester_id", "created_at"]),
    d.index("spoc_tickets_resolved", "spoc_tickets", ["service_id", "resolved_at"]),
    d.index("spoc_tickets_deadline", "spoc_tickets", ["next_deadline", "id"], { where: "next_deadline is not null" }),
    d.index("spoc_tickets_number", "spoc_tickets", ["service_id", "number"], { unique: true }),
    d.table("spoc_messages", [["service_id", "id", nn], ["external_id", "messageId", nn], ["ticket_id", "id", nn]], ["service_id", "external_id"]),
    d.table("spoc_counters", [["service_id", "id", "primary key"], ["last_number", "bigint", nn]]),
    docTable("spoc_services"),
    docTable("spoc_contact_lists"),
    docTable("spoc_agents"),
    listDocTable("spoc_contacts"),
    listDocTable("spoc_organizations"),
    d.table("spoc_contact_emails", [["contact_list_id", "id", nn], ["email", "longKey", nn], ["contact_id", "id", nn]], ["contact_list_id", "email", "contact_id"]),
    d.table("spoc_organization_domains", [["contact_list_id", "id", nn], ["domain", "longKey", nn], ["organization_id", "id", nn]], ["contact_list_id", "domain", "organization_id"]),
    d.table("spoc_groups", [["service_id", "id", nn], ["id", "id", nn], ["doc", "json", nn]], ["service_id", "id"]),
    d.table("spoc_agent_services", [["service_id", "id", nn], ["agent_id", "id", nn]], ["service_id", "agent_id"]),
    d.table("spoc_config", [["service_id", "id", nn], ["kind", "varchar(40)", nn], ["id", "id", nn], ["doc", "json", nn]], ["service_id", "kind", "id"]),
    d.table("spoc_cursors", [["service_id", "id", nn], ["key", "id", nn], ["value", "text", nn]], ["service_id", "key"]),
    d.table("spoc_outbox", [
      ["id", "id", "primary key"], ["service_id", "id", nn], ["ticket_id", "id"], ["kind", "varchar(64)", nn], ["payload", "json", nn],
      ["created_at", "bigint", nn], ["sent_at", "bigint"], ["attempts", "integer", "default 0 not null"],
    ]),
    d.index("spoc_outbox_pending", "spoc_outbox", ["sent_at", "created_at"]),
  ];
}

/**
 * spoc's first schema as a TypeORM migration: the event table, the ticket projection and its
 * indexes, message ids, counters, directory, config, cursors and the outbox — the same DDL as
 * the Kysely store's `0001_initial`. Every statement is `if not exists`, so it adopts a database
 * the Kysely store already migrated.
 * @example new DataSource({ ...options, migrations: [...spocMigrations] })
 */
export class SpocInitial1735689600001 implements MigrationInterface {
  readonly name = "SpocInitial1735689600001";
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of initialStatements(dialectOf(queryRunner.connection).name)) await queryRunner.query(statement);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    const d = ddl(dialectOf(queryRunner.connection).name);
    for (const table of [...TABLES].reverse()) await queryRunner.query(d.dropTable(table));
  }
}
