import type { AttachmentStore } from "./attachment-store";
import { attachmentParts, type AttachmentPart } from "./attachment-parts";
import { MalformedEmail, type MalformedReason } from "./malformed-email";
import { normaliseLineEndings } from "./normalise-line-endings";
import {
  addressesOf,
  automaticHeadersOf,
  dateOf,
  firstMessageId,
  messageIdOf,
  rawHeader,
  referencesOf,
} from "./read-headers";
import { runMailParser, type BufferedAttachment, type MailParserOutput } from "./run-mail-parser";
import { htmlToPlainText, sanitizeEmailHtml } from "./sanitize-email-html";
import type { AttachmentEntry, InboundEmail } from "./schema";

// RFC 5322 ftext: printable US-ASCII except the colon.
const FIELD_NAME = /^[!-9;-~]+$/;

/**
 * Limits and ports for `parseEmail`; every limit has a default sized for ordinary mail.
 * @example
 * await parseEmail(raw, { attachmentStore, maxRawBytes: 10_000_000, timeoutMs: 5_000 })
 */
export interface ParseEmailOptions {
  readonly attachmentStore: AttachmentStore;
  /** Largest raw message accepted, bytes. Default 50 MB. */
  readonly maxRawBytes?: number;
  /** Largest attachment stored, bytes; larger ones become `AttachmentTooLarge`. Default 20 MB. */
  readonly maxAttachmentBytes?: number;
  /** Largest header block of one MIME part, bytes. Default 1 MB. */
  readonly maxHeaderBytes?: number;
  /** Most MIME parts in one message. Default 1000. */
  readonly maxMimeParts?: number;
  /** HTML longer than this is not converted to text (the text says so in `warnings`). Default 5 MB. */
  readonly maxHtmlLength?: number;
  /** Parsing that takes longer is abandoned. Default 30 s. */
  readonly timeoutMs?: number;
}

/**
 * Parses raw RFC 822 bytes into an `InboundEmail`: decoded headers, text (from the HTML when
 * there is no text part), sanitised HTML, and attachments handed to the `AttachmentStore`.
 * Rejects with `MalformedEmail` (carrying the raw bytes) when the message cannot be parsed or
 * breaks a limit.
 *
 * @example
 * const email = await parseEmail(raw, { attachmentStore: memoryAttachmentStore() })
 */
export const parseEmail = async (raw: Buffer, options: ParseEmailOptions): Promise<InboundEmail> => {
  const maxRawBytes = options.maxRawBytes ?? 50 * 1024 * 1024;
  const maxAttachmentBytes = options.maxAttachmentBytes ?? 20 * 1024 * 1024;
  const refuse = (reason: MalformedReason, detail: string) =>
    new MalformedEmail({ reason, detail, raw: new Uint8Array(raw) });
  if (raw.length > maxRawBytes) {
    throw refuse("TooLarge", `message is ${raw.length} bytes, the limit is ${maxRawBytes}`);
  }
  const output = await withTimeout(
    (signal) =>
      runMailParser(
        normaliseLineEndings(raw),
        {
          maxHeadSize: options.maxHeaderBytes ?? 1024 * 1024,
          maxChildNodes: options.maxMimeParts ?? 1000,
          maxHtmlLengthToParse: options.maxHtmlLength ?? 5 * 1024 * 1024,
          attachmentCap: maxAttachmentBytes,
        },
        signal,
      ),
    options.timeoutMs ?? 30_000,
  ).catch((error: unknown) => {
    throw classifyFailure(error, refuse);
  });
  if (!output.headerLines.some((l) => FIELD_NAME.test(l.key) && l.line.includes(":"))) {
    throw refuse("Unparseable", "no header fields found");
  }

  const warnings: string[] = [];
  if (output.textConversionError) warnings.push(`html not converted to text: ${output.textConversionError.message}`);
  const parts = attachmentParts(output.tree);
  const body = bodyWithStrayParts(output, parts, warnings);
  const attachments: AttachmentEntry[] = [];
  for (const part of parts) {
    attachments.push(
      await storePart(part, output.attachments, options.attachmentStore, maxAttachmentBytes, warnings),
    );
  }
  const from = addressesOf(output.headers.get("from"))[0] ?? null;
  const subject = output.headers.get("subject");
  return {
    from,
    to: addressesOf(output.headers.get("to")),
    cc: addressesOf(output.headers.get("cc")),
    replyTo: addressesOf(output.headers.get("reply-to")),
    subject: typeof subject === "string" ? subject : null,
    text: body.text,
    html: body.html === null ? null : sanitizeEmailHtml(body.html),
    attachments,
    messageId: messageIdOf(output.headers),
    inReplyTo: firstMessageId(rawHeader(output.headerLines, "in-reply-to")),
    references: referencesOf(output.headers),
    automaticHeaders: automaticHeadersOf(output.headers, output.headerLines),
    date: dateOf(output.headerLines),
    warnings,
  };
};

