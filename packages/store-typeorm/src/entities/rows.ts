/** One event of a ticket's stream; timestamps are epoch milliseconds. */
export interface EventsRow { ticket_id: string; version: number; service_id: string; type: string; at: number; actor: unknown; payload: unknown }

/** A row of the ticket projection. */
export interface TicketsRow {
  id: string; service_id: string; number: string; version: number; status: string; priority: string;
  /** 1 while the ticket is open work (not resolved or closed). */
  active: number;
  group_id: string | null; assignee_id: string | null; requester_id: string; created_at: number; updated_at: number;
  resolved_at: number | null; closed_at: number | null; next_deadline: number | null; claimed_until: number | null;
  claimed_by: string | null; doc: unknown;
}

/** An inbound message id of a service. */
export interface MessagesRow { service_id: string; external_id: string; ticket_id: string }
/** The last ticket number of a service. */
export interface CountersRow { service_id: string; last_number: number }
/** A directory document keyed by one id. */
export interface DocRow { id: string; doc: unknown }
/** A directory document inside a contact list. */
export interface ListDocRow { contact_list_id: string; id: string; doc: unknown }
/** A contact's email. */
export interface ContactEmailsRow { contact_list_id: string; email: string; contact_id: string }
/** An organisation's domain. */
export interface OrganizationDomainsRow { contact_list_id: string; domain: string; organization_id: string }
/** A group of a service. */
export interface GroupsRow { service_id: string; id: string; doc: unknown }
/** An agent's membership of a service. */
export interface AgentServicesRow { service_id: string; agent_id: string }
/** A configuration document. */
export interface ConfigRow { service_id: string; kind: string; id: string; doc: unknown }
/** A named value of a service. */
export interface CursorsRow { service_id: string; key: string; value: string }
/** A command id already applied to a ticket: a repeat is refused. */
export interface CommandsRow { service_id: string; command_id: string; ticket_id: string; version: number; at: number }
/** A sweeper's claim on a due ticket. */
export interface SweepLeasesRow { ticket_id: string; service_id: string; next_deadline: number; claimed_until: number; claimed_by: string }
/** A notification to deliver. */
export interface OutboxRow {
  id: string; service_id: string; ticket_id: string | null; kind: string; payload: unknown; created_at: number;
  sent_at: number | null; attempts: number; available_at: number; claimed_until: number | null; claimed_by: string | null;
  last_error: string | null;
}
