import { type CreateTableBuilder, type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect/dialect-of";

/**
 * The first schema: the append-only event table, the ticket projection with its indexes, the
 * message-id, counter, directory, config, cursor and outbox tables.
 * @example await initial.up(db)
 */
export const initial = {
  async up(db: Kysely<any>): Promise<void> {
    const d = dialectOf(db);
    const id = d.idType;
    const json = d.jsonType;
    const create = <N extends string>(name: N, build: (t: CreateTableBuilder<N, never>) => CreateTableBuilder<N, any>) => {
      const t = build(db.schema.createTable(name).ifNotExists());
      return (d.tableOptions ? t.modifyEnd(d.tableOptions) : t).execute();
    };
    const index = (name: string, table: string, columns: string[], where?: string) => {
      let b = db.schema.createIndex(name).ifNotExists().on(table).columns(columns);
      if (where && d.partialIndexes) b = b.where(sql<boolean>`${sql.raw(where)}`);
      return b.execute();
    };

    await create("spoc_events", (t) =>
      t
        .addColumn("ticket_id", id, (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("service_id", id, (c) => c.notNull())
        .addColumn("type", sql`varchar(40)`, (c) => c.notNull())
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("actor", json, (c) => c.notNull())
        .addColumn("payload", json, (c) => c.notNull())
        .addPrimaryKeyConstraint("spoc_events_pk", ["ticket_id", "version"]),
    );
    await index("spoc_events_service_at", "spoc_events", ["service_id", "at"]);
    await index("spoc_events_service_type_at", "spoc_events", ["service_id", "type", "at"]);

    await create("spoc_tickets", (t) =>
      t
        .addColumn("id", id, (c) => c.primaryKey())
        .addColumn("service_id", id, (c) => c.notNull())
        .addColumn("number", sql`varchar(64)`, (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("status", sql`varchar(32)`, (c) => c.notNull())
        .addColumn("priority", sql`varchar(16)`, (c) => c.notNull())
        .addColumn("active", "smallint", (c) => c.notNull())
        .addColumn("group_id", id)
        .addColumn("assignee_id", id)
        .addColumn("requester_id", id, (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("resolved_at", "bigint")
        .addColumn("closed_at", "bigint")
        .addColumn("next_deadline", "bigint")
        .addColumn("claimed_until", "bigint")
        .addColumn("claimed_by", sql`varchar(191)`)
        .addColumn("doc", json, (c) => c.notNull()),
    );
    // Sweeps rewrite the unindexed lease columns constantly: free space per page lets PostgreSQL
    // update those rows in place (HOT) without touching the indexes.
    if (d.name === "postgres") await sql`alter table spoc_tickets set (fillfactor = 80)`.execute(db);
    // Ticket lists are newest first per service; each filter gets the sort key after it.
    await index("spoc_tickets_list", "spoc_tickets", ["service_id", "created_at", "id"]);
    await index("spoc_tickets_open", "spoc_tickets", ["service_id", "active", "created_at", "id"]);
    await index("spoc_tickets_status", "spoc_tickets", ["service_id", "status", "created_at"]);
    await index("spoc_tickets_group", "spoc_tickets", ["service_id", "group_id", "active", "created_at"]);
    await index("spoc_tickets_assignee", "spoc_tickets", ["service_id", "assignee_id", "active", "created_at"]);
    await index("spoc_tickets_requester", "spoc_tickets", ["service_id", "requester_id", "created_at"]);
    await index("spoc_tickets_resolved", "spoc_tickets", ["service_id", "resolved_at"]);
    await index("spoc_tickets_deadline", "spoc_tickets", ["next_deadline", "id"], "next_deadline is not null");
    await db.schema.createIndex("spoc_tickets_number").ifNotExists().unique().on("spoc_tickets").columns(["service_id", "number"]).execute();

    await create("spoc_messages", (t) =>
      t
        .addColumn("service_id", id, (c) => c.notNull())
        .addColumn("external_id", d.messageIdType, (c) => c.notNull())
        .addColumn("ticket_id", id, (c) => c.notNull())
        .addPrimaryKeyConstraint("spoc_messages_pk", ["service_id", "external_id"]),
    );
    await create("spoc_counters", (t) =>
      t.addColumn("service_id", id, (c) => c.primaryKey()).addColumn("last_number", "bigint", (c) => c.notNull()),
    );
    for (const name of ["spoc_services", "spoc_contact_lists", "spoc_agents"]) {
      await create(name, (t) => t.addColumn("id", id, (c) => c.primaryKey()).addColumn("doc", json, (c) => c.notNull()));
    }
    for (const name of ["spoc_contacts", "spoc_organizations"]) {
      await create(name, (t) =>
        t
          .addColumn("contact_list_id", id, (c) => c.notNull())
          .addColumn("id", id, (c) => c.notNull())
          .addColumn("doc", json, (c) => c.notNull())
          .addPrimaryKeyConstraint(`${name}_pk`, ["contact_list_id", "id"]),
      );
    }
    await create("spoc_contact_emails", (t) =>
      t
        .addColumn("contact_list_id", id, (c) => c.notNull())
        .addColumn("email", d.longKeyType, (c) => c.notNull())
        .addColumn("contact_id", id, (c) => c.notNull())
        .addPrimaryKeyConstraint("spoc_contact_emails_pk", ["contact_list_id", "email", "contact_id"]),
    );
    await create("spoc_organization_domains", (t) =>
      t
        .addColumn("contact_list_id", id, (c) => c.notNull())
        .addColumn("domain", d.longKeyType, (c) => c.notNull())
        .addColumn("organization_id", id, (c) => c.notNull())
        .addPrimaryKeyConstraint("spoc_organization_domains_pk", ["contact_list_id", "domain", "organization_id"]),
    );
    await create("spoc_groups", (t) =>
      t
        .addColumn("service_id", id, (c) => c.notNull())
        .addColumn("id", id, (c) => c.notNull())
        .addColumn("doc", json, (c) => c.notNull())
        .addPrimaryKeyConstraint("spoc_groups_pk", ["service_id", "id"]),
    );
    await create("spoc_agent_services", (t) =>
      t
        .addColumn("service_id", id, (c) => c.notNull())
        .addColumn("agent_id", id, (c) => c.notNull())
        .addPrimaryKeyConstraint("spoc_agent_services_pk", ["service_id", "agent_id"]),
    );
    await create("spoc_config", (t) =>
      t
        .addColumn("service_id", id, (c) => c.notNull())
        .addColumn("kind", sql`varchar(40)`, (c) => c.notNull())
        .addColumn("id", id, (c) => c.notNull())
        .addColumn("doc", json, (c) => c.notNull())
        .addPrimaryKeyConstraint("spoc_config_pk", ["service_id", "kind", "id"]),
    );
    await create("spoc_cursors", (t) =>
      t
        .addColumn("service_id", id, (c) => c.notNull())
        .addColumn("key", id, (c) => c.notNull())
        .addColumn("value", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("spoc_cursors_pk", ["service_id", "key"]),
    );
    await create("spoc_outbox", (t) =>
      t
        .addColumn("id", id, (c) => c.primaryKey())
        .addColumn("service_id", id, (c) => c.notNull())
        .addColumn("ticket_id", id)
        .addColumn("kind", sql`varchar(64)`, (c) => c.notNull())
        .addColumn("payload", json, (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("sent_at", "bigint")
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0)),
    );
    await index("spoc_outbox_pending", "spoc_outbox", ["sent_at", "created_at"]);
  },
};
