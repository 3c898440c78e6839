import * as Schema from "effect/Schema";
import { describe, expect, it } from "vitest";
import type { TicketEvent } from "../ticket/events";
import { fold } from "../ticket/evolve";
import { agentP, contactP, eventOf, everyEventType, serviceWith, stored, systemP } from "./history-fixture";
import { PublicTicket } from "./public-ticket";
import { viewOf } from "./view-of";

const secret = { text: "SECRET-7f3a", cents: 987_654 };
const history: ReadonlyArray<TicketEvent> = [
  ...everyEventType.filter((t) => t !== "Merged").map((t, i) => eventOf(t, 1_000 + i, secret)),
  eventOf("MessageAdded", 2_000, secret, 1), // a public reply
  eventOf("MessageAdded", 2_001, secret, 2), // a note
];
const ticket = fold(history)!;
const service = serviceWith();
const types = (events: ReadonlyArray<{ type: string }>) => [...new Set(events.map((e) => e.type))].sort();

describe("viewOf: what a contact sees", () => {
  it("a contact's ticket has no cost, time, assignment, SLA or link fields", () => {
    const seen = viewOf(contactP, service, ticket) as Record<string, unknown>;
    for (const key of ["costCents", "timeMinutes", "billableMinutes", "groupId", "assigneeId", "responders", "sla", "nextDeadline",
      "escalations", "links", "handedOffTo", "openedBy", "version", "messageCount"]) expect(seen).not.toHaveProperty(key);
    expect(seen).toMatchObject({ id: ticket.id, number: "IT-000001", subject: "VPN down", status: ticket.status, rating: { score: 4 } });
  });

  it("a contact's ticket decodes as a PublicTicket, which has no internal field", () => {
    const seen = viewOf(contactP, service, ticket);
    expect(Schema.decodeUnknownSync(PublicTicket)(seen)).toEqual(seen);
    expect(Object.keys(PublicTicket.fields)).not.toContain("costCents");
  });

  it("a contact sees no internal-prefixed tag and no custom field the service has not made public", () => {
    expect(viewOf(contactP, service, ticket)).toMatchObject({ tags: ["vip"], customFields: {} });
    const open = serviceWith({ publicCustomFields: ["plan"], internalTagPrefix: "vip" });
    expect(viewOf(contactP, open, ticket)).toMatchObject({ tags: [`internal:${secret.text}`], customFields: { plan: "pro" } });
  });

  it("a contact's history holds only whitelisted events: their messages, public replies, status, priority, fields, reopen, rating", () => {
    const seen = viewOf(contactP, service, stored(history));
    expect(types(seen.map((s) => s.event))).toEqual(["FieldsChanged", "MessageAdded", "PriorityChanged", "Rated", "Reopened", "StatusChanged", "TicketOpened"]);
    expect(seen.flatMap((s) => (s.event.type === "MessageAdded" ? [s.event.kind] : []))).toEqual(["customer", "reply"]);
    expect(JSON.stringify(seen)).not.toContain(secret.text);
  });

  it("an event type added later is hidden from contacts until it is whitelisted", () => {
    const later = { type: "HandOffExcerpt", at: 5, by: systemP, body: secret.text } as unknown as TicketEvent;
    expect(viewOf(contactP, service, [later])).toEqual([]);
  });

  it("a change of internal fields only is left out of a contact's history", () => {
    const internal: TicketEvent = { type: "FieldsChanged", at: 1, by: { kind: "system", name: "x" }, customFields: { margin: 3 } };
    expect(viewOf(contactP, service, [internal])).toEqual([]);
  });

  it("keeps the stored version of each event a contact sees", () => {
    const seen = viewOf(contactP, service, stored(history));
    expect(seen[0]).toMatchObject({ version: 1, event: { type: "TicketOpened" } });
  });
});

describe("viewOf: what staff see", () => {
  it("an agent sees the ticket and history whole", () => {
    expect(viewOf(agentP("agent"), service, ticket)).toBe(ticket);
    const h = stored(history);
    expect(viewOf(agentP("agent"), service, h)).toBe(h);
    expect(viewOf(systemP, service, ticket)).toBe(ticket);
  });

  it("a viewer sees everything but cost: the ticket's cost and the rates and cost of time logs are null", () => {
    const seen = viewOf(agentP("viewer"), service, ticket);
    expect(seen).toEqual({ ...ticket, costCents: null });
    const logs = viewOf(agentP("viewer"), service, history).filter((e) => e.type === "TimeLogged");
    expect(logs).toEqual([expect.objectContaining({ minutes: 30, rateCentsPerHour: null, costCents: null, note: secret.text })]);
    expect(viewOf(agentP("viewer"), service, history).filter((e) => e.type === "MessageAdded")).toHaveLength(3);
  });

  it("a service may let viewers see cost, or keep it from agents", () => {
    expect(viewOf(agentP("viewer"), serviceWith({ costVisibleTo: ["viewer", "admin"] }), ticket).costCents).toBe(ticket.costCents);
    expect(viewOf(agentP("agent"), serviceWith({ costVisibleTo: ["admin"] }), ticket).costCents).toBeNull();
  });

  it("an agent without a role in the service gets no more than a contact", () => {
    const outsider = { kind: "agent", agent: { ...agentP("admin").agent, memberships: [] } } as const;
    expect(viewOf(outsider, service, ticket)).not.toHaveProperty("costCents");
  });
});

describe("viewOf is pure", () => {
  it("does not change the ticket or history it is given", () => {
    const h = stored(history);
    const before = JSON.stringify([ticket, h]);
    viewOf(contactP, service, ticket);
    viewOf(contactP, service, h);
    viewOf(agentP("viewer"), service, h);
    expect(JSON.stringify([ticket, h])).toBe(before);
  });
});
