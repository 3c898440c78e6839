import { describe, expect, it } from "vitest";
import type { AgentId, ContactId, GroupId, RuleId, ServiceId, TicketId } from "../ids/ids";
import type { Agent, Group } from "../service/schema";
import type { TicketEvent } from "../ticket/events";
import { fold } from "../ticket/evolve";
import type { Ticket } from "../ticket/schema";
import { escalationEvents } from "./events";
import type { EscalationAction, EscalationRule } from "./rule";

const T0 = Date.UTC(2024, 2, 4, 9);
const MIN = 60_000;
const svc = "svc" as ServiceId;
const opened: TicketEvent = {
  type: "TicketOpened", at: T0, by: { kind: "contact", id: "c-1" as ContactId }, ticketId: "t-1" as TicketId, serviceId: svc,
  number: "IT-1", subject: "s", description: "d", ticketType: "incident", category: null, channel: "email", priority: "normal",
  impact: null, urgency: null, requesterId: "c-1" as ContactId, organizationId: null, tags: [], customFields: {}, handedOffFrom: null,
};
const inL1: TicketEvent = { type: "Assigned", at: T0, by: { kind: "system", name: "routing" }, groupId: "l1" as GroupId, agentId: "ag-1" as AgentId, reason: null };
const history = [opened, inL1];
const ticket = fold(history) as Ticket;
const lead: Agent = { id: "lead" as AgentId, name: "Lea", email: "lea@example.com", memberships: [], skills: [], absences: [] };
const dir = {
  groups: [{ id: "l1" as GroupId, serviceId: svc, name: "L1", level: "1", members: [], leadId: lead.id } satisfies Group],
  agents: [lead],
};
const rule = (actions: ReadonlyArray<EscalationAction>, levels = 1): EscalationRule => ({
  id: "stalled" as RuleId, serviceId: svc, name: "Stalled", enabled: true,
  condition: { kind: "no-update", minutes: 60 },
  levels: Array.from({ length: levels }, (_, i) => ({ level: i + 1, afterMinutes: i * 30, actions })),
});
const NOW = T0 + 61 * MIN;
const types = (events: ReadonlyArray<TicketEvent>) => events.map((e) => e.type);

describe("escalationEvents", () => {
  it("writes Escalated and then a notification to the group lead", () => {
    const { events } = escalationEvents(ticket, history, [rule([{ kind: "notify-lead" }])], NOW, dir);
    expect(types(events)).toEqual(["Escalated", "NotificationRequested"]);
    expect(events[1]).toMatchObject({ to: ["lea@example.com"], template: "escalation.notify-lead", at: NOW });
  });
  it("records a skipped notification when the group has no lead", () => {
    const { events } = escalationEvents(ticket, history, [rule([{ kind: "notify-lead" }])], NOW, { groups: [], agents: [] });
    expect(types(events)).toEqual(["Escalated"]);
    expect(events[0]).toMatchObject({ actions: ["notify-lead: skipped (group l1 has no known lead)"] });
  });
  it("raises the priority one step", () => {
    const { events } = escalationEvents(ticket, history, [rule([{ kind: "raise-priority" }])], NOW, dir);
    expect(events[1]).toMatchObject({ type: "PriorityChanged", from: "normal", to: "high" });
  });
  it("raises the priority once per level when two levels are due together", () => {
    const { events } = escalationEvents(ticket, history, [rule([{ kind: "raise-priority" }], 2)], T0 + 100 * MIN, dir);
    expect(events.filter((e) => e.type === "PriorityChanged").map((e) => (e.type === "PriorityChanged" ? e.to : ""))).toEqual(["high", "urgent"]);
  });
  it("never lowers the priority", () => {
    const { events } = escalationEvents(ticket, history, [rule([{ kind: "raise-priority", to: "low" }])], NOW, dir);
    expect(types(events)).toEqual(["Escalated"]);
  });
  it("transfers to another group's queue", () => {
    const { events } = escalationEvents(ticket, history, [rule([{ kind: "transfer", groupId: "l2" as GroupId }])], NOW, dir);
    expect(events[1]).toMatchObject({ type: "Transferred", fromGroupId: "l1", toGroupId: "l2", toAgentId: null });
  });
  it("reassigns to a named agent of the service", () => {
    const ag9: Agent = { ...lead, id: "ag-9" as AgentId };
    const { events } = escalationEvents(ticket, history, [rule([{ kind: "reassign", agentId: "ag-9" as AgentId }])], NOW, { ...dir, agents: [lead, ag9] });
    expect(events[1]).toMatchObject({ type: "Assigned", groupId: "l1", agentId: "ag-9" });
  });
  it("reassigns to the substitute of an absent agent", () => {
    const away: Agent = { ...lead, id: "ag-9" as AgentId, absences: [{ from: T0, to: NOW + MIN, reason: "vacation", substituteId: lead.id }] };
    const { events } = escalationEvents(ticket, history, [rule([{ kind: "reassign", agentId: "ag-9" as AgentId }])], NOW, { ...dir, agents: [lead, away] });
    expect(events[1]).toMatchObject({ type: "Assigned", groupId: "l1", agentId: "lead" });
  });
  it("never reassigns to an agent who is not the service's", () => {
    const { events } = escalationEvents(ticket, history, [rule([{ kind: "reassign", agentId: "ag-9" as AgentId }])], NOW, dir);
    expect(events.filter((e) => e.type === "Assigned")).toEqual([]);
  });
  it("writes nothing when no level is due", () => {
    expect(escalationEvents(ticket, history, [rule([{ kind: "notify-lead" }])], T0, dir).events).toEqual([]);
  });
  it("fires nothing twice once its own events are appended", () => {
    const r = rule([{ kind: "raise-priority" }, { kind: "transfer", groupId: "l2" as GroupId }]);
    const first = escalationEvents(ticket, history, [r], NOW, dir);
    const h2 = [...history, ...first.events];
    expect(escalationEvents(fold(h2) as Ticket, h2, [r], NOW + 999 * MIN, dir).events).toEqual([]);
  });
  it("reports the next deadline after the fired levels", () => {
    const { nextDeadline } = escalationEvents(ticket, history, [rule([{ kind: "notify-lead" }], 2)], NOW, dir);
    expect(nextDeadline).toBe(T0 + 90 * MIN);
  });
});
