import {
  type Actor, type AgentId, type ContactId, type ContactListId, createDesk, defaultServiceSettings, evolve,
  type ServiceId, type Store, type Ticket, type TicketEvent, type TicketId,
} from "@spoc/core";

/**
 * Two services sharing one contact list, one agent in each, and an admin in both.
 * @example
 * const desk = await seedConformanceFixture(store)
 * const { a: serviceId, agentA, system } = conformanceFixture // the ids and actor seeded in it
 */
export const fx = {
  a: "svc-a" as ServiceId,
  b: "svc-b" as ServiceId,
  list: "cl-shared" as ContactListId,
  requester: "c-1" as ContactId,
  agentA: "ag-a" as AgentId,
  agentB: "ag-b" as AgentId,
  system: { kind: "system", name: "conformance" } as Extract<Actor, { kind: "system" }>,
};

/** Puts the fixture directory into a store and returns a Desk over it. @example const desk = await seedConformanceFixture(store) */
export async function seed(store: Store) {
  const desk = createDesk({ store });
  const c = desk.configure;
  await c.contactList(fx.system, { id: fx.list, name: "Shared" });
  await c.service(fx.system, { id: fx.a, key: "AA", name: "Service A", contactListId: fx.list, settings: defaultServiceSettings });
  await c.service(fx.system, { id: fx.b, key: "BB", name: "Service B", contactListId: fx.list, settings: defaultServiceSettings });
  await c.contact(fx.system, { id: fx.requester, contactListId: fx.list, name: "Ζωή Παπαδοπούλου", emails: ["zoe@example.org"], phones: [] });
  for (const [id, svc] of [[fx.agentA, fx.a], [fx.agentB, fx.b]] as const) {
    await c.agent(fx.system, { id, name: id, email: `${id}@example.org`, memberships: [{ serviceId: svc, role: "agent" }], skills: [], absences: [] });
  }
  return desk;
}

/** Hand-built events for a new ticket, for tests that drive the store directly. */
export function openingEvents(serviceId: ServiceId, ticketId: TicketId, number: string, at: number): TicketEvent[] {
  return [{
    type: "TicketOpened", at, by: fx.system, ticketId, serviceId, number, subject: `Ticket ${number}`, description: "",
    ticketType: "incident", category: null, channel: "api", priority: "normal", impact: null, urgency: null,
    requesterId: fx.requester, organizationId: null, tags: [], customFields: {}, handedOffFrom: null,
  }];
}

/** A note event, to grow a stream by one. */
export const note = (at: number, body: string, externalId: string | null = null): TicketEvent => ({
  type: "MessageAdded", at, by: fx.system, messageId: `m-${at}-${body}` as never, kind: externalId ? "customer" : "note",
  channel: "api", subject: null, body, externalId, automatic: false,
});

/** Folds events onto a ticket. */
export const apply = (t: Ticket | undefined, events: ReadonlyArray<TicketEvent>): Ticket =>
  events.reduce<Ticket | undefined>(evolve, t) as Ticket;
