import { EntitySchema, type EntitySchemaColumnOptions } from "typeorm";
import type {
  AgentServicesRow, ConfigRow, ContactEmailsRow, CountersRow, CursorsRow, DocRow, EventsRow, GroupsRow, ListDocRow, MessagesRow,
  CommandsRow, OrganizationDomainsRow, OutboxRow, SweepLeasesRow, TicketsRow,
} from "./rows";
import { bigintColumn, idColumn, jsonColumn } from "./column-types";

/**
 * An entity over one spoc table. Every column is named explicitly (a host's naming strategy can't
 * rename it) and `synchronize` is off: spoc's migrations own the DDL, so the host's
 * `synchronize` or `migration:generate` never alters spoc's tables.
 */
const entity = <T>(name: string, columns: { [K in keyof T]: EntitySchemaColumnOptions }) =>
  new EntitySchema<T>({
    name,
    tableName: name,
    synchronize: false,
    columns: Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, { name: k, ...(c as EntitySchemaColumnOptions) }])) as never,
  });

const pk = { primary: true } as const;
const nullable = { nullable: true } as const;

/**
 * Ticket events, one row per (ticket, version).
 * @example
 * await dataSource.getRepository(SpocEventEntity).findBy({ ticket_id: ticketId })
 */
export const SpocEventEntity = entity<EventsRow>("spoc_events", {
  ticket_id: idColumn(pk), version: { type: "integer", ...pk }, service_id: idColumn(), type: { type: "varchar", length: 40 },
  at: bigintColumn(), actor: jsonColumn(), payload: jsonColumn(),
});

/**
 * The ticket projection: the whole ticket as JSON plus the columns queries filter and sort on.
 * @example
 * await dataSource.getRepository(SpocTicketEntity).findOneBy({ id: ticketId })
 */
export const SpocTicketEntity = entity<TicketsRow>("spoc_tickets", {
  id: idColumn(pk), service_id: idColumn(), number: { type: "varchar", length: 64 }, version: { type: "integer" },
  status: { type: "varchar", length: 32 }, priority: { type: "varchar", length: 16 }, active: { type: "smallint" },
  group_id: idColumn(nullable), assignee_id: idColumn(nullable), requester_id: idColumn(), created_at: bigintColumn(),
  updated_at: bigintColumn(), resolved_at: bigintColumn(nullable), closed_at: bigintColumn(nullable),
  next_deadline: bigintColumn(nullable), claimed_until: bigintColumn(nullable), claimed_by: idColumn(nullable), doc: jsonColumn(),
});

/**
 * Inbound message ids, unique per service.
 * @example
 * await dataSource.getRepository(SpocMessageEntity).findOneBy({ service_id: serviceId, external_id: messageId })
 */
export const SpocMessageEntity = entity<MessagesRow>("spoc_messages", {
  service_id: idColumn(pk), external_id: idColumn(pk), ticket_id: idColumn(),
});

/**
 * Applied commands' ids, unique per service, written with the command's events.
 * @example
 * await dataSource.getRepository(SpocCommandEntity).findOneBy({ service_id: serviceId, command_id: commandId })
 */
export const SpocCommandEntity = entity<CommandsRow>("spoc_commands", {
  service_id: idColumn(pk), command_id: { type: "varchar", length: 320, ...pk }, ticket_id: idColumn(), version: { type: "integer" }, at: bigintColumn(),
});

/**
 * The last ticket number allocated per service.
 * @example
 * await dataSource.getRepository(SpocCounterEntity).findOneBy({ service_id: serviceId })
 */
export const SpocCounterEntity = entity<CountersRow>("spoc_counters", { service_id: idColumn(pk), last_number: bigintColumn() });

const docEntity = (name: string) => entity<DocRow>(name, { id: idColumn(pk), doc: jsonColumn() });
const listDocEntity = (name: string) => entity<ListDocRow>(name, { contact_list_id: idColumn(pk), id: idColumn(pk), doc: jsonColumn() });

/**
 * Services.
 * @example
 * await dataSource.getRepository(SpocServiceEntity).findOneBy({ id: serviceId })
 */
export const SpocServiceEntity = docEntity("spoc_services");
/**
 * Contact lists.
 * @example
 * await dataSource.getRepository(SpocContactListEntity).findOneBy({ id: contactListId })
 */
export const SpocContactListEntity = docEntity("spoc_contact_lists");
/**
 * Agents.
 * @example
 * await dataSource.getRepository(SpocAgentEntity).findOneBy({ id: agentId })
 */
export const SpocAgentEntity = docEntity("spoc_agents");
/**
 * Contacts, per contact list.
 * @example
 * await dataSource.getRepository(SpocContactEntity).findOneBy({ contact_list_id: contactListId, id: contactId })
 */
