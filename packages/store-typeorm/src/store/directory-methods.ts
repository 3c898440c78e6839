import type { Agent, Contact, ContactList, Group, Organization, Service, Store } from "@spoc/core";
import type { EntityManager, EntitySchema } from "typeorm";
import { readJson, toJson } from "../dialect/typeorm-dialect";
import {
  SpocAgentEntity, SpocAgentServiceEntity, SpocConfigEntity, SpocContactEmailEntity, SpocContactEntity, SpocContactListEntity,
  SpocCursorEntity, SpocGroupEntity, SpocOrganizationDomainEntity, SpocOrganizationEntity, SpocServiceEntity,
} from "../entities/spoc-entities";
import type { StoreContext } from "./store-context";

type DirectoryMethods = Pick<
  Store,
  | "putService" | "getService" | "listServices" | "putContactList" | "getContactList" | "putContact" | "getContact"
  | "findContactByEmail" | "putOrganization" | "getOrganization" | "findOrganizationByDomain" | "putGroup" | "getGroup"
  | "listGroups" | "putAgent" | "getAgent" | "listAgents" | "putConfig" | "listConfig" | "deleteConfig"
  | "getCursor" | "setCursor"
>;

const lower = (s: string) => s.trim().toLowerCase();
const unique = <T>(xs: ReadonlyArray<T>): T[] => [...new Set(xs)];

/** Inserts a row, or updates its non-key columns when a row with the same key exists. */
const upsert = (m: EntityManager, entity: EntitySchema<any>, row: Record<string, unknown>, keys: string[]) =>
  m.createQueryBuilder().insert().into(entity).values(row)
    .orUpdate(Object.keys(row).filter((k) => !keys.includes(k)), keys)
    .updateEntity(false).callListeners(false).execute();

const insertMany = (m: EntityManager, entity: EntitySchema<any>, rows: Record<string, unknown>[]) =>
  rows.length === 0 ? Promise.resolve() : m.createQueryBuilder().insert().into(entity).values(rows).updateEntity(false).callListeners(false).execute();

