import type { AgentId, ServiceId, TicketId } from "../ids/ids";
import type { Agent, Contact, ContactList, Group, Organization, Service } from "../service/schema";
import type { StoredEvent } from "../ticket/events";
import type { Ticket } from "../ticket/schema";
import { isActive } from "../ticket/status";
import { duplicateCommand, duplicateMessageId, StoreError, versionConflict } from "./errors";
import type { AppendRequest, ClaimedTicket, ClaimOptions, ConfigKind, OutboxItem, Page, Store, TicketQuery } from "./port";
import { decodeCursor, encodeCursor, outboxId, pageLimit } from "./port";
import { memorySearchIndex } from "./memory-search";

interface OutboxRow {
  item: OutboxItem;
  sentAt: number | null;
  availableAt: number;
  lease?: { workerId: string; until: number };
  lastError?: string;
}

interface Stream {
  readonly serviceId: ServiceId;
  readonly events: StoredEvent[];
  ticket: Ticket;
  lease?: { workerId: string; until: number };
}

const lower = (s: string) => s.trim().toLowerCase();
// Values leave the store as copies, as they would from a database: callers can't mutate its state.
const copy = <T>(v: T): T => structuredClone(v);

/**
 * A `Store` in process memory, for tests, examples and single-process hosts that keep nothing.
 * Each operation is atomic because JavaScript runs it to completion between awaits.
 * @example const desk = createDesk({ store: memoryStore() })
 */
