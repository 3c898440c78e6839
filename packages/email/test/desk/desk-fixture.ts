import { createDesk, memoryStore, type PromiseDesk, type Store } from "@spoc/core";
import { memoryAttachmentStore } from "../../src/parse/attachment-store";
import type { IngestOptions } from "../../src/ingest/ingest-email";
import type { DeskHook } from "@spoc/core";

/** A desk with one service (`IT`) on its own contact list, an organisation for example.com, and ingest options. */
export const deskFixture = async (options: { store?: Store; hooks?: ReadonlyArray<DeskHook>; automation?: boolean } = {}) => {
  let now = Date.UTC(2025, 0, 6, 9, 0, 0);
  const desk: PromiseDesk = createDesk({
    store: options.store ?? memoryStore(),
    clock: () => now,
    automation: options.automation ?? false,
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
  const system = { kind: "system", name: "test" } as const;
  await desk.configure.contactList(system, { id: "cl-main", name: "Customers" });
  await desk.configure.service(system, {
    id: "svc-it", key: "IT", name: "IT Support", contactListId: "cl-main",
    settings: { reopenWindowDays: 7, numberWidth: 6, defaultPriority: "normal" },
  });
  await desk.configure.organization(system, { id: "org-example", contactListId: "cl-main", name: "Example Inc", domains: ["example.com"] });
  const ingest: IngestOptions = {
    serviceId: "svc-it", instanceId: "acme", secret: "s3cret", attachmentStore: memoryAttachmentStore(),
  };
  return { desk, system, ingest, tick: (ms: number) => { now += ms; }, now: () => now };
};

/** A raw RFC 822 message from header lines and a body. */
export const rawEmail = (headers: Record<string, string | undefined>, body = "Hello"): Buffer =>
  Buffer.from(
    Object.entries({ Date: "Mon, 6 Jan 2025 09:00:00 +0000", "Content-Type": "text/plain; charset=utf-8", ...headers })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${v}`)
      .join("\r\n") + `\r\n\r\n${body}\r\n`,
  );
