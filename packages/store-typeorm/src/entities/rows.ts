/**
 * One event of a ticket's stream; timestamps are epoch milliseconds.
 * @example
 * const rows: EventsRow[] = await dataSource.getRepository(SpocEventEntity).find()
 */
export interface EventsRow { ticket_id: string; version: number; service_id: string; type: string; at: number; actor: unknown; payload: unknown }

/**
 * A row of the ticket projection.
 * @example
 * const rows: TicketsRow[] = await dataSource.getRepository(SpocTicketEntity).find()
 */
export interface TicketsRow {
  id: string; service_id: string; number: string; version: number; status: string; priority: string;
  /** 1 while the ticket is open work (not resolved or closed). */
  active: number;
  group_id: string | null; assignee_id: string | null; requester_id: string; created_at: number; updated_at: number;
  resolved_at: number | null; closed_at: number | null; next_deadline: number | null; claimed_until: number | null;
  claimed_by: string | null; doc: unknown;
}

/**
 * An inbound message id of a service.
 * @example
 * const rows: MessagesRow[] = await dataSource.getRepository(SpocMessageEntity).find()
 */
export interface MessagesRow { service_id: string; external_id: string; ticket_id: string }
/**
 * The last ticket number of a service.
 * @example
 * const rows: CountersRow[] = await dataSource.getRepository(SpocCounterEntity).find()
 */
export interface CountersRow { service_id: string; last_number: number }
/**
 * A directory document keyed by one id.
 * @example
 * const rows: DocRow[] = await dataSource.getRepository(SpocServiceEntity).find()
 */
export interface DocRow { id: string; doc: unknown }
/**
 * A directory document inside a contact list.
 * @example
 * const rows: ListDocRow[] = await dataSource.getRepository(SpocContactEntity).find()
 */
export interface ListDocRow { contact_list_id: string; id: string; doc: unknown }
/**
 * A contact's email.
 * @example
 * const rows: ContactEmailsRow[] = await dataSource.getRepository(SpocContactEmailEntity).find()
 */
export interface ContactEmailsRow { contact_list_id: string; email: string; contact_id: string }
/**
 * An organisation's domain.
 * @example
 * const rows: OrganizationDomainsRow[] = await dataSource.getRepository(SpocOrganizationDomainEntity).find()
 */
export interface OrganizationDomainsRow { contact_list_id: string; domain: string; organization_id: string }
/**
 * A group of a service.
 * @example
 * const rows: GroupsRow[] = await dataSource.getRepository(SpocGroupEntity).find()
 */
export interface GroupsRow { service_id: string; id: string; doc: unknown }
/**
 * An agent's membership of a service.
 * @example
 * const rows: AgentServicesRow[] = await dataSource.getRepository(SpocAgentServiceEntity).find()
 */
export interface AgentServicesRow { service_id: string; agent_id: string }
/**
 * A configuration document.
 * @example
 * const rows: ConfigRow[] = await dataSource.getRepository(SpocConfigEntity).find()
 */
export interface ConfigRow { service_id: string; kind: string; id: string; doc: unknown }
/**
 * A named value of a service.
 * @example
 * const rows: CursorsRow[] = await dataSource.getRepository(SpocCursorEntity).find()
 */
export interface CursorsRow { service_id: string; key: string; value: string }
/**
 * A command id already applied to a ticket: a repeat is refused.
 * @example
 * const rows: CommandsRow[] = await dataSource.getRepository(SpocCommandEntity).find()
 */
export interface CommandsRow { service_id: string; command_id: string; ticket_id: string; version: number; at: number }
/**
 * A sweeper's claim on a due ticket.
 * @example
 * const rows: SweepLeasesRow[] = await dataSource.getRepository(SpocSweepLeaseEntity).find()
 */
export interface SweepLeasesRow { ticket_id: string; service_id: string; next_deadline: number; claimed_until: number; claimed_by: string }
/**
 * A notification to deliver.
 * @example
 * const rows: OutboxRow[] = await dataSource.getRepository(SpocOutboxEntity).find()
 */
export interface OutboxRow {
  id: string; service_id: string; ticket_id: string | null; kind: string; payload: unknown; created_at: number;
  sent_at: number | null; attempts: number; available_at: number; claimed_until: number | null; claimed_by: string | null;
  last_error: string | null;
}
