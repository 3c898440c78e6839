import {
  type AppendRequest, type Contact, type SearchAudience, searchDocPart, searchTerms, type Service, type TicketEvent,
} from "@spoc/core";
import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import { dialectOf } from "../dialect/dialect-of";
import type { StoreDialect } from "../dialect/store-dialect";
import type { SpocDatabase } from "../schema/tables";

/** Each part of a ticket's search document keeps its first this many characters. */
export const maxSearchPartLength = 200_000;

/** The change an append makes to a ticket's search document, encoded (plain data for the writer thread). */
export interface SearchUpdate {
  readonly ticketId: string;
  /** The new subject, or null when it did not change. */
  readonly subject: string | null;
  /** Text to append to each part, with its leading space ("" for none). */
  readonly publicText: string;
  readonly staffText: string;
}

/** The requesters of the new tickets among `requests`, by ticket id: their name and emails are indexed. */
export type Requesters = ReadonlyMap<string, Pick<Contact, "name" | "emails">>;

const lead = (text: string) => (text === "" ? "" : ` ${text}`);

/**
 * The search rows of a batch of appends: a flat insert row per new ticket (ticket_id, service_id,
 * subject, public_text, staff_text) and an update per existing ticket whose text changed. Pure.
 */
export function searchRowsOf(requests: ReadonlyArray<AppendRequest>, requesters: Requesters): { inserts: unknown[]; updates: SearchUpdate[] } {
  const inserts: unknown[] = [];
  const updates: SearchUpdate[] = [];
  for (const r of requests) {
    const part = searchDocPart(r.events, r.ticket.subject, r.expectedVersion === 0 ? requesters.get(r.ticketId) : undefined);
    const cut = (s: string) => s.slice(0, maxSearchPartLength);
    if (r.expectedVersion === 0) {
      inserts.push(r.ticketId, r.serviceId, cut(part.subject), cut(part.publicText), cut(part.staffText));
      continue;
    }
    const subjectChanged = r.events.some((e: TicketEvent) => e.type === "FieldsChanged" && e.subject !== undefined);
    if (!subjectChanged && part.publicText === "" && part.staffText === "") continue;
    updates.push({ ticketId: r.ticketId, subject: subjectChanged ? cut(part.subject) : null, publicText: lead(part.publicText), staffText: lead(part.staffText) });
  }
  return { inserts, updates };
}

/**
 * Looks up the requesters of the new tickets in `requests` (one query for the services not yet in
 * `contactLists`, one for the contacts). Read before the append's transaction: directory entries
 * are not part of a ticket's stream, and a requester missing from the directory is indexed without
 * a name.
 */
export async function requestersOf(
  db: Kysely<SpocDatabase>, d: StoreDialect, requests: ReadonlyArray<AppendRequest>, contactLists: Map<string, string>,
): Promise<Requesters> {
  const opened = requests.filter((r) => r.expectedVersion === 0);
  const found = new Map<string, Pick<Contact, "name" | "emails">>();
  if (opened.length === 0) return found;
  const unknown = [...new Set(opened.map((r) => r.serviceId))].filter((s) => !contactLists.has(s));
  if (unknown.length > 0) {
    for (const row of await db.selectFrom("spoc_services").select("doc").where("id", "in", unknown).execute()) {
      const s = d.readJson(row.doc) as Service;
      contactLists.set(s.id, s.contactListId);
    }
  }
  const byList = new Map<string, Set<string>>();
  for (const r of opened) {
    const list = contactLists.get(r.serviceId);
    if (list !== undefined) byList.set(list, (byList.get(list) ?? new Set()).add(r.ticket.requesterId));
  }
  const contacts = new Map<string, Contact>();
  for (const [list, ids] of byList) {
    const rows = await db.selectFrom("spoc_contacts").select(["id", "doc"]).where("contact_list_id", "=", list).where("id", "in", [...ids]).execute();
    for (const row of rows) contacts.set(`${list}/${row.id}`, d.readJson(row.doc) as Contact);
  }
  for (const r of opened) {
    const c = contacts.get(`${contactLists.get(r.serviceId)}/${r.ticket.requesterId}`);
    if (c) found.set(r.ticketId, c);
  }
  return found;
}

const concat = (d: StoreDialect, column: string, value: string): RawBuilder<string> =>
  d.name === "mysql"
    ? sql`substr(concat(${sql.ref(column)}, ${value}), 1, ${maxSearchPartLength})`
    : sql`substr(${sql.ref(column)} || ${value}, 1, ${maxSearchPartLength})`;

/** Writes an append's search changes inside its transaction (statement by statement; the new tickets' rows are inserted by the caller). */
export async function writeSearchUpdates(tx: Transaction<SpocDatabase> | Kysely<SpocDatabase>, d: StoreDialect, updates: ReadonlyArray<SearchUpdate>): Promise<void> {
  for (const u of updates) await searchUpdateQuery(tx, d, u).execute();
}

/** The UPDATE of one ticket's search document. */
export const searchUpdateQuery = (db: Transaction<SpocDatabase> | Kysely<SpocDatabase>, d: StoreDialect, u: SearchUpdate) =>
  db.updateTable("spoc_ticket_search")
    .set({
      ...(u.subject === null ? {} : { subject: u.subject }),
      ...(u.publicText === "" ? {} : { public_text: concat(d, "public_text", u.publicText) }),
      ...(u.staffText === "" ? {} : { staff_text: concat(d, "staff_text", u.staffText) }),
    })
    .where("ticket_id", "=", u.ticketId);

