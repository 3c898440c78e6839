import type { AgentId, ContactId, ContactListId, GroupId, OrganizationId, ServiceId, TicketId } from "../ids/ids";
import type { Agent, Contact, ContactList, Group, Organization, Service } from "../service/schema";
import type { StoredEvent, TicketEvent } from "../ticket/events";
import type { Priority, Ticket } from "../ticket/schema";
import type { Status } from "../ticket/status";
import type { SearchAudience } from "./search-text";

/**
 * Events to append to one ticket's stream, with the projection they produce.
 * @example
 * await store.append({ serviceId, ticketId, expectedVersion: 3, events: [event], ticket: evolve(ticket, event), commandId: "cmd-42" })
 */
export interface AppendRequest {
  readonly serviceId: ServiceId;
  readonly ticketId: TicketId;
  /** The version the writer read (0 for a new ticket); a mismatch is a `VersionConflict`. */
  readonly expectedVersion: number;
  readonly events: ReadonlyArray<TicketEvent>;
  /** The ticket after the events: written to the query projection in the same transaction. */
  readonly ticket: Ticket;
  /**
   * The id of the command these events apply, recorded in the same transaction. A second append
   * with the same command id in the same service is refused with `StoreError{DuplicateCommand}`
   * and writes nothing: so a command retried after a lost answer applies once.
   */
  readonly commandId?: string;
}

/**
 * Filters of the ticket list; every field narrows the result.
 * @example
 * await desk.listTickets(agent, "svc-support", { status: ["open"], priority: ["high", "urgent"], assigneeId: null, limit: 20 })
 */
export interface TicketQuery {
  readonly status?: ReadonlyArray<Status>;
  /** Only tickets not yet resolved or closed. */
  readonly active?: boolean;
  readonly groupId?: GroupId | null;
  readonly assigneeId?: AgentId | null;
  readonly requesterId?: ContactId;
  readonly priority?: ReadonlyArray<Priority>;
  /**
   * Full-text search: only tickets whose subject, description, messages or requester name and
   * emails hold every word of `text` — whole, or as a prefix when `*` follows it (`print*`);
   * accents and case ignored (see `searchTerms`). Order and cursor stay those of the list (newest first). Text without letters
   * or digits matches nothing. Stores whose `capabilities.search` is not true reject it.
   */
  readonly text?: string;
  /**
   * Which text `text` searches: `public` (default; never internal notes) or `staff` (notes too).
   * The Desk sets it from the caller's view; a contact's search is always `public`.
   */
  readonly audience?: SearchAudience;
  /** Page size (1–500, default 50). */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly after?: string;
}

/**
 * One page of a list; pass `nextCursor` as `after` for the next page (null at the end).
 * @example
 * const { items, nextCursor }: Page<StaffView> = await desk.listTickets(agent, "svc-support", { active: true })
 * if (nextCursor) await desk.listTickets(agent, "svc-support", { active: true, after: nextCursor })
 */
export interface Page<T> {
  readonly items: ReadonlyArray<T>;
  readonly nextCursor: string | null;
}

/**
 * Directory entries written together (`putDirectory`): an import's new agents, groups, contacts and organisations.
 * @example
 * await store.putDirectory({ contacts: [carla], organizations: [acme], agents: [], groups: [] })
 */
export interface DirectoryEntries {
  readonly organizations?: ReadonlyArray<Organization>;
  readonly contacts?: ReadonlyArray<Contact>;
  readonly groups?: ReadonlyArray<Group>;
  readonly agents?: ReadonlyArray<Agent>;
}

/**
 * A ticket a sweeper has claimed (`claimDue`), with the deadline that made it due.
 * @example
 * for (const { serviceId, ticketId, nextDeadline }: ClaimedTicket of due) console.log(serviceId, ticketId, nextDeadline)
 */
export interface ClaimedTicket {
  readonly serviceId: ServiceId;
  readonly ticketId: TicketId;
  readonly nextDeadline: number;
}

/**
 * Options of a sweep claim.
 * @example
 * const due = await store.claimDue(Date.now(), { limit: 100, leaseMs: 60_000, workerId: "sweeper-1" })
 */
export interface ClaimOptions {
  readonly limit: number;
  /** How long the claim holds; another sweeper may take the ticket after that. */
  readonly leaseMs: number;
  readonly workerId: string;
  readonly serviceId?: ServiceId;
}

/**
 * A notification waiting to be delivered. Every `NotificationRequested` event a store appends
 * becomes one, in the same transaction, with the id `ticketId:version` — so a retried delivery is
 * recognisable and nothing requested is lost.
 * @example
 * const item: OutboxItem = { id: outboxId("t-1", 3), serviceId, ticketId, template: "acknowledgement", to: ["carla@acme.example"], data: {}, createdAt: Date.now(), attempts: 0 }
 */
export interface OutboxItem {
  readonly id: string;
  readonly serviceId: ServiceId;
  readonly ticketId: TicketId;
  readonly template: string;
  readonly to: ReadonlyArray<string>;
  readonly data: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
  /** Delivery attempts so far. */
  readonly attempts: number;
}