const storePart = async (
  part: AttachmentPart,
  buffered: ReadonlyArray<BufferedAttachment>,
  store: AttachmentStore,
  limit: number,
  warnings: string[],
): Promise<AttachmentEntry> => {
  const meta = {
    filename: part.filename,
    contentType: part.contentType,
    ...(part.contentId === undefined ? {} : { contentId: part.contentId }),
  };
  const match = buffered.find((b) => b.headers === part.tree.headers);
  if (match === undefined) return { _tag: "InlineAttachment", ...meta };
  if (match.content === null || match.size > limit) {
    warnings.push(`attachment ${part.filename ?? part.contentType} is ${match.size} bytes, over ${limit}`);
    return { _tag: "AttachmentTooLarge", ...meta, size: match.size, limit };
  }
  const { ref } = await store.put({ ...meta, size: match.size }, match.content);
  return { _tag: "StoredAttachment", ...meta, size: match.size, ref };
};

/**
 * mailparser reports a text part with an invalid Content-Disposition as a file; such a part is
 * the body the sender meant, so it becomes the text or HTML when those are otherwise empty.
 */
const bodyWithStrayParts = (
  output: MailParserOutput,
  parts: ReadonlyArray<AttachmentPart>,
  warnings: string[],
): { text: string; html: string | null } => {
  let text = output.text ?? "";
  let html = output.html ?? null;
  const claimed = new Set(parts.map((p) => p.tree.headers));
  for (const stray of output.attachments.filter((a) => !claimed.has(a.headers))) {
    if (stray.content === null) continue;
    const decoded = decodeText(stray.content, charsetOf(stray), warnings);
    if (stray.source.contentType === "text/html" && html === null) {
      html = decoded;
      if (text.trim() === "") text = htmlToPlainText(decoded);
    } else if (stray.source.contentType === "text/plain" && text.trim() === "") {
      text = decoded;
    }
  }
  // mailparser only converts a root or alternative-less HTML part; a text/html body that
  // declares a boundary it never uses slips through, and then the text would be empty.
  if (text.trim() === "" && html !== null) text = htmlToPlainText(html);
  return { text, html };
};

const charsetOf = (attachment: BufferedAttachment): string => {
  const type = attachment.headers.get("content-type") as { params?: Record<string, string> } | undefined;
  return type?.params?.["charset"] ?? "utf-8";
};

const decodeText = (content: Buffer, charset: string, warnings: string[]): string => {
  try {
    return new TextDecoder(charset).decode(content);
  } catch {
    warnings.push(`unknown charset ${charset}, read as UTF-8`);
    return new TextDecoder("utf-8").decode(content);
  }
};

const withTimeout = <A>(run: (signal: AbortSignal) => Promise<A>, ms: number): Promise<A> => {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Stop the parser too, so an abandoned parse does not keep burning CPU.
      const error = new ParseTimeout(ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  return Promise.race([run(controller.signal), timeout]).finally(() => clearTimeout(timer));
};

class ParseTimeout extends Error {
  constructor(readonly ms: number) {
    super(`parsing took longer than ${ms} ms`);
  }
}

const classifyFailure = (
  error: unknown,
  refuse: (reason: MalformedReason, detail: string) => MalformedEmail,
): MalformedEmail => {
  if (error instanceof ParseTimeout) return refuse("Timeout", error.message);
  const message = error instanceof Error ? error.message : String(error);
  if (/header size/i.test(message)) return refuse("HeadersTooLarge", message);
  if (/child nodes/i.test(message)) return refuse("NestingTooDeep", message);
  return refuse("Unparseable", message);
};
