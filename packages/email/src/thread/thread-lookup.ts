/**
 * A ticket the lookup found, with the people allowed to thread into it by subject tag.
 * @example
 * const match: TicketMatch = { ticketRef: "t1", requesterEmail: "ann@example.com", participantEmails: ["bob@example.com"] }
 */
export interface TicketMatch {
  readonly ticketRef: string;
  readonly requesterEmail: string;
  readonly participantEmails: ReadonlyArray<string>;
}

type MaybePromise<A> = A | Promise<A>;

/**
 * The port threading reads the store through; the store implements it, sync or async.
 *
 * @example
 * const lookup: ThreadLookup = {
 *   ticketPrefixes: ["IT"],
 *   findByMessageId: (id) => db.ticketOfMessage(id),
 *   findByTicketNumber: (n) => db.ticketByNumber(n),
 * }
 */
export interface ThreadLookup {
  /** The per-service ticket number prefixes subject tags may use (`IT` for `[IT-000123]`). */
  readonly ticketPrefixes: ReadonlyArray<string>;
  /** The ticket holding a stored message (inbound or one we sent) with this Message-ID. */
  findByMessageId(messageId: string): MaybePromise<TicketMatch | null>;
  /** The ticket with this human number, e.g. `IT-000123`. */
  findByTicketNumber(ticketNumber: string): MaybePromise<TicketMatch | null>;
}

/**
 * An in-memory `ThreadLookup` that can also record tickets and messages (tests, demos).
 * @example
 * const lookup: MemoryThreadLookup = memoryThreadLookup(["IT"])
 * lookup.recordMessage("t1", "<m1@customer>")
 */
export interface MemoryThreadLookup extends ThreadLookup {
  /** Records a ticket (and its number, if given) so lookups find it. */
  openTicket(ticket: TicketMatch & { readonly ticketNumber?: string }): void;
  /** Records that a message with this Message-ID belongs to a ticket (the first ticket recorded wins). */
  recordMessage(ticketRef: string, messageId: string): void;
  /** Adds an email address to a ticket's participants. */
  addParticipant(ticketRef: string, email: string): void;
}

/**
 * Creates an in-memory `ThreadLookup`.
 *
 * @example
 * const lookup = memoryThreadLookup(["IT"]); lookup.openTicket({ ticketRef: "t1", requesterEmail: "a@x", participantEmails: [] })
 */
export const memoryThreadLookup = (ticketPrefixes: ReadonlyArray<string> = []): MemoryThreadLookup => {
  const tickets = new Map<string, { match: TicketMatch; participants: Set<string> }>();
  const byMessageId = new Map<string, string>();
  const byNumber = new Map<string, string>();
  const view = (ref: string | undefined): TicketMatch | null => {
    const t = ref === undefined ? undefined : tickets.get(ref);
    return t ? { ...t.match, participantEmails: [...t.participants] } : null;
  };
  return {
    ticketPrefixes,
    findByMessageId: (id) => view(byMessageId.get(id)),
    findByTicketNumber: (n) => view(byNumber.get(n.toUpperCase())),
    openTicket: ({ ticketNumber, ...match }) => {
      tickets.set(match.ticketRef, { match, participants: new Set(match.participantEmails) });
      if (ticketNumber !== undefined) byNumber.set(ticketNumber.toUpperCase(), match.ticketRef);
    },
    recordMessage: (ref, id) => {
      if (!byMessageId.has(id)) byMessageId.set(id, ref);
    },
    addParticipant: (ref, email) => {
      tickets.get(ref)?.participants.add(email.toLowerCase());
    },
  };
};
