import type { AddressObject, EmailAddress as ParserAddress, HeaderLines, Headers } from "mailparser";
import type { AutomaticHeaders, EmailAddress } from "./schema";

/**
 * The unfolded value of the first header named `key` (lowercase), as written, or `null`.
 * Raw lines are used where mailparser's typed value loses what we need (`Return-Path: <>`).
 */
export const rawHeader = (lines: HeaderLines, key: string): string | null => {
  const line = lines.find((l) => l.key === key)?.line;
  if (line === undefined) return null;
  const colon = line.indexOf(":");
  return line
    .slice(colon + 1)
    .replace(/\r?\n[ \t]+/g, " ")
    .trim();
};

/** Every mailbox of an address header, groups flattened, in order. */
export const addressesOf = (value: unknown): EmailAddress[] => {
  const objects = (Array.isArray(value) ? value : value ? [value] : []) as AddressObject[];
  const out: EmailAddress[] = [];
  const visit = (entries: ReadonlyArray<ParserAddress>) => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else out.push({ address: entry.address ?? "", name: entry.name ?? "" });
    }
  };
  for (const object of objects) visit(object.value ?? []);
  return out;
};

const MSG_ID = /<[^<>\s]*>/g;

/** The first msg-id of an In-Reply-To header (angle brackets kept), or `null`. */
export const firstMessageId = (value: string | null): string | null => {
  if (value === null) return null;
  const bracketed = value.match(MSG_ID)?.find((id) => id.length > 2);
  if (bracketed) return bracketed;
  const bare = value.trim().split(/\s+/)[0] ?? "";
  return bare.includes("@") ? `<${bare.replace(/^<|>$/g, "")}>` : null;
};

/** The References ids in order, as mailparser splits them. */
export const referencesOf = (headers: Headers): string[] => {
  const value = headers.get("references");
  const list = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return (list as string[]).map((id) => id.trim()).filter((id) => id.length > 0);
};

/** The Message-ID as mailparser normalises it (angle brackets added when missing). */
export const messageIdOf = (headers: Headers): string | null => {
  const value = headers.get("message-id");
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
};

/** The Date header, or `null` when missing or unparseable (mailparser would say "now"). */
export const dateOf = (lines: HeaderLines): Date | null => {
  const raw = rawHeader(lines, "date");
  if (raw === null) return null;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** The headers that mark machine-sent mail, read from the top-level header block. */
export const automaticHeadersOf = (headers: Headers, lines: HeaderLines): AutomaticHeaders => {
  const contentType = headers.get("content-type") as
    | { value?: string; params?: Record<string, string> }
    | undefined;
  return {
    autoSubmitted: rawHeader(lines, "auto-submitted"),
    precedence: rawHeader(lines, "precedence"),
    xAutoreply: rawHeader(lines, "x-autoreply"),
    xAutorespond: rawHeader(lines, "x-autorespond"),
    returnPath: rawHeader(lines, "return-path"),
    listId: rawHeader(lines, "list-id"),
    contentType: (contentType?.value ?? "text/plain").toLowerCase(),
    reportType: contentType?.params?.["report-type"]?.trim() || null,
  };
};
