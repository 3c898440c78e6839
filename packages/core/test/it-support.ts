import { Actor } from "../src/auth/actor";
import { createDesk } from "../src/desk/promise";
import { memoryStore } from "../src/store/memory-store";
import type { Store } from "../src/store/port";
import { defaultServiceSettings, type Role } from "../src/service/schema";
import type { AgentInput } from "../src/desk/inputs";

/** The IT Support company of the design's scenario: two services sharing one contact list. */
export const ids = {
  support: "svc-support", billing: "svc-billing", list: "cl-customers",
  l1: "grp-l1", lead: "grp-tech-lead", l2: "grp-l2", billingDesk: "grp-billing",
  ana: "ag-ana", tom: "ag-tom", lee: "ag-lee", bea: "ag-bea", boss: "ag-admin", vic: "ag-vic",
  carla: "c-carla", dan: "c-dan",
} as const;

// Typed by kind, so each read comes back as that kind's view (a contact's is a PublicTicket).
export const system = Actor.system("setup");
export const agent = (id: string) => Actor.agent(id);
export const contact = (id: string) => Actor.contact(id);

/** Builds a desk with the company set up; each call is independent. */
export async function itSupport(options: { store?: Store; clock?: () => number } = {}) {
  const desk = createDesk({ store: memoryStore(), ...options });
  const c = desk.configure;
  await c.contactList(system, { id: ids.list, name: "Customers" });
  await c.service(system, { id: ids.support, key: "IT", name: "Customer Support", contactListId: ids.list, settings: defaultServiceSettings });
  await c.service(system, { id: ids.billing, key: "BILL", name: "Billing & Collections", contactListId: ids.list, settings: defaultServiceSettings });
  await c.organization(system, { id: "org-acme", contactListId: ids.list, name: "Acme", domains: ["acme.example"], tier: "gold" });
  await c.contact(system, { id: ids.carla, contactListId: ids.list, name: "Carla Díaz", emails: ["carla@acme.example"], phones: ["+34 600 000 001"], organizationId: "org-acme" });
  await c.contact(system, { id: ids.dan, contactListId: ids.list, name: "Dan Ek", emails: ["dan@example.org"], phones: [] });
  const member = (serviceId: string, role: Role = "agent") => ({ serviceId, role });
  const person = (id: string, name: string, memberships: AgentInput["memberships"]) =>
    c.agent(system, { id, name, email: `${id}@it.example`, memberships, skills: [], absences: [] });
  await person(ids.ana, "Ana (L1)", [member(ids.support)]);
  await person(ids.tom, "Tom (technician)", [member(ids.support)]);
  await person(ids.lee, "Lee (L2)", [member(ids.support)]);
  await person(ids.bea, "Bea (Billing)", [member(ids.billing)]);
  await person(ids.boss, "Morgan (admin)", [member(ids.support, "admin"), member(ids.billing, "admin")]);
  await person(ids.vic, "Vic (auditor)", [member(ids.support, "viewer")]);
  await c.group(system, { id: ids.l1, serviceId: ids.support, name: "Level 1 desk", level: "1", members: [ids.ana] });
  await c.group(system, { id: ids.lead, serviceId: ids.support, name: "Technical lead's team", level: "1", members: [ids.tom], leadId: ids.tom });
  await c.group(system, { id: ids.l2, serviceId: ids.support, name: "Level 2", level: "2", members: [ids.lee] });
  await c.group(system, { id: ids.billingDesk, serviceId: ids.billing, name: "Billing desk", level: "1", members: [ids.bea] });
  return desk;
}