/** The outbox id of the event at a version of a ticket's stream. @example outboxId("t-1", 3) // "t-1:3" */
export const outboxId = (ticketId: string, version: number): string => `${ticketId}:${version}`;

/**
 * What an adapter can do, so the conformance suite can skip with a stated reason.
 * @example
 * if (!store.capabilities.multiProcess) console.warn("run a single sweeper against this store")
 */
export interface StoreCapabilities {
  /** Several processes may write at once (PostgreSQL, MySQL); false for one-writer stores. */
  readonly multiProcess: boolean;
  /** The sweep claims with `FOR UPDATE SKIP LOCKED`. */
  readonly skipLocked: boolean;
  /**
   * `listTickets` takes a `text` search, kept by the store's own full-text engine in the append's
   * transaction. Absent means false: the conformance suite skips search with a printed reason.
   */
  readonly search?: boolean;
}

/**
 * Kinds of configuration documents kept per service (rules, policies, calendars…).
 * @example
 * const rules = await store.listConfig(serviceId, "routing-rule" satisfies ConfigKind)
 */
export type ConfigKind = "routing-rule" | "sla-policy" | "calendar" | "escalation-rule" | "report" | "schedule" | "mailbox";

/**
 * The storage port. Every method that touches scoped data takes the `serviceId`, so one
 * service never reads another's tickets. Methods reject with `StoreError`.
 * @example
 * const store: Store = memoryStore() // or openStore("sqlite:desk.db") from @spoc/store-kysely
 * const desk = createDesk({ store })
 */
export interface Store {
  readonly capabilities: StoreCapabilities;

  /** Creates or replaces a service. */
  putService(service: Service): Promise<void>;
  /** The service with this id, or `undefined`. */
  getService(id: ServiceId): Promise<Service | undefined>;
  /** Every service. */
  listServices(): Promise<ReadonlyArray<Service>>;
  /** Creates or replaces a contact list. */
  putContactList(list: ContactList): Promise<void>;
  /** The contact list with this id, or `undefined`. */
  getContactList(id: ContactListId): Promise<ContactList | undefined>;
  /** Creates or replaces a contact in its contact list. */
  putContact(contact: Contact): Promise<void>;
  /** The contact with this id in a contact list, or `undefined`. */
  getContact(contactListId: ContactListId, id: ContactId): Promise<Contact | undefined>;
  /** The contact of a contact list with this email address (compared without case), or `undefined`. */
  findContactByEmail(contactListId: ContactListId, email: string): Promise<Contact | undefined>;
  /** Creates or replaces an organisation in its contact list. */
  putOrganization(org: Organization): Promise<void>;
  /** The organisation with this id in a contact list, or `undefined`. */
  getOrganization(contactListId: ContactListId, id: OrganizationId): Promise<Organization | undefined>;
  /** The organisation of a contact list that owns this email domain (compared without case), or `undefined`. */
  findOrganizationByDomain(contactListId: ContactListId, domain: string): Promise<Organization | undefined>;
  /** Creates or replaces a group of a service. */
  putGroup(group: Group): Promise<void>;
  /** The group with this id in a service, or `undefined`. */
  getGroup(serviceId: ServiceId, id: GroupId): Promise<Group | undefined>;
  /** The groups of a service. */
  listGroups(serviceId: ServiceId): Promise<ReadonlyArray<Group>>;
  /** Creates or replaces an agent (with their service memberships). */
  putAgent(agent: Agent): Promise<void>;
  /** The agent with this id, or `undefined`. */
  getAgent(id: AgentId): Promise<Agent | undefined>;
  /** The agents who are members of a service. */
  listAgents(serviceId: ServiceId): Promise<ReadonlyArray<Agent>>;

  /** Stores a configuration document (a routing rule, an SLA policy…) of a service. */
  putConfig(serviceId: ServiceId, kind: ConfigKind, id: string, doc: unknown): Promise<void>;
  /** The configuration documents of a kind, in the order of their ids. */
  listConfig(serviceId: ServiceId, kind: ConfigKind): Promise<ReadonlyArray<{ id: string; doc: unknown }>>;
  /** Removes a configuration document of a service (nothing happens if there is none). */
  deleteConfig(serviceId: ServiceId, kind: ConfigKind, id: string): Promise<void>;

