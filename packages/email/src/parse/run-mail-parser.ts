import { MailParser } from "mailparser";
import type { AttachmentStream, HeaderLines, Headers, MessageText } from "mailparser";

/** A MIME node as mailparser keeps it in its (undocumented but stable) `tree`. */
export interface MimeTreeNode {
  readonly contentType: string | false | undefined;
  readonly headers: Headers;
  readonly children: ReadonlyArray<MimeTreeNode>;
  readonly node: {
    readonly disposition: string | false;
    readonly filename: string | false;
    readonly charset?: string | false;
    readonly parentNode?: { readonly contentType?: string | false } | null;
  };
}

/** An attachment mailparser emitted, content buffered up to `cap` bytes. */
export interface BufferedAttachment {
  readonly source: AttachmentStream;
  readonly headers: Headers;
  /** The decoded content, or `null` when it went past the cap (then only counted). */
  readonly content: Buffer | null;
  readonly size: number;
}

/** What one pass of mailparser produced. */
export interface MailParserOutput {
  readonly headers: Headers;
  readonly headerLines: HeaderLines;
  readonly text: string | undefined;
  readonly html: string | undefined;
  readonly textConversionError: Error | undefined;
  readonly attachments: ReadonlyArray<BufferedAttachment>;
  readonly tree: MimeTreeNode | undefined;
}

export interface MailParserLimits {
  readonly maxHeadSize: number;
  readonly maxChildNodes: number;
  readonly maxHtmlLengthToParse: number;
  /** Attachments larger than this are counted, not kept in memory. */
  readonly attachmentCap: number;
}

/**
 * Runs mailparser the way `simpleParser` does (the corpus labels come from `simpleParser`),
 * but keeps `cid:` links, caps attachment buffering, and exposes the MIME tree so the
 * attachment list can follow the declared structure rather than mailparser's folding.
 */
export const runMailParser = (
  raw: Buffer,
  limits: MailParserLimits,
  signal?: AbortSignal,
): Promise<MailParserOutput> =>
  new Promise((resolve, reject) => {
    const parser = new MailParser({
      maxHeadSize: limits.maxHeadSize,
      maxChildNodes: limits.maxChildNodes,
      maxHtmlLengthToParse: limits.maxHtmlLengthToParse,
      // Hashing is wasted work: the store keys content itself.
      checksumAlgo: false,
    });
    let settled = false;
    let headers: Headers = new Map();
    let headerLines: HeaderLines = [];
    let textPart: MessageText | undefined;
    const attachments: BufferedAttachment[] = [];
    let reading = false;

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      parser.destroy();
      reject(error);
    };

    const readAttachment = (attachment: AttachmentStream) => {
      const chunks: Buffer[] = [];
      let size = 0;
      attachment.content.on("data", (chunk: Buffer) => {
        size += chunk.length;
        // Past the cap we only count, so an oversize part never sits in memory twice.
        if (size <= limits.attachmentCap) chunks.push(chunk);
      });
      attachment.content.on("end", () => {
        attachments.push({
          source: attachment,
          headers: attachment.headers,
          content: size <= limits.attachmentCap ? Buffer.concat(chunks, size) : null,
          size,
        });
        attachment.release?.();
        reader();
      });
    };

    const reader = (): void => {
      reading = true;
      const data = parser.read() as AttachmentStream | MessageText | null;
      if (data === null) {
        reading = false;
        return;
      }
      if (data.type === "text") textPart = data;
      if (data.type === "attachment") readAttachment(data);
      else reader();
    };

    parser.on("error", fail);
    signal?.addEventListener("abort", () => fail(signal.reason), { once: true });
    parser.on("headers", (h: Headers) => {
      headers = h;
      headerLines = parser.headerLines || [];
    });
    parser.on("readable", () => {
      if (!reading) reader();
    });
    parser.on("end", () => {
      if (settled) return;
      settled = true;
      const tree = (parser as unknown as { tree: MimeTreeNode | false }).tree;
      resolve({
        headers,
        headerLines,
        text: textPart?.text,
        html: textPart?.html || undefined,
        textConversionError: textPart?.textConversionError,
        attachments,
        tree: tree || undefined,
      });
    });
    parser.end(raw);
  });
