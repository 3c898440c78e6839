import { eventsOf, evolve, type FieldValue, type ServiceId, type Store, type Ticket, type TicketEvent } from "@spoc/core";
import { SOURCE_ROW, SOURCE_STATE } from "../mapping";
import { sourceName } from "../source-ids";

/** One ticket's history as stored: its events in version order. */
export type TicketHistory = ReadonlyArray<TicketEvent>;

/**
 * Every ticket history of a service. The aggregates read nothing else: any store that can list a
 * service's event streams can feed them (the `Store` port below; a streaming SQL query is faster).
 */
export type HistorySource = (serviceId: ServiceId) => AsyncIterable<TicketHistory>;

/**
 * Histories through the `Store` port: the service's event stream (one ordered query where the store
 * streams), cut into tickets.
 * @example for await (const h of storeHistories(store)("svc-servicenow")) …
 */
export const storeHistories = (store: Store): HistorySource =>
  async function* (serviceId) {
    let current: string | undefined;
    let history: TicketEvent[] = [];
    for await (const e of eventsOf(store, serviceId)) {
      if (e.ticketId !== current && history.length > 0) {
        yield history;
        history = [];
      }
      current = e.ticketId;
      history.push(e.event);
    }
    if (history.length > 0) yield history;
  };

/** One imported source row, seen from the store: when, by whom, and the ticket right after it. */
export interface ImportedRow {
  readonly at: number;
  /** The source name of the agent who made the row (null for the system). */
  readonly actor: string | null;
  /** The raw source state the row recorded. */
  readonly state: string;
  /** The ticket after every event of the row. */
  readonly ticket: Ticket;
}

/** One imported ticket: its rows in order and the final projection. */
export interface ImportedCase {
  readonly openedAt: number;
  readonly rows: ReadonlyArray<ImportedRow>;
  readonly final: Ticket;
}

const isRowMarker = (e: TicketEvent): e is Extract<TicketEvent, { type: "FieldsChanged" }> =>
  e.type === "FieldsChanged" && e.customFields !== undefined && SOURCE_ROW in e.customFields;

/**
 * Rebuilds the imported rows of a ticket from its history: each row starts at the event that
 * records its source row index and lasts until the next such event; the row's ticket is the fold
 * of the history up to there (spoc's own `evolve`).
 * @example const c = importedCase(history); c.rows.length // source rows of the ticket
 */
export function importedCase(history: TicketHistory): ImportedCase | undefined {
  let ticket: Ticket | undefined;
  const rows: ImportedRow[] = [];
  let open: { at: number; actor: string | null } | undefined;
  const close = () => {
    if (open && ticket) rows.push({ ...open, state: String(ticket.customFields[SOURCE_STATE] ?? ""), ticket });
  };
  for (const e of history) {
    if (isRowMarker(e)) {
      close();
      open = { at: e.at, actor: e.by.kind === "agent" ? sourceName(e.by.id) : null };
    }
    ticket = evolve(ticket, e);
  }
  close();
  return ticket === undefined ? undefined : { openedAt: ticket.createdAt, rows, final: ticket };
}

/** The imported cases of a service (tickets with at least one imported row). */
export async function* importedCases(source: HistorySource, serviceId: ServiceId): AsyncGenerator<ImportedCase> {
  for await (const h of source(serviceId)) {
    const c = importedCase(h);
    if (c !== undefined && c.rows.length > 0) yield c;
  }
}

/** A custom field of a ticket as text ("" when absent). */
export const text = (t: Ticket, field: string): string => {
  const v: FieldValue | undefined = t.customFields[field];
  return v === undefined || v === null ? "" : String(v);
};
