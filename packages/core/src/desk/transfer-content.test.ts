import { describe, expect, it } from "vitest";
import type { MessageId, ServiceId } from "../ids/ids";
import { ticketFixture } from "../routing/ticket-fixture";
import { defaultServiceSettings, type Service } from "../service/schema";
import type { EventOf, TicketEvent } from "../ticket/events";
import { arrangeTransferOpening, customerMessages, transferClosing, transferOpening } from "./transfer-content";

const billing = { id: "svc-billing" as ServiceId, key: "BILL", name: "Billing", contactListId: "cl" as never, settings: defaultServiceSettings } as Service;
const support = { ...billing, id: "svc-support" as ServiceId, key: "IT", name: "Support" } as Service;
const by = { kind: "system", name: "transfer" } as const;
const customer = (body: string, at: number, automatic = false): TicketEvent => ({
  type: "MessageAdded", at, by: { kind: "contact", id: "c-1" as never }, messageId: `m-${at}` as MessageId, kind: "customer",
  channel: "email", subject: null, body, externalId: `<${at}@mail>`, automatic,
});
const request: EventOf<"TransferRequested"> = { type: "TransferRequested", at: 5, by, toServiceId: billing.id, ruleId: "bill", reason: "money" };
let n = 0;
const ctx = { at: 10, by, newMessageId: () => `new-${++n}` as MessageId };

describe("transferOpening", () => {
  it("opens with the customer's first message, the classification, and no field naming the sender's SLA policy", () => {
    const source = ticketFixture({ priority: "high", category: "payments", impact: "high", tags: ["card"], customFields: { plan: "pro", slaPolicy: "gold" } });
    const history = [customer("first", 1), customer("auto", 2, true), customer("second", 3)];
    const before = structuredClone(history);
    const cmd = transferOpening(source, history, { requesterId: "c-9" as never, organizationId: null }, billing);
    expect(cmd).toMatchObject({
      type: "OpenTicket", serviceId: "svc-billing", subject: source.subject, description: "first", channel: "email", priority: "high",
      category: "payments", impact: "high", requesterId: "c-9", tags: ["card"], customFields: { plan: "pro" }, externalId: "transfer:t-1",
    });
    expect("organizationId" in cmd || "urgency" in cmd).toBe(false);
    expect(history).toEqual(before);
  });
  it("falls back to the description when there is no customer message", () => {
    expect(transferOpening(ticketFixture(), [], { requesterId: "c-1" as never, organizationId: null }, billing).description).toBe("The printer shows error E-52.");
  });
});

describe("arrangeTransferOpening", () => {
  it("puts the note after TicketOpened and the customer's later messages last, without their external ids", () => {
    const opened = { type: "TicketOpened" } as TicketEvent;
    const first = customer("first", 10);
    const out = arrangeTransferOpening([opened, first], ticketFixture(), [customer("first", 1), customer("second", 3)], support, request, ctx);
    expect(out.map((e) => (e.type === "MessageAdded" ? `${e.kind}:${e.body.split("\n")[0]}` : e.type))).toEqual([
      "TicketOpened", "note:Transferred from IT-000001 (Support) by routing rule bill: money.", "customer:first", "customer:second",
    ]);
    expect(out[3]).toMatchObject({ at: 10, externalId: null, by: { kind: "contact" } });
  });
});

describe("customerMessages / transferClosing", () => {
  it("customerMessages skips automatic ones", () => {
    expect(customerMessages([customer("a", 1), customer("b", 2, true)]).map((m) => m.body)).toEqual(["a"]);
  });
  it("closes the source with a note and HandedOff, once", () => {
    const to = { serviceId: billing.id, ticketId: "t-2" as never, number: "BILL-000001" };
    const events = transferClosing(ticketFixture({ status: "open" }), to, billing, request, ctx);
    expect(events.map((e) => e.type)).toEqual(["MessageAdded", "HandedOff", "StatusChanged"]);
    expect(events[2]).toMatchObject({ from: "open", to: "closed", reason: "transferred to Billing as BILL-000001" });
    expect(transferClosing(ticketFixture({ handedOffTo: [to] }), to, billing, request, ctx)).toEqual([]);
  });
});
