import { describe, expect, it } from "vitest";
import type { AgentId, GroupId, ServiceId } from "../ids/ids";
import type { Agent, Group } from "../service/schema";
import { CommandRejected } from "./errors";
import { eligibleHolder, groupOf, holderOf, memberOf, namedReferences, type ReferenceFacts } from "./references";

const support = "svc-support" as ServiceId;
const billing = "svc-billing" as ServiceId;
const NOW = Date.UTC(2026, 10, 2, 9);
const person = (id: string, memberships: Agent["memberships"], absences: Agent["absences"] = []): Agent =>
  ({ id: id as AgentId, name: id, email: `${id}@x`, memberships, skills: [], absences });
const l2: Group = { id: "g-l2" as GroupId, serviceId: support, name: "L2", level: "2", members: ["ag-lee" as AgentId], leadId: "ag-tom" as AgentId };
const billingDesk: Group = { id: "g-bill" as GroupId, serviceId: billing, name: "Billing", level: "1", members: ["ag-bea" as AgentId] };
const facts: ReferenceFacts = {
  groups: [l2, billingDesk],
  agents: [
    person("ag-lee", [{ serviceId: support, role: "agent" }]),
    person("ag-tom", [{ serviceId: support, role: "lead" }]),
    person("ag-bea", [{ serviceId: billing, role: "agent" }]),
    person("ag-vic", [{ serviceId: support, role: "viewer" }]),
    person("ag-ann", [{ serviceId: support, role: "agent" }], [{ from: NOW - 1, to: NOW + 1, reason: "illness", substituteId: "ag-lee" as AgentId }]),
  ],
};
const agentId = (id: string) => id as AgentId;

describe("references", () => {
  it("a group of another service is not a group of this one", () => {
    expect(groupOf(facts, support, billingDesk.id, "groupId")).toMatchObject({ code: "UnknownReference", field: "groupId", id: "g-bill" });
    expect(groupOf(facts, support, l2.id, "groupId")).toBe(l2);
  });

  it("an agent of another service may not hold its tickets", () => {
    expect(eligibleHolder(facts, support, agentId("ag-bea"), undefined, "agentId")).toMatchObject({ code: "NotEligible", id: "ag-bea" });
  });

  it("a viewer may not hold tickets", () => {
    expect(eligibleHolder(facts, support, agentId("ag-vic"), undefined, "agentId")).toBeInstanceOf(CommandRejected);
  });

  it("a group's lead counts as its member", () => {
    expect(eligibleHolder(facts, support, agentId("ag-tom"), l2, "agentId")).toMatchObject({ id: "ag-tom" });
  });

  it("an absent agent's substitute takes the ticket, with the reason", () => {
    expect(holderOf(facts, support, agentId("ag-ann"), undefined, NOW, "agentId")).toEqual({ agentId: "ag-lee", substitution: "ag-ann is away (illness); substitute ag-lee takes it" });
  });

  it("an absent agent's substitute must pass the same checks", () => {
    const annsGroup: Group = { id: "g-ann" as GroupId, serviceId: support, name: "Ann's", level: "1", members: [agentId("ag-ann")] };
    expect(holderOf(facts, support, agentId("ag-ann"), annsGroup, NOW, "agentId"))
      .toMatchObject({ code: "AgentAbsent", field: "agentId", id: "ag-ann" });
  });

  it("an agent back from absence holds the ticket themselves", () => {
    expect(holderOf(facts, support, agentId("ag-ann"), undefined, NOW + 1, "agentId")).toEqual({ agentId: "ag-ann", substitution: null });
  });

  it("time may be logged for any member of the service, viewers included", () => {
    expect(memberOf(facts, support, agentId("ag-vic"), "agentId")).toMatchObject({ id: "ag-vic" });
    expect(memberOf(facts, support, agentId("ag-bea"), "agentId")).toMatchObject({ code: "NotEligible" });
  });

  it("LogTime names the acting agent when it names no agent", () => {
    expect(namedReferences({ type: "LogTime" }, agentId("ag-lee"))).toEqual({ groupIds: [], agentIds: ["ag-lee"] });
  });

  it("a command that names nothing costs no read", () => {
    expect(namedReferences({ type: "Assign", agentId: null }, agentId("ag-lee"))).toEqual({ groupIds: [], agentIds: [] });
  });
});
