import type { Contact } from "../service/schema";
import type { TicketEvent } from "../ticket/events";
import { appendSearchText, type SearchAudience, searchDocPart, type SearchTerm, searchTerms } from "./search-text";

interface Doc {
  subject: string;
  publicText: string;
  staffText: string;
}

/**
 * The memory store's full-text index: per ticket its folded subject, public and staff-only text,
 * and two inverted indexes (word → tickets), public and staff-only, so a public search never
 * reads a note. A search word matches the same word, or every word it starts (`print*`).
 * @example const ix = memorySearchIndex(); ix.add("t1", events, "Printer", contact); ix.match("print*", "public") // Set {"t1"}
 */
export function memorySearchIndex() {
  const docs = new Map<string, Doc>();
  const postings = { public: new Map<string, Set<string>>(), staff: new Map<string, Set<string>>() };

  const words = (text: string) => (text === "" ? [] : text.split(" "));
  const index = (part: "public" | "staff", id: string, text: string, add: boolean) => {
    for (const w of words(text)) {
      const set = postings[part].get(w) ?? new Set<string>();
      if (add) set.add(id);
      else set.delete(id);
      if (set.size === 0) postings[part].delete(w);
      else postings[part].set(w, set);
    }
  };
  const write = (id: string, doc: Doc, add: boolean) => {
    index("public", id, `${doc.subject} ${doc.publicText}`.trim(), add);
    index("staff", id, doc.staffText, add);
  };
  const withTerm = (part: "public" | "staff", term: SearchTerm, into: Set<string>) => {
    if (!term.prefix) for (const id of postings[part].get(term.word) ?? []) into.add(id);
    else for (const [w, ids] of postings[part]) if (w.startsWith(term.word)) for (const id of ids) into.add(id);
  };

  return {
    /** Indexes what appended events add to a ticket (its subject replaces the old one). */
    add(ticketId: string, events: ReadonlyArray<TicketEvent>, subject: string, requester?: Contact): void {
      const old = docs.get(ticketId);
      const part = searchDocPart(events, subject, requester);
      const doc: Doc = {
        subject: part.subject,
        publicText: appendSearchText(old?.publicText ?? "", part.publicText),
        staffText: appendSearchText(old?.staffText ?? "", part.staffText),
      };
      if (old) write(ticketId, old, false);
      write(ticketId, doc, true);
      docs.set(ticketId, doc);
    },
    /** Ids of the tickets matching every word of `text` in the audience's part. */
    match(text: string, audience: SearchAudience): Set<string> {
      let result: Set<string> | undefined;
      for (const term of searchTerms(text)) {
        const hits = new Set<string>();
        withTerm("public", term, hits);
        if (audience === "staff") withTerm("staff", term, hits);
        result = result ? new Set([...result].filter((id) => hits.has(id))) : hits;
        if (result.size === 0) break;
      }
      return result ?? new Set();
    },
  };
}
