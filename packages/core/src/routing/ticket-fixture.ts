import type { ContactId, ServiceId, TicketId } from "../ids/ids";
import type { Ticket } from "../ticket/schema";
import type { RoutingFacts } from "./facts";
import type { Rule } from "./rule-schema";

/** A plain open ticket for tests and benchmarks; override any field. @example ticketFixture({ priority: "high" }) */
export const ticketFixture = (over: Partial<Ticket> = {}): Ticket => ({
  id: "t-1" as TicketId,
  serviceId: "svc-support" as ServiceId,
  number: "IT-000001",
  version: 1,
  subject: "Printer on floor 3 is jammed",
  description: "The printer shows error E-52.",
  type: "incident",
  category: null,
  channel: "email",
  status: "new",
  priority: "normal",
  impact: null,
  urgency: null,
  requesterId: "c-1" as ContactId,
  organizationId: null,
  groupId: null,
  assigneeId: null,
  tags: [],
  customFields: {},
  links: [],
  mergedInto: null,
  handedOffFrom: null,
  handedOffTo: [],
  openedBy: { kind: "system", name: "test" },
  createdAt: 0,
  updatedAt: 0,
  firstResponseAt: null,
  resolvedAt: null,
  closedAt: null,
  messageCount: 1,
  lastCustomerMessageAt: null,
  lastAgentReplyAt: null,
  reopenCount: 0,
  groupReassignments: 0,
  agentReassignments: 0,
  responders: [],
  timeMinutes: 0,
  billableMinutes: 0,
  costCents: 0,
  rating: null,
  escalations: [],
  nextDeadline: null,
  sla: null,
  ...over,
});

/** Facts for a newly opened ticket. */
export const factsFixture = (ticket: Partial<Ticket> = {}, over: Partial<RoutingFacts> = {}): RoutingFacts => ({
  trigger: "ticket-opened",
  now: 3_600_000,
  ticket: ticketFixture(ticket),
  requester: { email: "Ann@Acme.example", tier: "gold", organizationId: null },
  ...over,
});

/** A rule with defaults (enabled, on ticket-opened, matching everything, no actions). */
export const ruleFixture = (over: Omit<Partial<Rule>, "id"> & { id: string }): Rule =>
  ({
    serviceId: "svc-support",
    name: over.id,
    enabled: true,
    triggers: ["ticket-opened"],
    when: { all: [] },
    actions: [],
    ...over,
  }) as Rule;