export const SpocContactEntity = listDocEntity("spoc_contacts");
/**
 * Organisations, per contact list.
 * @example
 * await dataSource.getRepository(SpocOrganizationEntity).findOneBy({ contact_list_id: contactListId, id: organizationId })
 */
export const SpocOrganizationEntity = listDocEntity("spoc_organizations");

/**
 * Contact emails, lower-cased, for lookup.
 * @example
 * await dataSource.getRepository(SpocContactEmailEntity).findBy({ contact_list_id: contactListId, email: "ada@example.com" })
 */
export const SpocContactEmailEntity = entity<ContactEmailsRow>("spoc_contact_emails", {
  contact_list_id: idColumn(pk), email: idColumn(pk), contact_id: idColumn(pk),
});

/**
 * Organisation domains, lower-cased, for lookup.
 * @example
 * await dataSource.getRepository(SpocOrganizationDomainEntity).findBy({ contact_list_id: contactListId, domain: "example.com" })
 */
export const SpocOrganizationDomainEntity = entity<OrganizationDomainsRow>("spoc_organization_domains", {
  contact_list_id: idColumn(pk), domain: idColumn(pk), organization_id: idColumn(pk),
});

/**
 * Groups, per service.
 * @example
 * await dataSource.getRepository(SpocGroupEntity).findBy({ service_id: serviceId })
 */
export const SpocGroupEntity = entity<GroupsRow>("spoc_groups", { service_id: idColumn(pk), id: idColumn(pk), doc: jsonColumn() });

/**
 * Which services an agent belongs to.
 * @example
 * await dataSource.getRepository(SpocAgentServiceEntity).findBy({ agent_id: agentId })
 */
export const SpocAgentServiceEntity = entity<AgentServicesRow>("spoc_agent_services", { service_id: idColumn(pk), agent_id: idColumn(pk) });

/**
 * Configuration documents (routing rules, SLA policies…) per service and kind.
 * @example
 * await dataSource.getRepository(SpocConfigEntity).findBy({ service_id: serviceId, kind: "sla-policy" })
 */
export const SpocConfigEntity = entity<ConfigRow>("spoc_config", {
  service_id: idColumn(pk), kind: { type: "varchar", length: 40, ...pk }, id: idColumn(pk), doc: jsonColumn(),
});

/**
 * Small named values per service (round-robin cursors).
 * @example
 * await dataSource.getRepository(SpocCursorEntity).findOneBy({ service_id: serviceId, key: "round-robin:l2" })
 */
export const SpocCursorEntity = entity<CursorsRow>("spoc_cursors", { service_id: idColumn(pk), key: idColumn(pk), value: { type: "text" } });

/**
 * Notifications to deliver, written with the events that requested them.
 * @example
 * await dataSource.getRepository(SpocOutboxEntity).findBy({ service_id: serviceId, sent_at: IsNull() })
 */
export const SpocOutboxEntity = entity<OutboxRow>("spoc_outbox", {
  id: idColumn(pk), service_id: idColumn(), ticket_id: idColumn(nullable), kind: { type: "varchar", length: 64 }, payload: jsonColumn(),
  created_at: bigintColumn(), sent_at: bigintColumn(nullable), attempts: { type: "integer", default: 0 },
  available_at: bigintColumn({ default: 0 }), claimed_until: bigintColumn(nullable), claimed_by: idColumn(nullable),
  last_error: { type: "text", nullable: true },
});

/**
 * The sweep's leases: a short row per claimed ticket, deleted on release.
 * @example
 * await dataSource.getRepository(SpocSweepLeaseEntity).findOneBy({ ticket_id: ticketId })
 */
export const SpocSweepLeaseEntity = entity<SweepLeasesRow>("spoc_sweep_leases", {
  ticket_id: idColumn(pk), service_id: idColumn(), next_deadline: bigintColumn(), claimed_until: bigintColumn(), claimed_by: idColumn(),
});

/**
 * Every spoc entity (`EntitySchema`s, no decorators); add them to the host's `DataSource` options.
 * @example new DataSource({ type: "postgres", url, entities: [Order, ...spocEntities], migrations: [...spocMigrations] })
 */
export const spocEntities = [
  SpocEventEntity, SpocTicketEntity, SpocMessageEntity, SpocCounterEntity, SpocServiceEntity, SpocContactListEntity, SpocAgentEntity,
  SpocContactEntity, SpocOrganizationEntity, SpocContactEmailEntity, SpocOrganizationDomainEntity, SpocGroupEntity,
  SpocAgentServiceEntity, SpocConfigEntity, SpocCursorEntity, SpocOutboxEntity, SpocSweepLeaseEntity, SpocCommandEntity,
] as const;
