import type { AgentId, ContactId, ContactListId, GroupId, ServiceId } from "@spoc/core";

/** The fixed world of the multi-process test: one service, one group with a lead, one stall rule. */
export const world = {
  service: "svc-mp" as ServiceId,
  list: "cl-mp" as ContactListId,
  requester: "c-mp" as ContactId,
  group: "l1" as GroupId,
  lead: "lead" as AgentId,
  agent: "ag-1" as AgentId,
  system: { kind: "system", name: "load" } as const,
  /** Every command happens at T0, so each ticket's stall is armed once and each level may fire once. */
  t0: Date.UTC(2025, 0, 6, 9),
  minute: 60_000,
  rule: {
    id: "stalled",
    serviceId: "svc-mp",
    name: "Stalled",
    enabled: true,
    condition: { kind: "no-update", minutes: 60 },
    levels: [
      { level: 1, actions: [{ kind: "notify-lead" }] },
      { level: 2, afterMinutes: 30, actions: [{ kind: "raise-priority" }] },
    ],
  },
};