  /**
   * Writes many directory entries (as `putOrganization`, `putContact`, `putGroup`, `putAgent`
   * each would) in one transaction, all or nothing. Optional: `putDirectory` (the function)
   * falls back to one put per entry. An import meets thousands of agents and contacts; one
   * commit each cost more than the rest of their writes.
   */
  putDirectory?(entries: DirectoryEntries): Promise<void>;
  /**
   * Appends to several tickets in one transaction, all or nothing (imports, bulk changes). Optional:
   * `appendAll` falls back to one `append` per ticket for adapters without it.
   */
  appendMany?(requests: ReadonlyArray<AppendRequest>): Promise<void>;
  /**
   * Every event of a service in (ticket, version) order, streamed in bounded memory (reports,
   * aggregates, exports). Optional: `eventsOf` falls back to listing tickets and reading each stream.
   */
  streamEvents?(serviceId: ServiceId): AsyncIterable<StoredEvent>;
  /** Allocates the next ticket number of a service atomically (1, 2, 3…; gaps allowed, never repeats). */
  allocateTicketNumber(serviceId: ServiceId): Promise<number>;
  /**
   * Allocates `count` consecutive ticket numbers of a service in one atomic step and returns the
   * first (imports number thousands of tickets). Optional: `allocateTicketNumbers` (the function)
   * falls back to one `allocateTicketNumber` per ticket.
   */
  allocateTicketNumberBlock?(serviceId: ServiceId, count: number): Promise<number>;
  /**
   * Gives back the numbers `first … first + count - 1` if they are still the last ones allocated
   * (nothing was allocated after them), so a reservation that went unused leaves no gap; returns
   * whether it did. An import reserves numbers ahead of the batch it replays. Optional: without
   * it an unused reservation stays a gap, which numbering allows.
   */
  releaseTicketNumberBlock?(serviceId: ServiceId, first: number, count: number): Promise<boolean>;
  /** Appends events with optimistic concurrency and updates the projection in one transaction. */
  append(request: AppendRequest): Promise<void>;
  /**
   * The ticket an append with this command id wrote in the service, if one did (see
   * `AppendRequest.commandId`). Command ids are unique per service, not per ticket: a retried
   * `OpenTicket` makes a new ticket id, and only a service-wide key recognises it.
   */
  findCommand(serviceId: ServiceId, commandId: string): Promise<TicketId | undefined>;
  /** A ticket's event stream in version order (empty for an unknown ticket). */
  readEvents(serviceId: ServiceId, ticketId: TicketId): Promise<ReadonlyArray<StoredEvent>>;
  /** The current projection of a ticket, or `undefined`. */
  getTicket(serviceId: ServiceId, ticketId: TicketId): Promise<Ticket | undefined>;
  /** The ticket of a service with this display number, or `undefined`. */
  getTicketByNumber(serviceId: ServiceId, number: string): Promise<Ticket | undefined>;
  /** Tickets of a service, newest first, with a cursor that stays stable while tickets are added. */
  listTickets(serviceId: ServiceId, query: TicketQuery): Promise<Page<Ticket>>;
  /** The ticket holding an inbound message with this external id (e.g. an RFC 5322 Message-ID). */
  findTicketByExternalId(serviceId: ServiceId, externalId: string): Promise<TicketId | undefined>;
  /** Open-ticket counts of agents in a service (for capacity and load-based assignment). */
  openTicketCounts(serviceId: ServiceId, agentIds: ReadonlyArray<AgentId>): Promise<ReadonlyMap<AgentId, number>>;

  /** Claims tickets whose next deadline has passed and that no live lease holds. */
  claimDue(now: number, options: ClaimOptions): Promise<ReadonlyArray<ClaimedTicket>>;
  /** Releases a claim early (after the sweeper handled the ticket). */
  releaseClaim(serviceId: ServiceId, ticketId: TicketId, workerId: string): Promise<void>;

  /** Claims undelivered notifications (oldest first) that no live lease holds and whose retry time has come. */
  claimOutbox(now: number, options: ClaimOptions): Promise<ReadonlyArray<OutboxItem>>;
  /** Marks a notification delivered; it is never claimed again. */
  markOutboxSent(id: string, at: number): Promise<void>;
  /** Records a failed attempt; the notification is claimable again from `retryAt`. */
  markOutboxFailed(id: string, error: string, retryAt: number): Promise<void>;

  /** A small named value per service (e.g. a round-robin cursor). */
  getCursor(serviceId: ServiceId, key: string): Promise<string | undefined>;
  /** Sets a named value of a service (see `getCursor`). */
  setCursor(serviceId: ServiceId, key: string, value: string): Promise<void>;

  /** Releases resources the store owns (not the host's client). */
  close(): Promise<void>;
}

/** Clamps a page size to 1–500 (default 50). @example pageLimit(undefined) // 50; pageLimit(10_000) // 500 */
export const pageLimit = (limit: number | undefined): number => Math.min(500, Math.max(1, Math.trunc(limit ?? 50)));

/**
 * Encodes a list cursor from the last item's sort key (createdAt desc, id desc).
 * @example const nextCursor = encodeCursor(page[page.length - 1])
 */
export const encodeCursor = (t: Pick<Ticket, "createdAt" | "id">): string =>
  Buffer.from(JSON.stringify([t.createdAt, t.id])).toString("base64url");

/**
 * Decodes a list cursor; throws an `Error` for a malformed one.
 * @example decodeCursor(encodeCursor({ createdAt: 1000, id: "t-1" })) // { createdAt: 1000, id: "t-1" }
 */
export const decodeCursor = (cursor: string): { createdAt: number; id: string } => {
  const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!Array.isArray(v) || typeof v[0] !== "number" || typeof v[1] !== "string") throw new Error("malformed cursor");
  return { createdAt: v[0], id: v[1] };
};
