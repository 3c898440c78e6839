import type { Actor } from "../auth/actor";
import type { AgentId, ContactId, MessageId, ServiceId, TicketId } from "../ids/ids";
import type { EventOf, TicketEvent } from "../ticket/events";
import type { Priority } from "../ticket/schema";
import type { Status } from "../ticket/status";

/** Builders of ticket events for SLA tests and documentation examples; instants are epoch ms. */

/** Minutes as ms. */
export const min = (n: number): number => n * 60_000;
/** Hours as ms. */
export const hours = (n: number): number => n * 3_600_000;

export const agent: Actor = { kind: "agent", id: "ag-1" as AgentId };
export const contact: Actor = { kind: "contact", id: "ct-1" as ContactId };
export const system: Actor = { kind: "system", name: "mailer" };

let seq = 0;

export const opened = (at: number, fields: Partial<EventOf<"TicketOpened">> = {}): TicketEvent => ({
  type: "TicketOpened",
  at,
  by: contact,
  ticketId: "t-1" as TicketId,
  serviceId: "svc-support" as ServiceId,
  number: "IT-000001",
  subject: "Printer on fire",
  description: "",
  ticketType: "incident",
  category: null,
  channel: "email",
  priority: "normal",
  impact: null,
  urgency: null,
  requesterId: "ct-1" as ContactId,
  organizationId: null,
  tags: [],
  customFields: {},
  handedOffFrom: null,
  ...fields,
});

const message = (at: number, kind: "customer" | "reply" | "note", by: Actor, automatic: boolean): TicketEvent => ({
  type: "MessageAdded",
  at,
  by,
  messageId: `m-${++seq}` as MessageId,
  kind,
  channel: "email",
  subject: null,
  body: "…",
  externalId: null,
  automatic,
});

export const customer = (at: number, automatic = false): TicketEvent => message(at, "customer", automatic ? system : contact, automatic);
export const reply = (at: number): TicketEvent => message(at, "reply", agent, false);
export const autoReply = (at: number): TicketEvent => message(at, "reply", system, true);
export const note = (at: number): TicketEvent => message(at, "note", agent, false);

export const status = (at: number, from: Status, to: Status): TicketEvent => ({ type: "StatusChanged", at, by: agent, from, to, reason: null });
export const reopened = (at: number): TicketEvent => ({ type: "Reopened", at, by: contact, reason: null });
export const priority = (at: number, from: Priority, to: Priority): TicketEvent => ({
  type: "PriorityChanged",
  at,
  by: agent,
  from,
  to,
  impact: null,
  urgency: null,
});
export const fields = (at: number, change: Omit<EventOf<"FieldsChanged">, "type" | "at" | "by">): TicketEvent =>
  ({ type: "FieldsChanged", at, by: agent, ...change }) as TicketEvent;