/** Services, contact lists, contacts, organisations, groups, agents, config documents and cursors. */
export function directoryMethods(c: StoreContext): DirectoryMethods {
  const m = c.manager;
  const doc = <T>(row: { doc: unknown } | undefined): T | undefined => (row ? (readJson(row.doc) as T) : undefined);
  const docs = <T>(rows: ReadonlyArray<{ doc: unknown }>): T[] => rows.map((r) => readJson(r.doc) as T);
  const byId = (entity: EntitySchema<any>, id: string) =>
    m.createQueryBuilder(entity, "x").select("x.doc", "doc").where("x.id = :id", { id }).getRawOne<{ doc: unknown }>();
  const inList = (entity: EntitySchema<any>, listId: string, id: string) =>
    m.createQueryBuilder(entity, "x").select("x.doc", "doc").where("x.contact_list_id = :listId AND x.id = :id", { listId, id }).getRawOne<{ doc: unknown }>();
  return {
    async putService(s) { await upsert(m, SpocServiceEntity, { id: s.id, doc: toJson(s) }, ["id"]); },
    getService: async (id) => doc<Service>(await byId(SpocServiceEntity, id)),
    listServices: async () => docs<Service>(await m.createQueryBuilder(SpocServiceEntity, "x").select("x.doc", "doc").orderBy("x.id").getRawMany()),
    async putContactList(l) { await upsert(m, SpocContactListEntity, { id: l.id, doc: toJson(l) }, ["id"]); },
    getContactList: async (id) => doc<ContactList>(await byId(SpocContactListEntity, id)),
    async putContact(ct) {
      await c.transaction(async (tx) => {
        await upsert(tx, SpocContactEntity, { contact_list_id: ct.contactListId, id: ct.id, doc: toJson(ct) }, ["contact_list_id", "id"]);
        await tx.createQueryBuilder().delete().from(SpocContactEmailEntity)
          .where("contact_list_id = :listId AND contact_id = :id", { listId: ct.contactListId, id: ct.id }).callListeners(false).execute();
        await insertMany(tx, SpocContactEmailEntity, unique(ct.emails.map(lower)).map((email) => ({ contact_list_id: ct.contactListId, email, contact_id: ct.id })));
      });
    },
    getContact: async (listId, id) => doc<Contact>(await inList(SpocContactEntity, listId, id)),
    async findContactByEmail(listId, email) {
      const row = await m.createQueryBuilder(SpocContactEmailEntity, "e")
        .innerJoin(SpocContactEntity.options.name, "c", "c.contact_list_id = e.contact_list_id AND c.id = e.contact_id")
        .select("c.doc", "doc").where("e.contact_list_id = :listId AND e.email = :email", { listId, email: lower(email) })
        .orderBy("e.contact_id").limit(1).getRawOne<{ doc: unknown }>();
      return doc<Contact>(row);
    },
    async putOrganization(o) {
      await c.transaction(async (tx) => {
        await upsert(tx, SpocOrganizationEntity, { contact_list_id: o.contactListId, id: o.id, doc: toJson(o) }, ["contact_list_id", "id"]);
        await tx.createQueryBuilder().delete().from(SpocOrganizationDomainEntity)
          .where("contact_list_id = :listId AND organization_id = :id", { listId: o.contactListId, id: o.id }).callListeners(false).execute();
        await insertMany(tx, SpocOrganizationDomainEntity, unique(o.domains.map(lower)).map((domain) => ({ contact_list_id: o.contactListId, domain, organization_id: o.id })));
      });
    },
    getOrganization: async (listId, id) => doc<Organization>(await inList(SpocOrganizationEntity, listId, id)),
    async findOrganizationByDomain(listId, domain) {
      const row = await m.createQueryBuilder(SpocOrganizationDomainEntity, "x")
        .innerJoin(SpocOrganizationEntity.options.name, "o", "o.contact_list_id = x.contact_list_id AND o.id = x.organization_id")
        .select("o.doc", "doc").where("x.contact_list_id = :listId AND x.domain = :domain", { listId, domain: lower(domain) })
        .orderBy("x.organization_id").limit(1).getRawOne<{ doc: unknown }>();
      return doc<Organization>(row);
    },
    async putGroup(g) { await upsert(m, SpocGroupEntity, { service_id: g.serviceId, id: g.id, doc: toJson(g) }, ["service_id", "id"]); },
    async getGroup(serviceId, id) {
      return doc<Group>(await m.createQueryBuilder(SpocGroupEntity, "g").select("g.doc", "doc")
        .where("g.service_id = :serviceId AND g.id = :id", { serviceId, id }).getRawOne());
    },
    async listGroups(serviceId) {
      return docs<Group>(await m.createQueryBuilder(SpocGroupEntity, "g").select("g.doc", "doc")
        .where("g.service_id = :serviceId", { serviceId }).orderBy("g.id").getRawMany());
    },
    async putAgent(a) {
      await c.transaction(async (tx) => {
        await upsert(tx, SpocAgentEntity, { id: a.id, doc: toJson(a) }, ["id"]);
        await tx.createQueryBuilder().delete().from(SpocAgentServiceEntity).where("agent_id = :id", { id: a.id }).callListeners(false).execute();
        await insertMany(tx, SpocAgentServiceEntity, unique(a.memberships.map((x) => x.serviceId)).map((service_id) => ({ service_id, agent_id: a.id })));
      });
    },
    getAgent: async (id) => doc<Agent>(await byId(SpocAgentEntity, id)),
    async listAgents(serviceId) {
      return docs<Agent>(await m.createQueryBuilder(SpocAgentServiceEntity, "s").innerJoin(SpocAgentEntity.options.name, "a", "a.id = s.agent_id")
        .select("a.doc", "doc").where("s.service_id = :serviceId", { serviceId }).orderBy("a.id").getRawMany());
    },
    async putConfig(serviceId, kind, id, value) {
      await upsert(m, SpocConfigEntity, { service_id: serviceId, kind, id, doc: toJson(value) }, ["service_id", "kind", "id"]);
    },
    async listConfig(serviceId, kind) {
      const rows = await m.createQueryBuilder(SpocConfigEntity, "x").select("x.id", "id").addSelect("x.doc", "doc")
        .where("x.service_id = :serviceId AND x.kind = :kind", { serviceId, kind }).orderBy("x.id").getRawMany<{ id: string; doc: unknown }>();
      return rows.map((r) => ({ id: r.id, doc: readJson(r.doc) }));
    },
    async deleteConfig(serviceId, kind, id) {
      await m.createQueryBuilder().delete().from(SpocConfigEntity)
        .where("service_id = :serviceId AND kind = :kind AND id = :id", { serviceId, kind, id }).callListeners(false).execute();
    },
    async getCursor(serviceId, key) {
      const row = await m.createQueryBuilder(SpocCursorEntity, "x").select("x.value", "value")
        .where("x.service_id = :serviceId AND x.key = :key", { serviceId, key }).getRawOne<{ value: string }>();
      return row?.value;
    },
    async setCursor(serviceId, key, value) { await upsert(m, SpocCursorEntity, { service_id: serviceId, key, value }, ["service_id", "key"]); },
  };
}
