import fc from "fast-check";
import * as Schema from "effect/Schema";
import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor";
import type { AgentId, ContactId, MessageId, ServiceId, TicketId } from "../ids/ids";
import { type EventOf, TicketEvent } from "./events";
import { fold } from "./evolve";
import { excerptIn, excerptOf, type ExcerptContext } from "./hand-off-excerpt";

const agent: Actor = { kind: "agent", id: "ag-1" as AgentId };
const customer: Actor = { kind: "contact", id: "c-1" as ContactId };
const opened: EventOf<"TicketOpened"> = {
  type: "TicketOpened", at: 0, by: customer, ticketId: "t-1" as TicketId, serviceId: "svc-it" as ServiceId, number: "IT-000007",
  subject: "Refund", description: "", ticketType: "question", category: null, channel: "web", priority: "normal", impact: null,
  urgency: null, requesterId: "c-1" as ContactId, organizationId: null, tags: [], customFields: {}, handedOffFrom: null,
};
const message = (at: number, by: Actor, kind: "customer" | "reply" | "note", body: string): EventOf<"MessageAdded"> =>
  ({ type: "MessageAdded", at, by, messageId: `m-${at}` as MessageId, kind, channel: "web", subject: null, body, externalId: null, automatic: false });
const logged = (at: number, minutes: number, billable: boolean, rateCentsPerHour: number): EventOf<"TimeLogged"> =>
  ({ type: "TimeLogged", at, by: agent, agentId: "ag-1" as AgentId, minutes, billable, rateCentsPerHour, costCents: billable ? Math.round((minutes * rateCentsPerHour) / 60) : 0, note: null });
const ctx: ExcerptContext = { at: 99, by: { kind: "system", name: "hand-off" }, handedOffBy: agent, fromServiceName: "Customer Support", currency: "EUR", reason: null };

describe("excerptOf", () => {
  it("marks notes internal and keeps public messages public, in history order", () => {
    const e = excerptOf([opened, message(1, customer, "customer", "hi"), message(2, agent, "note", "internal"), message(3, agent, "reply", "done")], ctx);
    expect(e.messages.map((m) => [m.at, m.kind, m.internal])).toEqual([[1, "customer", false], [2, "note", true], [3, "reply", false]]);
  });

  it("totals the work log to the same figures as the source ticket, whatever was logged", () => {
    const entry = fc.record({ minutes: fc.integer({ min: 0, max: 600 }), billable: fc.boolean(), rate: fc.integer({ min: 0, max: 50_000 }) });
    fc.assert(fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
      const history = [opened, ...entries.map((x, i) => logged(i + 1, x.minutes, x.billable, x.rate))];
      const source = fold(history);
      const { totals, workLog } = excerptOf(history, ctx);
      expect(totals).toEqual({ timeMinutes: source?.timeMinutes, billableMinutes: source?.billableMinutes, costCents: source?.costCents, currency: "EUR" });
      expect(workLog).toHaveLength(entries.length);
    }));
  });

  it("references the source ticket and is a valid TicketEvent", () => {
    const e = excerptOf([opened, logged(1, 45, true, 6000)], ctx);
    expect(e.from).toEqual({ serviceId: "svc-it", ticketId: "t-1", number: "IT-000007" });
    expect(e.totals.costCents).toBe(4500);
    expect(Schema.decodeUnknownExit(TicketEvent)(e)._tag).toBe("Success");
  });

  it("does not modify the history it reads", () => {
    const history = [opened, message(1, customer, "customer", "hi"), logged(2, 30, true, 6000)];
    const before = structuredClone(history);
    excerptOf(history, ctx);
    expect(history).toEqual(before);
  });
});

describe("excerptIn", () => {
  it("is null for a ticket that was not handed off", () => {
    expect(excerptIn([opened, message(1, customer, "customer", "hi")])).toBeNull();
  });
});
