import type { Generated } from "kysely";

/**
 * One event of a ticket's stream; (ticket_id, version) is unique, so two writers can't both
 * append version n. Timestamps are epoch milliseconds (BIGINT).
 * @example db.selectFrom("spoc_events").selectAll().where("ticket_id", "=", id).orderBy("version")
 */
export interface EventsTable {
  ticket_id: string;
  version: number;
  service_id: string;
  type: string;
  at: number;
  /** The actor as JSON. */
  actor: unknown;
  /** The whole event as JSON. */
  payload: unknown;
}

/**
 * The ticket projection: the full ticket as JSON plus the columns queries filter and sort on.
 * @example
 * db.selectFrom("spoc_tickets").select(["id", "number"]).where("service_id", "=", serviceId).where("active", "=", 1)
 */
export interface TicketsTable {
  id: string;
  service_id: string;
  number: string;
  /** Events in the stream (the expected version of the next append). */
  version: number;
  status: string;
  priority: string;
  /** 1 while the ticket is open work (not resolved or closed). */
  active: number;
  group_id: string | null;
  assignee_id: string | null;
  requester_id: string;
  created_at: number;
  updated_at: number;
  resolved_at: number | null;
  closed_at: number | null;
  next_deadline: number | null;
  /** Unused since migration 0004 (leases live in `spoc_sweep_leases`). */
  claimed_until: number | null;
  /** Unused since migration 0004. */
  claimed_by: string | null;
  doc: unknown;
}

/**
 * Inbound message ids, unique per service: the idempotency key of channels.
 * @example
 * db.selectFrom("spoc_messages").select("ticket_id").where("service_id", "=", serviceId).where("external_id", "=", messageId)
 */
export interface MessagesTable {
  service_id: string;
  external_id: string;
  ticket_id: string;
}

/**
 * An applied command: its id, unique per service, and the ticket version its append reached.
 * @example
 * db.selectFrom("spoc_commands").selectAll().where("service_id", "=", serviceId).where("command_id", "=", commandId)
 */
export interface CommandsTable {
  service_id: string;
  command_id: string;
  ticket_id: string;
  version: number;
  at: number;
}

/**
 * The last ticket number allocated per service.
 * @example
 * db.selectFrom("spoc_counters").select("last_number").where("service_id", "=", serviceId)
 */
export interface CountersTable {
  service_id: string;
  last_number: number;
}

/**
 * A directory document keyed by one id (services, contact lists, agents).
 * @example
 * db.selectFrom("spoc_services").select("doc").where("id", "=", serviceId)
 */
export interface DocTable {
  id: string;
  doc: unknown;
}

/**
 * A directory document inside a contact list (contacts, organisations).
 * @example
 * db.selectFrom("spoc_contacts").select("doc").where("contact_list_id", "=", listId).where("id", "=", contactId)
 */
export interface ListDocTable {
  contact_list_id: string;
  id: string;
  doc: unknown;
}

/**
 * Contact emails, lower-cased, for lookup.
 * @example
 * db.selectFrom("spoc_contact_emails").selectAll().where("contact_list_id", "=", listId)
 */
export interface ContactEmailsTable {
  contact_list_id: string;
  email: string;
  contact_id: string;
}

/**
 * Organisation domains, lower-cased, for lookup.
 * @example
 * db.selectFrom("spoc_organization_domains").select("organization_id").where("domain", "=", "example.com")
 */
export interface OrganizationDomainsTable {
  contact_list_id: string;
  domain: string;
  organization_id: string;
}

/**
 * A group of a service.
 * @example
 * db.selectFrom("spoc_groups").select("doc").where("service_id", "=", serviceId)
 */
export interface GroupsTable {
  service_id: string;
  id: string;
  doc: unknown;
}

/**
 * Which services an agent belongs to.
 * @example
 * db.selectFrom("spoc_agent_services").select("agent_id").where("service_id", "=", serviceId)
 */
export interface AgentServicesTable {
  service_id: string;
  agent_id: string;
}

/**
 * Configuration documents (routing rules, SLA policies, calendars…) per service and kind.
 * @example
 * db.selectFrom("spoc_config").select("doc").where("service_id", "=", serviceId).where("kind", "=", kind)
 */
export interface ConfigTable {
  service_id: string;
  kind: string;
  id: string;
  doc: unknown;
}

/**
 * Small named values per service (round-robin cursors).
 * @example
 * db.selectFrom("spoc_cursors").select("value").where("service_id", "=", serviceId).where("key", "=", key)
 */
export interface CursorsTable {
  service_id: string;
  key: string;
  value: string;
}

/**
 * Messages to deliver after a commit (notifications); written with the events that caused them.
 * @example
 * db.selectFrom("spoc_outbox").selectAll().where("service_id", "=", serviceId).orderBy("created_at")
 */
export interface OutboxTable {
  id: string;
  service_id: string;
  ticket_id: string | null;
  kind: string;
  payload: unknown;
  created_at: number;
  sent_at: number | null;
  attempts: Generated<number>;
  available_at: Generated<number>;
  claimed_until: number | null;
  claimed_by: string | null;
  last_error: string | null;
}

/**
 * A sweeper's claim on a due ticket, until it is released or `claimed_until` passes.
 * @example
 * db.selectFrom("spoc_sweep_leases").select("claimed_until").where("ticket_id", "=", ticketId)
 */
export interface SweepLeasesTable {
  ticket_id: string;
  service_id: string;
  next_deadline: number;
  claimed_until: number;
  claimed_by: string;
}

/**
 * A ticket's full-text search document (migration 0007): folded subject (replaced on change),
 * public text and staff-only text (appended to). The engine's index lives beside it: an FTS5
 * table on SQLite, `tsvector` columns on PostgreSQL, FULLTEXT indexes on MySQL.
 * @example await db.selectFrom("spoc_ticket_search").select(["ticket_id", "subject"]).where("service_id", "=", serviceId).execute()
 */
export interface TicketSearchTable {
  /** SQLite only: the FTS5 rowid. */
  doc_id?: Generated<number>;
  ticket_id: string;
  service_id: string;
  subject: string;
  public_text: string;
  staff_text: string;
}

/**
 * Every table of the store, for `Kysely<SpocDatabase>`; a host may merge it with its own tables.
 * @example const db = new Kysely<SpocDatabase & MyTables>({ dialect })
 */
export interface SpocDatabase {
  spoc_events: EventsTable;
  spoc_tickets: TicketsTable;
  spoc_messages: MessagesTable;
  spoc_commands: CommandsTable;
  spoc_counters: CountersTable;
  spoc_services: DocTable;
  spoc_contact_lists: DocTable;
  spoc_contacts: ListDocTable;
  spoc_contact_emails: ContactEmailsTable;
  spoc_organizations: ListDocTable;
  spoc_organization_domains: OrganizationDomainsTable;
  spoc_groups: GroupsTable;
  spoc_agents: DocTable;
  spoc_agent_services: AgentServicesTable;
  spoc_config: ConfigTable;
  spoc_cursors: CursorsTable;
  spoc_outbox: OutboxTable;
  spoc_sweep_leases: SweepLeasesTable;
  spoc_ticket_search: TicketSearchTable;
}
