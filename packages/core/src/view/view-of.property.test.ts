import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor";
import { createDesk, type PromiseDesk } from "../desk/promise";
import { defaultServiceSettings, type Role } from "../service/schema";
import { memoryStore } from "../store/memory-store";
import type { TicketEvent } from "../ticket/events";
import { fold } from "../ticket/evolve";
import { Forbidden, TicketNotFound } from "../ticket/errors";
import { agentP, contactP, eventOf, everyEventType, serviceWith, stored, systemP } from "./history-fixture";
import { viewOf } from "./view-of";

const roles: ReadonlyArray<Role> = ["viewer", "agent", "lead", "admin"];
// Every type, plus one added "later" that no view has heard of.
const types = [...everyEventType, "HandOffExcerpt" as never];

const historyArb = fc.record({
  secret: fc.stringMatching(/^[a-z]{8}$/).map((s) => `S3CRET-${s}`),
  cents: fc.integer({ min: 900_001, max: 999_999 }),
  rest: fc.array(fc.tuple(fc.constantFrom(...types), fc.nat(5)), { maxLength: 30 }),
}).map(({ secret, cents, rest }) => {
  const s = { text: secret, cents };
  const events: TicketEvent[] = [eventOf("TicketOpened", 1_000, s), ...rest.map(([type, n], i) => eventOf(type, 1_001 + i, s, n))];
  // The ticket is the fold of the events evolve knows (a type added later has no projection yet).
  const ticket = fold(events.filter((e) => everyEventType.includes(e.type)))!;
  return { secret, cents, events, ticket };
});

const settingsArb = fc.record({
  publicCustomFields: fc.subarray(["plan", "colour"]),
  costVisibleTo: fc.subarray([...roles]),
});

const costPattern = /"(costCents|rateCentsPerHour)":\d/;

describe("viewOf on random histories", () => {
  it("no view handed to a contact holds a note body, a time log or a cost", () => {
    fc.assert(fc.property(historyArb, settingsArb, ({ secret, cents, events, ticket }, settings) => {
      const service = serviceWith(settings);
      const seen = JSON.stringify([viewOf(contactP, service, ticket), viewOf(contactP, service, stored(events)), viewOf(contactP, service, events)]);
      expect(seen).not.toContain(secret);
      expect(seen).not.toContain(String(cents));
      expect(seen).not.toMatch(/costCents|rateCentsPerHour|timeMinutes|billableMinutes|TimeLogged|"kind":"note"/);
    }), { numRuns: 300 });
  });

  it("an agent whose role may not see cost gets no amount; one who may gets the history unchanged", () => {
    fc.assert(fc.property(historyArb, settingsArb, fc.constantFrom(...roles), ({ events, ticket }, settings, role) => {
      const service = serviceWith(settings);
      const p = agentP(role);
      const seen = JSON.stringify([viewOf(p, service, ticket), viewOf(p, service, stored(events))]);
      if (settings.costVisibleTo.includes(role)) expect(viewOf(p, service, events)).toEqual(events);
      else expect(seen).not.toMatch(costPattern);
      expect(viewOf(systemP, service, events)).toEqual(events);
    }), { numRuns: 200 });
  });
});

// Three services: A and C share contact list X, B uses list Y. One agent per service, contacts on each list.
const world = {
  services: [["svc-a", "A", "cl-x"], ["svc-b", "B", "cl-y"], ["svc-c", "C", "cl-x"]] as const,
  contacts: [["c-x1", "cl-x"], ["c-x2", "cl-x"], ["c-y1", "cl-y"]] as const,
  agents: [["ag-a", "svc-a"], ["ag-b", "svc-b"], ["ag-c", "svc-c"]] as const,
};
const NOTE = "n0te-secret";
const system = { kind: "system", name: "setup" } as const;
let desk: PromiseDesk;
const tickets: Array<{ id: string; serviceId: string; requesterId: string }> = [];

