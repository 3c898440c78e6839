import type { Agent, Contact, ContactList, Group, Organization, Service, Store } from "@spoc/core";
import type { Kysely } from "kysely";
import type { StoreDialect } from "../dialect/store-dialect";
import type { SpocDatabase } from "../schema/tables";
import { toJson, upsert } from "./upsert";

type DirectoryMethods = Pick<
  Store,
  | "putService" | "getService" | "listServices" | "putContactList" | "getContactList" | "putContact" | "getContact"
  | "findContactByEmail" | "putOrganization" | "getOrganization" | "findOrganizationByDomain" | "putGroup" | "getGroup"
  | "listGroups" | "putAgent" | "getAgent" | "listAgents" | "putConfig" | "listConfig" | "deleteConfig"
  | "getCursor" | "setCursor" | "putDirectory"
>;

type Db = Kysely<SpocDatabase>;

const lower = (s: string) => s.trim().toLowerCase();
const unique = <T>(xs: ReadonlyArray<T>): T[] => [...new Set(xs)];

// The writes of one directory entry, inside the caller's transaction (a put's own, or putDirectory's shared one).
async function writeContact(tx: Db, d: StoreDialect, c: Contact): Promise<void> {
  await upsert(tx, d, "spoc_contacts", { contact_list_id: c.contactListId, id: c.id, doc: toJson(c) }, ["contact_list_id", "id"]).execute();
  await tx.deleteFrom("spoc_contact_emails").where("contact_list_id", "=", c.contactListId).where("contact_id", "=", c.id).execute();
  const emails = unique(c.emails.map(lower));
  if (emails.length > 0) {
    await tx.insertInto("spoc_contact_emails")
      .values(emails.map((email) => ({ contact_list_id: c.contactListId, email, contact_id: c.id })))
      .execute();
  }
}

async function writeOrganization(tx: Db, d: StoreDialect, o: Organization): Promise<void> {
  await upsert(tx, d, "spoc_organizations", { contact_list_id: o.contactListId, id: o.id, doc: toJson(o) }, ["contact_list_id", "id"]).execute();
  await tx.deleteFrom("spoc_organization_domains").where("contact_list_id", "=", o.contactListId).where("organization_id", "=", o.id).execute();
  const domains = unique(o.domains.map(lower));
  if (domains.length > 0) {
    await tx.insertInto("spoc_organization_domains")
      .values(domains.map((domain) => ({ contact_list_id: o.contactListId, domain, organization_id: o.id })))
      .execute();
  }
}

async function writeGroup(tx: Db, d: StoreDialect, g: Group): Promise<void> {
  await upsert(tx, d, "spoc_groups", { service_id: g.serviceId, id: g.id, doc: toJson(g) }, ["service_id", "id"]).execute();
}

async function writeAgent(tx: Db, d: StoreDialect, a: Agent): Promise<void> {
  await upsert(tx, d, "spoc_agents", { id: a.id, doc: toJson(a) }, ["id"]).execute();
  await tx.deleteFrom("spoc_agent_services").where("agent_id", "=", a.id).execute();
  const services = unique(a.memberships.map((m) => m.serviceId));
  if (services.length > 0) {
    await tx.insertInto("spoc_agent_services").values(services.map((service_id) => ({ service_id, agent_id: a.id }))).execute();
  }
}


