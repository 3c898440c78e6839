import * as Schema from "effect/Schema";
import type { Contact } from "../service/schema";
import type { TicketEvent } from "../ticket/events";

/** Longest search text the Desk accepts (characters). @example "x".repeat(maxSearchTextLength + 1) // refused: InvalidInput naming query.text */
export const maxSearchTextLength = 200;
/** Most words of a search text that count; the rest are ignored. @example searchTerms("a b c d e f g h i j").length // maxSearchTerms (8) */
export const maxSearchTerms = 8;
/** Longest word kept, in the index and in a search (characters); longer words are cut. @example searchTerms("x".repeat(50))[0]?.word.length // maxTermLength (40) */
export const maxTermLength = 40;

/**
 * The search text of a ticket query, as the Desk decodes it: a string of 1–200 characters.
 * @example decodeInput(SearchText, "printer offline", "query")
 */
export const SearchText = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(maxSearchTextLength));

/**
 * Folds text for search: Unicode compatibility form, accents removed, lower case, and every run of
 * characters other than letters and digits turned into one space. Every store indexes and searches
 * folded text, so "Canción" finds "cancion", "user@example.com" is the words "user example com",
 * and no character of user text is ever an operator of an engine's query syntax. Pure.
 * @example foldSearchText("¿Canción-Nº 5?") // "cancion no 5"
 */
export const foldSearchText = (text: string): string =>
  text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.slice(0, maxTermLength))
    .join(" ");

/**
 * A word of a search: matched whole, or as a prefix when the user wrote `*` right after it.
 * @example const term: SearchTerm = { word: "factur", prefix: true } // from "factur*"
 */
export interface SearchTerm {
  readonly word: string;
  readonly prefix: boolean;
}

/**
 * The words of a search text, folded as `foldSearchText` folds indexed text, each once, at most
 * `maxSearchTerms`. A ticket matches when it holds every word: whole (`factura` finds "factura",
 * not "facturas"), or as a prefix when `*` follows the word (`factur*` finds both). Whole words
 * keep the engines' indexes fast (a prefix reads every indexed word it starts). Any other
 * character only separates words. An empty result (no letters or digits) matches nothing. Pure.
 * @example searchTerms('"printer" -offline OR pap*') // [{ word: "printer", prefix: false }, { word: "offline", … }, { word: "or", … }, { word: "pap", prefix: true }]
 */
export const searchTerms = (text: string): ReadonlyArray<SearchTerm> => {
  const terms = new Map<string, SearchTerm>();
  for (const m of text.normalize("NFKD").matchAll(/([\p{L}\p{N}\p{M}]+)(\*)?/gu)) {
    const parts = foldSearchText(m[1] ?? "").split(" ");
    for (const [i, w] of parts.entries()) {
      if (w === "") continue;
      const prefix = m[2] === "*" && i === parts.length - 1;
      const key = `${prefix ? "*" : ""}${w}`;
      if (!terms.has(key) && terms.size < maxSearchTerms) terms.set(key, { word: w, prefix });
    }
  }
  return [...terms.values()];
};

/**
 * Which part of a ticket's text a search reads: `public` (what the requester sees) or `staff` (all of it).
 * @example const audience: SearchAudience = "public" // a contact's search, set by the Desk
 */
export type SearchAudience = "public" | "staff";

/**
 * What an append adds to a ticket's search index, folded: the subject as it is now (replaces the
 * old one), public text (description, customer messages, public replies, the requester's name and
 * emails) and staff-only text (internal notes). Kept apart so a contact's search reads only the
 * public part — in SQL, not by filtering afterwards.
 * @example const part: SearchDocPart = { subject: "vpn down", publicText: "carla it does not connect", staffText: "" }
 */
export interface SearchDocPart {
  readonly subject: string;
  /** Folded text to append to the public part (may be empty). */
  readonly publicText: string;
  /** Folded text to append to the staff-only part (may be empty). */
  readonly staffText: string;
}

/**
 * The search text appended events contribute, given the ticket's subject after them and, for a
 * new ticket, its requester. Pure.
 * @example searchDocPart(events, ticket.subject, contact).publicText
 */
export const searchDocPart = (
  events: ReadonlyArray<TicketEvent>,
  subject: string,
  requester?: Pick<Contact, "name" | "emails"> | undefined,
): SearchDocPart => {
  const pub: string[] = [];
  const staff: string[] = [];
  if (requester) pub.push(requester.name, ...requester.emails);
  for (const e of events) {
    if (e.type === "TicketOpened") pub.push(e.description);
    else if (e.type === "MessageAdded") (e.kind === "note" ? staff : pub).push(e.subject ?? "", e.body);
  }
  const join = (parts: string[]) => foldSearchText(parts.join(" "));
  return { subject: foldSearchText(subject), publicText: join(pub), staffText: join(staff) };
};

/** Appends a folded part to folded text (one space between). Pure. @example appendSearchText("vpn down", "router") // "vpn down router" */
export const appendSearchText = (text: string, part: string): string => (part === "" ? text : text === "" ? part : `${text} ${part}`);
