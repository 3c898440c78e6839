import type { Principal } from "../auth/authorize";
import type { AgentId, ContactId, ContactListId, GroupId, MessageId, ServiceId, TicketId } from "../ids/ids";
import { defaultServiceSettings, type Agent, type Role, type Service } from "../service/schema";
import type { StoredEvent, TicketEvent, TicketEventType } from "../ticket/events";

// Test fixtures for views: one event of each type, with the secrets a contact must never see marked.
export const svc = "svc-a" as ServiceId;
export const list = "cl-x" as ContactListId;
export const requester = "c-ann" as ContactId;
const by = { kind: "agent", id: "ag-1" as AgentId } as const;

/** A service with optional visibility settings. */
export const serviceWith = (visibility?: Service["settings"]["visibility"]): Service => ({
  id: svc, key: "IT", name: "Support", contactListId: list,
  settings: { ...defaultServiceSettings, ...(visibility ? { visibility } : {}) },
});

/** Principals of every kind for the fixture's service. */
export const contactP: Extract<Principal, { kind: "contact" }> = { kind: "contact", contactId: requester, contactListId: list };
export const agentP = (role: Role): Extract<Principal, { kind: "agent" }> => ({
  kind: "agent",
  agent: { id: `ag-${role}` as AgentId, name: role, email: "", memberships: [{ serviceId: svc, role }], skills: [], absences: [] } satisfies Agent,
});
export const systemP: Extract<Principal, { kind: "system" }> = { kind: "system", name: "test" };

/** Builds one event of a type at an instant; `secret` marks the text and amounts that are internal. */
export const eventOf = (type: TicketEventType, at: number, secret: { text: string; cents: number }, n = 0): TicketEvent => {
  const base = { at, by };
  switch (type) {
    case "TicketOpened": return { ...base, by: { kind: "contact", id: requester }, type, ticketId: "t-1" as TicketId, serviceId: svc, number: "IT-000001",
      subject: "VPN down", description: "No VPN", ticketType: "incident", category: null, channel: "email", priority: "normal",
      impact: null, urgency: null, requesterId: requester, organizationId: null, tags: ["vip", `internal:${secret.text}`],
      customFields: { plan: "pro", margin: secret.text }, handedOffFrom: null };
    case "MessageAdded": {
      const kind = (["customer", "reply", "note"] as const)[n % 3] ?? "note";
      return { ...base, type, messageId: `m-${at}-${n}` as MessageId, kind, channel: "email", subject: null,
        body: kind === "note" ? secret.text : `public ${kind} ${n}`, externalId: null, automatic: false };
    }
    case "Assigned": return { ...base, type, groupId: "g-l2" as GroupId, agentId: "ag-2" as AgentId, reason: secret.text };
    case "Transferred": return { ...base, type, fromGroupId: null, toGroupId: "g-l2" as GroupId, toAgentId: null, reason: secret.text };
    case "StatusChanged": return { ...base, type, from: "new", to: "open", reason: "we are on it" };
    case "PriorityChanged": return { ...base, type, from: "normal", to: "high", impact: null, urgency: null };
    case "FieldsChanged": return { ...base, type, tags: ["vip", `internal:${secret.text}`], customFields: { margin: secret.text } };
    case "Reopened": return { ...base, type, reason: null };
    case "Linked": return { ...base, type, kind: "related", ticket: { serviceId: svc, ticketId: "t-9" as TicketId, number: "IT-000009" } };
    case "Merged": return { ...base, type, into: { serviceId: svc, ticketId: "t-9" as TicketId, number: "IT-000009" } };
    case "TimeLogged": return { ...base, type, agentId: "ag-1" as AgentId, minutes: 30, billable: true, rateCentsPerHour: secret.cents * 2, costCents: secret.cents, note: secret.text };
    case "Rated": return { ...base, by: { kind: "contact", id: requester }, type, score: 4, comment: "quick" };
    case "HandedOff": return { ...base, type, to: { serviceId: "svc-b" as ServiceId, ticketId: "t-b" as TicketId, number: "B-000001" }, reason: secret.text };
    case "TransferRequested": return { ...base, type, toServiceId: "svc-b" as ServiceId, ruleId: "r1", reason: secret.text };
    case "SlaApplied": return { ...base, type, policyId: "gold", summary: { note: secret.text }, nextDeadline: at + 60_000 };
    case "SlaBreached": return { ...base, type, metric: "first-response", cycle: 0, breachedAt: at };
    case "Escalated": return { ...base, type, ruleId: "waiting", level: 1, reason: secret.text, actions: ["notify"] };
    case "DeadlineSet": return { ...base, type, nextDeadline: at + 1, reason: secret.text };
    case "NotificationRequested": return { ...base, type, template: "internal", to: ["lead@x"], data: { body: secret.text } };
    // A type added after this fixture: carries the secret, so a view that shows it fails the tests.
    default: return { ...base, type, body: secret.text } as unknown as TicketEvent;
  }
};

/** Every event type, for histories that must cover them all. */
export const everyEventType: ReadonlyArray<TicketEventType> = [
  "TicketOpened", "MessageAdded", "Assigned", "Transferred", "StatusChanged", "PriorityChanged", "FieldsChanged", "Reopened",
  "Linked", "Merged", "TimeLogged", "Rated", "HandedOff", "TransferRequested", "SlaApplied", "SlaBreached", "Escalated",
  "DeadlineSet", "NotificationRequested",
];

/** Wraps events as stored, numbered from 1. */
export const stored = (events: ReadonlyArray<TicketEvent>): Array<StoredEvent> =>
  events.map((event, i) => ({ ticketId: "t-1" as TicketId, serviceId: svc, version: i + 1, event }));
