import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { createDesk, defaultServiceSettings, type Service, type ServiceId, type Store } from "@spoc/core";
import { emailNotificationsHook, ingestEmail, memoryAttachmentStore, type AttachmentStore } from "@spoc/email";
import { openStore } from "@spoc/store-kysely";
import { CliError, type Command, dbOption, dbUrl } from "./command";
import { about } from "./catalog";

/** The service with this key, created with default settings (and a contact list of its own) when missing. */
const serviceByKey = async (store: Store, key: string): Promise<Service> => {
  const found = (await store.listServices()).find((s) => s.key === key);
  if (found) return found;
  const id = key.toLowerCase();
  const desk = createDesk({ store, automation: false });
  const system = { kind: "system", name: "cli" } as const;
  await desk.configure.contactList(system, { id: `cl-${id}`, name: `${key} contacts` });
  return desk.configure.service(system, { id: `svc-${id}`, key, name: key, contactListId: `cl-${id}`, settings: defaultServiceSettings });
};

// Markers are signed; without --secret or $SPOC_EMAIL_SECRET the database keeps one per service.
const markerSecret = async (store: Store, service: Service, given: unknown): Promise<string> => {
  if (typeof given === "string" && given !== "") return given;
  if (process.env.SPOC_EMAIL_SECRET) return process.env.SPOC_EMAIL_SECRET;
  const stored = await store.getCursor(service.id as ServiceId, "email:marker-secret");
  if (stored) return stored;
  const secret = randomBytes(24).toString("base64url");
  await store.setCursor(service.id as ServiceId, "email:marker-secret", secret);
  return secret;
};

/** Attachment content as files in a folder; the reference is the file's path. */
const folderAttachmentStore = (dir: string): AttachmentStore => {
  mkdirSync(dir, { recursive: true });
  return {
    async put(meta, content) {
      const chunks: Buffer[] = [];
      if (Buffer.isBuffer(content)) chunks.push(content);
      else for await (const c of content) chunks.push(Buffer.from(c as Uint8Array));
      const name = `${Date.now()}-${randomBytes(4).toString("hex")}-${basename(meta.filename ?? "attachment").replace(/[^\w.-]/g, "_")}`;
      writeFileSync(join(dir, name), Buffer.concat(chunks));
      return { ref: `file:${join(dir, name)}` };
    },
  };
};

/** `spoc email ingest`: raw .eml files into a service's desk, one JSON line per message. */
export const email: Command = {
  ...about.email,
  usage: [
    "spoc email ingest FILE.eml… --db URL --service KEY [--instance ID] [--secret S] [--attachments DIR] [--notify]",
    "",
    "  KEY: the service's ticket prefix (created with default settings when the database has none)",
    "  --instance, --secret: this desk's marker id and secret (default $SPOC_INSTANCE_ID or \"spoc\", $SPOC_EMAIL_SECRET or one kept in the database)",
    "  --attachments DIR: keep attachment content as files there (default: not kept)",
    "  --notify: queue acknowledgements in the outbox",
    "",
    'Prints {"file","action","ticket","reason","messageId","subject","automatic"} per file.',
  ].join("\n"),
  options: {
    ...dbOption,
    service: { type: "string" },
    instance: { type: "string" },
    secret: { type: "string" },
    attachments: { type: "string" },
    notify: { type: "boolean" },
  },
  async run({ values, positionals }) {
    const [verb, ...files] = positionals;
    if (verb !== "ingest" || files.length === 0 || typeof values.service !== "string") {
      throw new CliError(`usage: ${email.usage.split("\n")[0]}`);
    }
    if (!/^[A-Z][A-Z0-9]{0,9}$/.test(values.service)) throw new CliError(`--service must be a service key such as IT (upper case), not "${values.service}"`);
    const raws = files.map((file) => {
      try {
        return { file, raw: readFileSync(file) };
      } catch (e) {
        throw new CliError(`cannot read ${file}: ${(e as Error).message}`, 1);
      }
    });
    const opened = await openStore(dbUrl(values));
    try {
      const store = opened.store;
      const service = await serviceByKey(store, values.service);
      const desk = createDesk({ store, ...(values.notify ? { hooks: [emailNotificationsHook()] } : {}) });
      const options = {
        serviceId: service.id,
        instanceId: typeof values.instance === "string" ? values.instance : (process.env.SPOC_INSTANCE_ID ?? "spoc"),
        secret: await markerSecret(store, service, values.secret),
        attachmentStore: typeof values.attachments === "string" ? folderAttachmentStore(values.attachments) : memoryAttachmentStore(),
      };
      for (const { file, raw } of raws) {
        const r = await ingestEmail(desk, raw, options);
        console.log(JSON.stringify({ file, action: r.action, ticket: r.ticket, reason: r.reason, messageId: r.messageId, subject: r.subject, automatic: r.automatic }));
      }
      return 0;
    } finally {
      await opened.close();
    }
  },
};
