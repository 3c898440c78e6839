import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect/dialect-of";
import { rebuildSearchIndex } from "../store/search-index";

/**
 * Full-text search of tickets: `spoc_ticket_search` holds per ticket its folded subject, public
 * text and staff-only text (see `searchDocPart` in @spoc/core), each database with its own engine
 * over it — an FTS5 table on SQLite (external content, kept by triggers), generated `tsvector`
 * columns with GIN indexes on PostgreSQL (config `simple`), FULLTEXT indexes on MySQL/MariaDB.
 * Public and all-text indexes are separate, so a contact's search reads no note. Existing tickets
 * are indexed from their events (`rebuildSearchIndex`).
 * @example await ticketSearch.up(db)
 */
export const ticketSearch = {
  async up(db: Kysely<any>): Promise<void> {
    const d = dialectOf(db);
    if (d.name === "sqlite") {
      await sql`create table if not exists spoc_ticket_search (
        doc_id integer primary key, ticket_id text not null unique, service_id text not null,
        subject text not null, public_text text not null, staff_text text not null)`.execute(db);
      await sql`create virtual table if not exists spoc_ticket_fts using fts5(subject, public_text, staff_text,
        content='spoc_ticket_search', content_rowid='doc_id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
      await sql`create trigger if not exists spoc_ticket_search_ai after insert on spoc_ticket_search begin
        insert into spoc_ticket_fts(rowid, subject, public_text, staff_text) values (new.doc_id, new.subject, new.public_text, new.staff_text);
      end`.execute(db);
      await sql`create trigger if not exists spoc_ticket_search_ad after delete on spoc_ticket_search begin
        insert into spoc_ticket_fts(spoc_ticket_fts, rowid, subject, public_text, staff_text) values ('delete', old.doc_id, old.subject, old.public_text, old.staff_text);
      end`.execute(db);
      await sql`create trigger if not exists spoc_ticket_search_au after update on spoc_ticket_search begin
        insert into spoc_ticket_fts(spoc_ticket_fts, rowid, subject, public_text, staff_text) values ('delete', old.doc_id, old.subject, old.public_text, old.staff_text);
        insert into spoc_ticket_fts(rowid, subject, public_text, staff_text) values (new.doc_id, new.subject, new.public_text, new.staff_text);
      end`.execute(db);
    } else if (d.name === "postgres") {
      // 'simple': no stemming and no stopwords, right for desks that mix Spanish and English
      // (text is folded — lower case, no accents — before it reaches the database). Each vector
      // also holds a word naming the service (spocsvc + md5 of its id), so the GIN index narrows a
      // search to one service before any row is read.
      await sql`create table if not exists spoc_ticket_search (
        ticket_id ${d.idType} primary key, service_id ${d.idType} not null,
        subject text not null, public_text text not null, staff_text text not null,
        public_tsv tsvector generated always as (to_tsvector('simple'::regconfig, subject || ' ' || public_text || ' spocsvc' || md5(service_id))) stored,
        all_tsv tsvector generated always as (to_tsvector('simple'::regconfig, subject || ' ' || public_text || ' ' || staff_text || ' spocsvc' || md5(service_id))) stored)`.execute(db);
      await sql`create index if not exists spoc_ticket_search_public on spoc_ticket_search using gin (public_tsv)`.execute(db);
      await sql`create index if not exists spoc_ticket_search_all on spoc_ticket_search using gin (all_tsv)`.execute(db);
    } else {
      await sql`create table if not exists spoc_ticket_search (
        ticket_id ${d.idType} primary key, service_id ${d.idType} not null,
        subject text not null, public_text mediumtext not null, staff_text mediumtext not null,
        fulltext key spoc_ticket_search_public (subject, public_text),
        fulltext key spoc_ticket_search_all (subject, public_text, staff_text)) engine=InnoDB ${d.tableOptions}`.execute(db);
    }
    await rebuildSearchIndex(db);
  },
};
