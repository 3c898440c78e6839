import { describe, expect, it } from "vitest";
import type { MessageId, RuleId } from "../ids/ids";
import type { RoutedAction } from "./facts";
import type { Action } from "./rule-schema";
import { ticketFixture } from "./ticket-fixture";
import { actionsToEvents, type EventContext } from "./to-events";

const ctx = (over: Partial<EventContext> = {}): EventContext => ({
  ticket: ticketFixture(),
  at: 1000,
  by: { kind: "system", name: "routing" },
  newMessageId: () => "m-1" as MessageId,
  ...over,
});
const routed = (...actions: Action[]): RoutedAction[] => actions.map((action) => ({ ruleId: "r1" as RuleId, action }));

describe("actionsToEvents", () => {
  it("set-priority becomes PriorityChanged from the current priority", () => {
    const { events } = actionsToEvents(routed({ type: "set-priority", priority: "high" }), ctx());
    expect(events).toEqual([{ type: "PriorityChanged", at: 1000, by: ctx().by, from: "normal", to: "high", impact: null, urgency: null }]);
  });

  it("set-category, set-type, tags and custom fields become FieldsChanged", () => {
    const { events } = actionsToEvents(
      routed(
        { type: "set-category", category: "network" },
        { type: "set-type", ticketType: "question" },
        { type: "add-tags", tags: ["vip"] },
        { type: "set-custom-field", name: "plan", value: "gold" },
      ),
      ctx(),
    );
    expect(events).toMatchObject([
      { type: "FieldsChanged", category: "network" },
      { type: "FieldsChanged", ticketType: "question" },
      { type: "FieldsChanged", tags: ["vip"] },
      { type: "FieldsChanged", customFields: { plan: "gold" } },
    ]);
  });

  it("assign-group keeps the assignee and assign-agent keeps the group", () => {
    const { events } = actionsToEvents(
      routed({ type: "assign-group", groupId: "l2" as never }, { type: "assign-agent", agentId: "ag-1" as never }),
      ctx({ ticket: ticketFixture({ assigneeId: "ag-0" as never }) }),
    );
    expect(events).toMatchObject([
      { type: "Assigned", groupId: "l2", agentId: "ag-0", reason: "routing rule r1" },
      { type: "Assigned", groupId: null, agentId: "ag-1" },
    ]);
  });

  it("add-note becomes an automatic internal note", () => {
    const { events } = actionsToEvents(routed({ type: "add-note", body: "VIP customer" }), ctx());
    expect(events).toMatchObject([{ type: "MessageAdded", messageId: "m-1", kind: "note", body: "VIP customer", automatic: true }]);
  });

  it("notify becomes NotificationRequested carrying the rule and ticket", () => {
    const { events } = actionsToEvents(routed({ type: "notify", template: "noc-page", to: ["noc@example.com"], data: { a: "b" } }), ctx());
    expect(events).toMatchObject([{ type: "NotificationRequested", template: "noc-page", to: ["noc@example.com"], data: { a: "b", ruleId: "r1", ticketId: "t-1" } }]);
  });

  it("strategies, SLA policies and transfers are left pending for the Desk", () => {
    const actions = routed(
      { type: "assign-strategy", strategy: "round-robin", groupId: "l2" as never },
      { type: "apply-sla-policy", policyId: "gold" as never },
      { type: "transfer-to-service", serviceId: "svc-billing" as never },
    );
    expect(actionsToEvents(actions, ctx())).toEqual({ events: [], pending: actions });
  });

  it("changes that change nothing produce no event, judged against earlier changes", () => {
    const { events } = actionsToEvents(
      routed({ type: "set-priority", priority: "normal" }, { type: "add-tags", tags: ["x"] }, { type: "add-tags", tags: ["x"] }),
      ctx(),
    );
    expect(events.map((e) => e.type)).toEqual(["FieldsChanged"]);
  });
});