beforeAll(async () => {
  desk = createDesk({ store: memoryStore(), automation: false });
  for (const id of ["cl-x", "cl-y"]) await desk.configure.contactList(system, { id, name: id });
  for (const [id, key, contactListId] of world.services) await desk.configure.service(system, { id, key, name: key, contactListId, settings: defaultServiceSettings });
  for (const [id, contactListId] of world.contacts) await desk.configure.contact(system, { id, contactListId, name: id, emails: [], phones: [] });
  for (const [id, serviceId] of world.agents) {
    await desk.configure.agent(system, { id, name: id, email: "", memberships: [{ serviceId, role: "agent" }], skills: [], absences: [] });
  }
  for (const [serviceId, , list] of world.services) {
    for (const [requesterId] of world.contacts.filter(([, l]) => l === list)) {
      const t = await desk.openTicket(system, { serviceId, subject: `for ${requesterId}`, channel: "web", requesterId });
      await desk.addMessage(system, { serviceId, ticketId: t.id, kind: "note", body: NOTE });
      const agentId = world.agents.find(([, s]) => s === serviceId)![0];
      await desk.logTime(system, { serviceId, ticketId: t.id, agentId, minutes: 60, billable: true, rateCentsPerHour: 912_345 });
      tickets.push({ id: t.id, serviceId, requesterId });
    }
  }
});

type Reader = Extract<Actor, { kind: "agent" | "contact" }>;
const actors: ReadonlyArray<Reader> = [
  ...world.agents.map(([id]) => ({ kind: "agent", id }) as Reader),
  ...world.contacts.map(([id]) => ({ kind: "contact", id }) as Reader),
];

describe("no read through the Desk crosses a service boundary", () => {
  it("each read is allowed only to a member (agents) or the requester on the service's list (contacts), and stays in its service", async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...actors), fc.constantFrom(...world.services.map(([id]) => id)), fc.nat(100), fc.constantFrom("getTicket", "history", "listTickets"),
      async (actor, serviceId, pick, read) => {
        const ticket = tickets[pick % tickets.length]!;
        const listOf = world.services.find(([id]) => id === serviceId)![2];
        const inService = actor.kind === "agent"
          ? world.agents.some(([id, s]) => id === actor.id && s === serviceId)
          : world.contacts.some(([id, l]) => id === actor.id && l === listOf);
        if (read === "listTickets") {
          const page = await desk.listTickets(actor, serviceId).catch((e: unknown) => e);
          if (!inService) { expect(page).toBeInstanceOf(Forbidden); return; }
          const items = (page as Awaited<ReturnType<PromiseDesk["listTickets"]>>).items;
          expect(items.length).toBeGreaterThan(0);
          for (const t of items) {
            expect(t.serviceId).toBe(serviceId);
            if (actor.kind === "contact") expect(t.requesterId).toBe(actor.id);
          }
          if (actor.kind === "contact") expect(JSON.stringify(items)).not.toMatch(/costCents|912345/);
          return;
        }
        const result = await (read === "getTicket" ? desk.getTicket(actor, serviceId, ticket.id) : desk.history(actor, serviceId, ticket.id)).catch((e: unknown) => e);
        if (!inService) { expect(result).toBeInstanceOf(Forbidden); return; }
        if (ticket.serviceId !== serviceId) { expect(result).toBeInstanceOf(TicketNotFound); return; }
        if (actor.kind === "contact" && ticket.requesterId !== actor.id) { expect(result).toBeInstanceOf(Forbidden); return; }
        expect(result).not.toBeInstanceOf(Error);
        const served = JSON.stringify(result);
        expect(served).toContain(`"serviceId":"${serviceId}"`);
        expect(served).not.toMatch(new RegExp(`"serviceId":"(?!${serviceId}")`));
        if (actor.kind === "contact") expect(served).not.toMatch(new RegExp(`${NOTE}|costCents|912345`));
        else expect(served).toContain(read === "history" ? NOTE : "costCents");
      }), { numRuns: 300 });
  });
});
