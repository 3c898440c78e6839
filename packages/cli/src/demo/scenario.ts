import { Actor, type PromiseDesk, type Role, defaultServiceSettings } from "@spoc/core";

/**
 * The ids of the IT Support company's services, contact list, groups, agents and contacts.
 * @example
 * company.support // "svc-support": the IT Support service of the demo
 */
export const company = {
  support: "svc-support", billing: "svc-billing", list: "cl-customers",
  l1: "grp-l1", lead: "grp-tech-lead", l2: "grp-l2", billingDesk: "grp-billing",
  ana: "ag-ana", tom: "ag-tom", lee: "ag-lee", bea: "ag-bea", morgan: "ag-morgan",
  carla: "c-carla",
} as const;

/** Display names for the timeline. */
export const names: Record<string, string> = {
  [company.ana]: "Ana (L1)", [company.tom]: "Tom (tech lead)", [company.lee]: "Lee (L2)", [company.bea]: "Bea (Billing)",
  [company.morgan]: "Morgan (admin)", [company.carla]: "Carla Díaz", [company.l1]: "Level 1 desk",
  [company.lead]: "Technical lead's team", [company.l2]: "Level 2", [company.billingDesk]: "Billing desk",
};

// Typed by kind, so each command returns that kind's view of the ticket.
const system = Actor.system("setup");
const agent = (id: string) => Actor.agent(id);
const contact = (id: string) => Actor.contact(id);

/** Sets up the company: two services sharing one contact list, groups at two levels, five agents. * @example const desk = createDesk({ store: memoryStore() }); await setUpCompany(desk)
 */
export async function setUpCompany(desk: PromiseDesk): Promise<void> {
  const c = desk.configure;
  const existing = await desk.store.getService(company.support as never);
  if (existing) return;
  await c.contactList(system, { id: company.list, name: "Customers" });
  await c.service(system, { id: company.support, key: "IT", name: "Customer Support", contactListId: company.list, settings: defaultServiceSettings });
  await c.service(system, { id: company.billing, key: "BILL", name: "Billing & Collections", contactListId: company.list, settings: defaultServiceSettings });
  await c.organization(system, { id: "org-acme", contactListId: company.list, name: "Acme Logistics", domains: ["acme.example"], tier: "gold" });
  await c.contact(system, { id: company.carla, contactListId: company.list, name: "Carla Díaz", emails: ["carla@acme.example"], phones: ["+34 600 000 001"], organizationId: "org-acme" });
  const person = (id: string, memberships: Array<[string, Role]>) =>
    c.agent(system, { id, name: names[id] ?? id, email: `${id}@it-support.example`, memberships: memberships.map(([serviceId, role]) => ({ serviceId, role })), skills: [], absences: [] });
  await person(company.ana, [[company.support, "agent"]]);
  await person(company.tom, [[company.support, "lead"]]);
  await person(company.lee, [[company.support, "agent"]]);
  await person(company.bea, [[company.billing, "agent"]]);
  await person(company.morgan, [[company.support, "admin"], [company.billing, "admin"]]);
  await c.group(system, { id: company.l1, serviceId: company.support, name: names[company.l1] ?? company.l1, level: "1", members: [company.ana] });
  await c.group(system, { id: company.lead, serviceId: company.support, name: names[company.lead] ?? company.lead, level: "1", members: [company.tom], leadId: company.tom });
  await c.group(system, { id: company.l2, serviceId: company.support, name: names[company.l2] ?? company.l2, level: "2", members: [company.lee] });
  await c.group(system, { id: company.billingDesk, serviceId: company.billing, name: names[company.billingDesk] ?? company.billingDesk, level: "1", members: [company.bea] });
}

/**
 * Plays the single-point-of-contact story: a phoned-in ticket is logged at level 1, worked by the
 * tech lead's group, transferred to level 2, resolved, closed and handed off to Billing.
 * Returns the Support ticket and the Billing ticket it led to.
 * @example await setUpCompany(desk); const { support, billing } = await playScenario(desk)
 */
export async function playScenario(desk: PromiseDesk) {
  const s = company.support;
  const t = await desk.openTicket(agent(company.ana), {
    serviceId: s, subject: "Invoice portal shows error 500",
    description: "Carla called: the portal fails when she downloads October's invoice.",
    channel: "phone", requesterId: company.carla, organizationId: "org-acme", impact: "medium", urgency: "high",
  });
  const on = { serviceId: s, ticketId: t.id };
  await desk.assign(agent(company.ana), { ...on, groupId: company.lead, reason: "application fault" });
  await desk.assign(agent(company.tom), { ...on, agentId: company.tom });
  await desk.addMessage(agent(company.tom), { ...on, kind: "reply", body: "Thanks Carla, we're on it. Could you send a screenshot of the error?" });
  await desk.addMessage(contact(company.carla), { ...on, kind: "customer", channel: "email", body: "Screenshot attached — it happens every time." });
  await desk.addMessage(agent(company.tom), { ...on, kind: "note", body: "Database timeout on the invoice archive; beyond level 1." });
  await desk.transfer(agent(company.tom), { ...on, toGroupId: company.l2, toAgentId: company.lee, reason: "needs a database fix" });
  await desk.addMessage(agent(company.lee), { ...on, kind: "reply", body: "Fixed an index on the archive; please try again." });
  await desk.logTime(agent(company.lee), { ...on, minutes: 90, billable: true, rateCentsPerHour: 8_000 });
  await desk.changeStatus(agent(company.lee), { ...on, status: "resolved", reason: "fix confirmed by phone" });
  await desk.changeStatus(agent(company.lee), { ...on, status: "closed" });
  await desk.handOff(agent(company.morgan), { ...on, toServiceId: company.billing, reason: "credit Acme for the outage", toGroupId: company.billingDesk });
  const billing = (await desk.listTickets(agent(company.bea), company.billing, { limit: 1 })).items[0];
  return { support: await desk.getTicket(agent(company.lee), s, t.id), billing };
}
