import type { Readable } from "node:stream";

/**
 * What the store is told about an attachment it receives.
 * @example
 * const store: AttachmentStore = { put: async (meta: AttachmentMeta, content) => ({ ref: await upload(meta.filename ?? "unnamed", content) }) }
 */
export interface AttachmentMeta {
  readonly filename: string | null;
  readonly contentType: string;
  readonly size: number;
  readonly contentId?: string;
}

/**
 * Host-provided port that keeps attachment content (disk, S3, database blob) and returns a
 * reference the ticket history can hold instead of the bytes.
 *
 * @example
 * const store: AttachmentStore = { put: async (meta, content) => ({ ref: await s3.upload(content) }) }
 */
export interface AttachmentStore {
  /** Keeps the content and returns the reference the ticket history stores in its place. */
  put(meta: AttachmentMeta, content: Readable | Buffer): Promise<{ readonly ref: string }>;
}

/**
 * An in-memory store for tests and demos; `get(ref)` reads the content back.
 * @example
 * const attachments: MemoryAttachmentStore = memoryAttachmentStore()
 * await parseEmail(raw, { attachmentStore: attachments }); attachments.size // attachments stored
 */
export interface MemoryAttachmentStore extends AttachmentStore {
  /** The attachment stored under a reference, or `undefined`. */
  get(ref: string): { readonly meta: AttachmentMeta; readonly content: Buffer } | undefined;
  /** How many attachments are stored. */
  readonly size: number;
}

/**
 * Creates an in-memory `AttachmentStore`.
 *
 * @example
 * const store = memoryAttachmentStore(); const email = await parseEmail(raw, { attachmentStore: store })
 */
export const memoryAttachmentStore = (): MemoryAttachmentStore => {
  const items = new Map<string, { meta: AttachmentMeta; content: Buffer }>();
  return {
    async put(meta, content) {
      const buffer = Buffer.isBuffer(content) ? content : await collect(content);
      const ref = `mem:${items.size + 1}`;
      items.set(ref, { meta, content: buffer });
      return { ref };
    },
    get: (ref) => items.get(ref),
    get size() {
      return items.size;
    },
  };
};

const collect = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
};