/** Services, contact lists, contacts, organisations, groups, agents, config documents and cursors. */
export function directoryMethods(db: Kysely<SpocDatabase>, d: StoreDialect): DirectoryMethods {
  const doc = <T>(row: { doc: unknown } | undefined): T | undefined => (row ? (d.readJson(row.doc) as T) : undefined);
  return {
    async putService(s) { await upsert(db, d, "spoc_services", { id: s.id, doc: toJson(s) }, ["id"]).execute(); },
    async getService(id) {
      return doc<Service>(await db.selectFrom("spoc_services").select("doc").where("id", "=", id).executeTakeFirst());
    },
    async listServices() {
      const rows = await db.selectFrom("spoc_services").select("doc").orderBy("id").execute();
      return rows.map((r) => d.readJson(r.doc) as Service);
    },
    async putContactList(l) { await upsert(db, d, "spoc_contact_lists", { id: l.id, doc: toJson(l) }, ["id"]).execute(); },
    async getContactList(id) {
      return doc<ContactList>(await db.selectFrom("spoc_contact_lists").select("doc").where("id", "=", id).executeTakeFirst());
    },
    async putContact(c) { await db.transaction().execute((tx) => writeContact(tx, d, c)); },
    async getContact(listId, id) {
      return doc<Contact>(
        await db.selectFrom("spoc_contacts").select("doc").where("contact_list_id", "=", listId).where("id", "=", id).executeTakeFirst(),
      );
    },
    async findContactByEmail(listId, email) {
      const row = await db
        .selectFrom("spoc_contact_emails as e")
        .innerJoin("spoc_contacts as c", (j) => j.onRef("c.contact_list_id", "=", "e.contact_list_id").onRef("c.id", "=", "e.contact_id"))
        .select("c.doc")
        .where("e.contact_list_id", "=", listId)
        .where("e.email", "=", lower(email))
        .orderBy("e.contact_id")
        .limit(1)
        .executeTakeFirst();
      return doc<Contact>(row);
    },
    async putOrganization(o) { await db.transaction().execute((tx) => writeOrganization(tx, d, o)); },
    async getOrganization(listId, id) {
      return doc<Organization>(
        await db.selectFrom("spoc_organizations").select("doc").where("contact_list_id", "=", listId).where("id", "=", id).executeTakeFirst(),
      );
    },
    async findOrganizationByDomain(listId, domain) {
      const row = await db
        .selectFrom("spoc_organization_domains as x")
        .innerJoin("spoc_organizations as o", (j) => j.onRef("o.contact_list_id", "=", "x.contact_list_id").onRef("o.id", "=", "x.organization_id"))
        .select("o.doc")
        .where("x.contact_list_id", "=", listId)
        .where("x.domain", "=", lower(domain))
        .orderBy("x.organization_id")
        .limit(1)
        .executeTakeFirst();
      return doc<Organization>(row);
    },
    async putGroup(g) { await writeGroup(db, d, g); },
    async putDirectory(entries) {
      await db.transaction().execute(async (tx) => {
        for (const o of entries.organizations ?? []) await writeOrganization(tx, d, o);
        for (const c of entries.contacts ?? []) await writeContact(tx, d, c);
        for (const g of entries.groups ?? []) await writeGroup(tx, d, g);
        for (const a of entries.agents ?? []) await writeAgent(tx, d, a);
      });
    },
    async getGroup(serviceId, id) {
      return doc<Group>(await db.selectFrom("spoc_groups").select("doc").where("service_id", "=", serviceId).where("id", "=", id).executeTakeFirst());
    },
    async listGroups(serviceId) {
      const rows = await db.selectFrom("spoc_groups").select("doc").where("service_id", "=", serviceId).orderBy("id").execute();
      return rows.map((r) => d.readJson(r.doc) as Group);
    },
    async putAgent(a) { await db.transaction().execute((tx) => writeAgent(tx, d, a)); },
    async getAgent(id) {
      return doc<Agent>(await db.selectFrom("spoc_agents").select("doc").where("id", "=", id).executeTakeFirst());
    },
    async listAgents(serviceId) {
      const rows = await db
        .selectFrom("spoc_agent_services as s")
        .innerJoin("spoc_agents as a", "a.id", "s.agent_id")
        .select("a.doc")
        .where("s.service_id", "=", serviceId)
        .orderBy("a.id")
        .execute();
      return rows.map((r) => d.readJson(r.doc) as Agent);
    },
    async putConfig(serviceId, kind, id, value) {
      await upsert(db, d, "spoc_config", { service_id: serviceId, kind, id, doc: toJson(value) }, ["service_id", "kind", "id"]).execute();
    },
    async listConfig(serviceId, kind) {
      const rows = await db
        .selectFrom("spoc_config")
        .select(["id", "doc"])
        .where("service_id", "=", serviceId)
        .where("kind", "=", kind)
        .orderBy("id")
        .execute();
      return rows.map((r) => ({ id: r.id, doc: d.readJson(r.doc) }));
    },
    async deleteConfig(serviceId, kind, id) {
      await db.deleteFrom("spoc_config").where("service_id", "=", serviceId).where("kind", "=", kind).where("id", "=", id).execute();
    },
    async getCursor(serviceId, key) {
      const row = await db.selectFrom("spoc_cursors").select("value").where("service_id", "=", serviceId).where("key", "=", key).executeTakeFirst();
      return row?.value;
    },
    async setCursor(serviceId, key, value) {
      await upsert(db, d, "spoc_cursors", { service_id: serviceId, key, value }, ["service_id", "key"]).execute();
    },
  };
}
