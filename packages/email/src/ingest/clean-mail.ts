import { cleanText } from "@spoc/core";

/**
 * The tag on tickets whose mail held U+0000 or lone surrogates, which ingest removed or replaced (U+FFFD).
 * @example
 * ticket.tags.includes(TEXT_CLEANED_TAG) // the mail held U+0000 or lone surrogates, cleaned on ingest
 */
export const TEXT_CLEANED_TAG = "mail-text-cleaned";

/**
 * The tag on tickets whose mail subject or body was cut to the service's limits.
 * @example
 * ticket.tags.includes(TRUNCATED_TAG) // the mail's subject or body was cut to the service's limits
 */
export const TRUNCATED_TAG = "mail-truncated";

/**
 * Mail made storable: every string of the parsed message (subject, text, addresses, names, ids,
 * attachment names…) with U+0000 removed and lone surrogates replaced by U+FFFD, and the paths of
 * the fields that changed, so ingest can record it. Mail is accepted as it comes, unlike the Desk's
 * other inputs, which refuse such text. Pure.
 * @example cleanMail({ subject: "hello\u0000world" }) // { value: { subject: "helloworld" }, cleaned: ["subject"] }
 */
export const cleanMail = <T>(value: T): { readonly value: T; readonly cleaned: ReadonlyArray<string> } => {
  const cleaned: string[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === "string") {
      const c = cleanText(v);
      if (c.cleaned) cleaned.push(path);
      return c.text;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, path === "" ? String(i) : `${path}.${i}`));
    // Only plain records are rebuilt (a Date stays a Date); a parsed message is a tree, not a graph.
    if (typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [cleanText(k).text, walk(x, path === "" ? k : `${path}.${k}`)]));
    }
    return v;
  };
  return { value: walk(value, "") as T, cleaned };
};

/**
 * A string cut to at most `maxBytes` UTF-8 bytes, never inside a character, with a marker saying so.
 * @example fitBytes("é".repeat(10), 9) // { text: "é…", truncated: true } (the marker counts)
 */
export const fitBytes = (text: string, maxBytes: number, marker = "\n\n[truncated by spoc: over the service's size limit]"): { readonly text: string; readonly truncated: boolean } => {
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text, "utf8") <= maxBytes) return { text, truncated: false };
  const room = Math.max(0, maxBytes - Buffer.byteLength(marker, "utf8"));
  // Cut the UTF-8 bytes and decode: a partial character at the end is dropped, not replaced.
  let cut = Buffer.from(text, "utf8").subarray(0, room).toString("utf8");
  if (cut.endsWith("\ufffd")) cut = cut.slice(0, -1);
  return { text: cut + marker, truncated: true };
};

/**
 * A subject cut to at most `maxChars` characters (a surrogate pair is never split).
 * @example
 * fitChars("Printer on fire", 7) // { text: "Printer", truncated: true }
 */
export const fitChars = (text: string, maxChars: number): { readonly text: string; readonly truncated: boolean } => {
  if (text.length <= maxChars) return { text, truncated: false };
  let cut = text.slice(0, maxChars);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return { text: cut, truncated: true };
};