export function memoryStore(): Store & {
  /** Empties the store. */
  reset(): void;
} {
  let services = new Map<string, Service>();
  let lists = new Map<string, ContactList>();
  let contacts = new Map<string, Contact>();
  let orgs = new Map<string, Organization>();
  let groups = new Map<string, Group>();
  let agents = new Map<string, Agent>();
  let config = new Map<string, Map<string, unknown>>();
  let counters = new Map<string, number>();
  let streams = new Map<string, Stream>();
  let externalIds = new Map<string, TicketId>();
  let cursors = new Map<string, string>();
  let outbox = new Map<string, OutboxRow>();
  let commands = new Map<string, TicketId>();
  let search = memorySearchIndex();

  const scoped = (serviceId: ServiceId, ticketId: TicketId): Stream | undefined => {
    const s = streams.get(ticketId);
    return s && s.serviceId === serviceId ? s : undefined;
  };
  const tick = () => Promise.resolve();

  return {
    capabilities: { multiProcess: false, skipLocked: false, search: true },
    reset() {
      services = new Map(); lists = new Map(); contacts = new Map(); orgs = new Map();
      groups = new Map(); agents = new Map(); config = new Map(); counters = new Map();
      streams = new Map(); externalIds = new Map(); cursors = new Map(); outbox = new Map(); commands = new Map();
      search = memorySearchIndex();
    },
    async putService(s) { await tick(); services.set(s.id, copy(s)); },
    async getService(id) { await tick(); return copy(services.get(id)); },
    async listServices() { await tick(); return [...services.values()].map(copy); },
    async putContactList(l) { await tick(); lists.set(l.id, copy(l)); },
    async getContactList(id) { await tick(); return copy(lists.get(id)); },
    async putContact(c) { await tick(); contacts.set(`${c.contactListId}/${c.id}`, copy(c)); },
    async getContact(listId, id) { await tick(); return copy(contacts.get(`${listId}/${id}`)); },
    async findContactByEmail(listId, email) {
      await tick();
      const e = lower(email);
      return copy([...contacts.values()].find((c) => c.contactListId === listId && c.emails.some((x) => lower(x) === e)));
    },
    async putOrganization(o) { await tick(); orgs.set(`${o.contactListId}/${o.id}`, copy(o)); },
    async getOrganization(listId, id) { await tick(); return copy(orgs.get(`${listId}/${id}`)); },
    async findOrganizationByDomain(listId, domain) {
      await tick();
      const d = lower(domain);
      return copy([...orgs.values()].find((o) => o.contactListId === listId && o.domains.some((x) => lower(x) === d)));
    },
    async putGroup(g) { await tick(); groups.set(`${g.serviceId}/${g.id}`, copy(g)); },
    async getGroup(serviceId, id) { await tick(); return copy(groups.get(`${serviceId}/${id}`)); },
    async listGroups(serviceId) { await tick(); return [...groups.values()].filter((g) => g.serviceId === serviceId).map(copy); },
    async putAgent(a) { await tick(); agents.set(a.id, copy(a)); },
    async getAgent(id) { await tick(); return copy(agents.get(id)); },
    async listAgents(serviceId) {
      await tick();
      return [...agents.values()].filter((a) => a.memberships.some((m) => m.serviceId === serviceId)).map(copy);
    },
    async putConfig(serviceId, kind, id, doc) {
      await tick();
      const key = `${serviceId}/${kind}`;
      const m = config.get(key) ?? new Map<string, unknown>();
      m.set(id, copy(doc));
      config.set(key, m);
    },
    async listConfig(serviceId: ServiceId, kind: ConfigKind) {
      await tick();
      const m = config.get(`${serviceId}/${kind}`) ?? new Map<string, unknown>();
      return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, doc]) => ({ id, doc: copy(doc) }));
    },
    async deleteConfig(serviceId, kind, id) { await tick(); config.get(`${serviceId}/${kind}`)?.delete(id); },

    async allocateTicketNumber(serviceId) {
      await tick();
      const n = (counters.get(serviceId) ?? 0) + 1;
      counters.set(serviceId, n);
      return n;
    },
    async allocateTicketNumberBlock(serviceId, count) {
      await tick();
      if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number ≥ 1, got ${count}`);
      const first = (counters.get(serviceId) ?? 0) + 1;
      counters.set(serviceId, first + count - 1);
      return first;
    },
    async releaseTicketNumberBlock(serviceId, first, count) {
      await tick();
      if (!Number.isInteger(first) || !Number.isInteger(count) || first < 1 || count < 1) {
        throw new RangeError(`a block is a first number ≥ 1 and a count ≥ 1, got ${first} and ${count}`);
      }
      if ((counters.get(serviceId) ?? 0) !== first + count - 1) return false;
      counters.set(serviceId, first - 1);
      return true;
    },
    async appendMany(requests) {
      await tick();
      // All or nothing: check every request against a snapshot first, then apply them in order.
      const seen = new Set<string>();
      const commandIds = new Set<string>();
      for (const r of requests) {
        if (r.commandId !== undefined) {
          const key = `${r.serviceId}/${r.commandId}`;
          if (commands.has(key) || commandIds.has(key)) throw duplicateCommand(r.commandId);
          commandIds.add(key);
        }
        const actual = streams.get(r.ticketId)?.events.length ?? 0;
        if (seen.has(r.ticketId) || actual !== r.expectedVersion) throw versionConflict(r.ticketId, r.expectedVersion, actual);
        seen.add(r.ticketId);
        for (const e of r.events) {
          if (e.type === "MessageAdded" && e.externalId !== null && externalIds.has(`${r.serviceId}/${e.externalId}`)) throw duplicateMessageId(e.externalId);
        }
      }
      const ext = requests.flatMap((r) => r.events.flatMap((e) => (e.type === "MessageAdded" && e.externalId !== null ? [`${r.serviceId}/${e.externalId}`] : [])));
      if (new Set(ext).size !== ext.length) throw duplicateMessageId(ext.find((k, i) => ext.indexOf(k) !== i)?.split("/").slice(1).join("/") ?? "");
      for (const r of requests) await this.append(r);
    },
    async *streamEvents(serviceId) {
      await tick();
      const ids = [...streams.entries()].filter(([, s]) => s.serviceId === serviceId).map(([id]) => id).sort();
      for (const id of ids) yield* copy(streams.get(id)?.events ?? []);
    },
    async append(req: AppendRequest) {
      await tick();
      const existing = streams.get(req.ticketId);
      if (existing && existing.serviceId !== req.serviceId) {
        throw new StoreError({ reason: "DuplicateKey", message: `ticket ${req.ticketId} belongs to another service` });
      }
      // The command id first: a retry of an applied command is told so, whatever the version.
      const commandKey = req.commandId === undefined ? undefined : `${req.serviceId}/${req.commandId}`;
      if (commandKey !== undefined && commands.has(commandKey)) throw duplicateCommand(req.commandId as string);
      const actual = existing ? existing.events.length : 0;
      if (actual !== req.expectedVersion) throw versionConflict(req.ticketId, req.expectedVersion, actual);
      const newIds: string[] = [];
      for (const e of req.events) {
        if (e.type === "MessageAdded" && e.externalId !== null) {
          const key = `${req.serviceId}/${e.externalId}`;
          if (externalIds.has(key) || newIds.includes(key)) throw duplicateMessageId(e.externalId);
          newIds.push(key);
        }
      }
      const stream: Stream = existing ?? { serviceId: req.serviceId, events: [], ticket: req.ticket };
      req.events.forEach((event, i) =>
        stream.events.push({ ticketId: req.ticketId, serviceId: req.serviceId, version: actual + i + 1, event: copy(event) }),
      );
      stream.ticket = copy(req.ticket);
      streams.set(req.ticketId, stream);
      // The requester's name and emails are indexed when the ticket is opened.
      const listId = existing ? undefined : services.get(req.serviceId)?.contactListId;
      search.add(req.ticketId, req.events, req.ticket.subject, listId === undefined ? undefined : contacts.get(`${listId}/${req.ticket.requesterId}`));
      req.events.forEach((e, i) => {
        if (e.type !== "NotificationRequested") return;
        const id = outboxId(req.ticketId, actual + i + 1);
        outbox.set(id, { item: { id, serviceId: req.serviceId, ticketId: req.ticketId, template: e.template, to: copy(e.to), data: copy(e.data), createdAt: e.at, attempts: 0 }, sentAt: null, availableAt: e.at });
      });
      for (const k of newIds) externalIds.set(k, req.ticketId);
      if (commandKey !== undefined) commands.set(commandKey, req.ticketId);
    },
    async findCommand(serviceId, commandId) { await tick(); return commands.get(`${serviceId}/${commandId}`); },
    async readEvents(serviceId, ticketId) { await tick(); return copy(scoped(serviceId, ticketId)?.events ?? []); },
    async getTicket(serviceId, ticketId) { await tick(); return copy(scoped(serviceId, ticketId)?.ticket); },
    async getTicketByNumber(serviceId, number) {
      await tick();
      return copy([...streams.values()].find((s) => s.serviceId === serviceId && s.ticket.number === number)?.ticket);
    },
    async listTickets(serviceId, q: TicketQuery): Promise<Page<Ticket>> {
      await tick();
      const limit = pageLimit(q.limit);
      const after = q.after ? decodeCursor(q.after) : undefined;
      const found = q.text === undefined ? undefined : search.match(q.text, q.audience ?? "public");
      const rows = [...streams.values()]
        .filter((s) => s.serviceId === serviceId && (found === undefined || found.has(s.ticket.id)))
        .map((s) => s.ticket)
        .filter((t) => matches(t, q))
        .filter((t) => !after || t.createdAt < after.createdAt || (t.createdAt === after.createdAt && t.id < after.id))
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      const items = rows.slice(0, limit).map(copy);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
    },
    async findTicketByExternalId(serviceId, externalId) { await tick(); return externalIds.get(`${serviceId}/${externalId}`); },
    async openTicketCounts(serviceId, agentIds) {
      await tick();
      const counts = new Map<AgentId, number>(agentIds.map((a) => [a, 0]));
      for (const s of streams.values()) {
        const t = s.ticket;
        if (t.serviceId === serviceId && t.assigneeId && counts.has(t.assigneeId) && isActive(t.status)) {
          counts.set(t.assigneeId, (counts.get(t.assigneeId) ?? 0) + 1);
        }
      }
      return counts;
    },
    async claimDue(now: number, o: ClaimOptions): Promise<ReadonlyArray<ClaimedTicket>> {
      await tick();
      const due = [...streams.values()]
        .filter((s) => (o.serviceId === undefined || s.serviceId === o.serviceId) && s.ticket.nextDeadline !== null)
        .filter((s) => (s.ticket.nextDeadline as number) <= now && (!s.lease || s.lease.until <= now))
        .sort((a, b) => (a.ticket.nextDeadline as number) - (b.ticket.nextDeadline as number))
        .slice(0, o.limit);
      for (const s of due) s.lease = { workerId: o.workerId, until: now + o.leaseMs };
      return due.map((s) => ({ serviceId: s.serviceId, ticketId: s.ticket.id, nextDeadline: s.ticket.nextDeadline as number }));
    },
    async releaseClaim(serviceId, ticketId, workerId) {
      await tick();
      const s = scoped(serviceId, ticketId);
      if (s?.lease?.workerId === workerId) delete s.lease;
    },
    async claimOutbox(now, o) {
      await tick();
      const due = [...outbox.values()]
        .filter((r) => r.sentAt === null && r.availableAt <= now && (!r.lease || r.lease.until <= now))
        .filter((r) => o.serviceId === undefined || r.item.serviceId === o.serviceId)
        .sort((a, b) => a.item.createdAt - b.item.createdAt || (a.item.id < b.item.id ? -1 : 1))
        .slice(0, o.limit);
      for (const r of due) r.lease = { workerId: o.workerId, until: now + o.leaseMs };
      return due.map((r) => copy(r.item));
    },
    async markOutboxSent(id, at) {
      await tick();
      const r = outbox.get(id);
      if (r) { r.sentAt = at; r.item = { ...r.item, attempts: r.item.attempts + 1 }; delete r.lease; }
    },
    async markOutboxFailed(id, error, retryAt) {
      await tick();
      const r = outbox.get(id);
      if (r && r.sentAt === null) { r.availableAt = retryAt; r.lastError = error; r.item = { ...r.item, attempts: r.item.attempts + 1 }; delete r.lease; }
    },
    async getCursor(serviceId, key) { await tick(); return cursors.get(`${serviceId}/${key}`); },
    async setCursor(serviceId, key, value) { await tick(); cursors.set(`${serviceId}/${key}`, value); },
    async close() {},
  };
}

/** Whether a ticket passes a list query's filters. */
export const matches = (t: Ticket, q: TicketQuery): boolean =>
  (q.status === undefined || q.status.includes(t.status)) &&
  (q.active === undefined || isActive(t.status) === q.active) &&
  (q.groupId === undefined || t.groupId === q.groupId) &&
  (q.assigneeId === undefined || t.assigneeId === q.assigneeId) &&
  (q.requesterId === undefined || t.requesterId === q.requesterId) &&
  (q.priority === undefined || q.priority.includes(t.priority));