// InnoDB's default FULLTEXT stopwords; a required stopword or a word under
// innodb_ft_min_token_size (3) matches nothing in boolean mode, so such words are matched with LIKE.
const innodbStopwords = new Set("a about an are as at be by com de en for from how i in is it la of on or that the this to was what when where who will with und www".split(" "));
const mysqlMinToken = 3;

/**
 * The condition "this ticket's search document matches `text` for `audience`", on `spoc_tickets`
 * (aliased or not, its `id` column), in the dialect's own engine; or `undefined` when the text has
 * no words (it matches nothing). User text reaches the database only as a bound parameter, and only
 * as folded words (letters and digits), so no character of it is query syntax in any engine.
 */
export function searchCondition(d: StoreDialect, serviceId: string, text: string, audience: SearchAudience): RawBuilder<boolean> | undefined {
  const terms = searchTerms(text);
  if (terms.length === 0) return undefined;
  if (d.name === "sqlite") {
    const words = terms.map((t) => `"${t.word}"${t.prefix ? "*" : ""}`).join(" AND ");
    const match = audience === "public" ? `{subject public_text} : (${words})` : words;
    return sql<boolean>`id in (select s.ticket_id from spoc_ticket_search s where s.service_id = ${serviceId}
      and s.doc_id in (select rowid from spoc_ticket_fts where spoc_ticket_fts match ${match}))`;
  }
  if (d.name === "postgres") {
    const query = terms.map((t) => `'${t.word}'${t.prefix ? ":*" : ""}`).join(" & ");
    const column = audience === "public" ? sql.ref("public_tsv") : sql.ref("all_tsv");
    // The service's word (see migration 0007) joins the query, so the index itself scopes it.
    return sql<boolean>`id in (select s.ticket_id from spoc_ticket_search s where s.service_id = ${serviceId}
      and s.${column} @@ to_tsquery('simple'::regconfig, ${query} || ' & spocsvc' || md5(${serviceId})))`;
  }
  const indexed = terms.filter((t) => [...t.word].length >= mysqlMinToken && !innodbStopwords.has(t.word));
  const others = terms.filter((t) => !indexed.includes(t));
  const columns = audience === "public" ? sql`s.subject, s.public_text` : sql`s.subject, s.public_text, s.staff_text`;
  const whole = audience === "public" ? sql`concat(' ', s.subject, ' ', s.public_text, ' ')` : sql`concat(' ', s.subject, ' ', s.public_text, ' ', s.staff_text, ' ')`;
  const conditions: RawBuilder<unknown>[] = [sql`s.service_id = ${serviceId}`];
  if (indexed.length > 0) conditions.push(sql`match(${columns}) against (${indexed.map((t) => `+${t.word}${t.prefix ? "*" : ""}`).join(" ")} in boolean mode)`);
  // Folded words hold no % or _, so the pattern needs no escaping: the whole word, or a word starting with it.
  for (const t of others) conditions.push(sql`${whole} like ${t.prefix ? `% ${t.word}%` : `% ${t.word} %`}`);
  return sql<boolean>`id in (select s.ticket_id from spoc_ticket_search s where ${sql.join(conditions, sql` and `)})`;
}

/**
 * Rebuilds the search index of every ticket from its events (what migration 0007 runs for
 * existing tickets; run it again after writing tickets around the store). Works in pages of
 * 500 tickets.
 * @example await rebuildSearchIndex(db)
 */
export async function rebuildSearchIndex(db: Kysely<any>): Promise<number> {
  const typed = db as Kysely<SpocDatabase>;
  const d = dialectOf(db);
  const contactLists = new Map<string, string>();
  let after = "";
  let count = 0;
  for (;;) {
    const tickets = await typed.selectFrom("spoc_tickets").select(["id", "service_id", "version", "doc"]).where("id", ">", after).orderBy("id").limit(500).execute();
    if (tickets.length === 0) return count;
    const ids = tickets.map((t) => t.id);
    const events = await typed.selectFrom("spoc_events").select(["ticket_id", "payload"]).where("ticket_id", "in", ids).orderBy("ticket_id").orderBy("version").execute();
    const byTicket = new Map<string, TicketEvent[]>();
    for (const e of events) byTicket.set(e.ticket_id, [...(byTicket.get(e.ticket_id) ?? []), d.readJson(e.payload) as TicketEvent]);
    const requests = tickets.map((t): AppendRequest => ({
      serviceId: t.service_id as never, ticketId: t.id as never, expectedVersion: 0, events: byTicket.get(t.id) ?? [], ticket: d.readJson(t.doc) as never,
    }));
    const { inserts } = searchRowsOf(requests, await requestersOf(typed, d, requests, contactLists));
    // Inside a migration the caller's transaction already holds us (Kysely opens none inside one).
    const inTransaction = <T>(work: (tx: typeof typed) => Promise<T>) => (typed.isTransaction ? work(typed) : typed.transaction().execute(work));
    await inTransaction(async (tx) => {
      await tx.deleteFrom("spoc_ticket_search").where("ticket_id", "in", ids).execute();
      const rows = [];
      for (let i = 0; i < inserts.length; i += 5) {
        rows.push({ ticket_id: inserts[i] as string, service_id: inserts[i + 1] as string, subject: inserts[i + 2] as string, public_text: inserts[i + 3] as string, staff_text: inserts[i + 4] as string });
      }
      if (rows.length > 0) await tx.insertInto("spoc_ticket_search").values(rows).execute();
    });
    count += tickets.length;
    after = ids[ids.length - 1] as string;
  }
}
