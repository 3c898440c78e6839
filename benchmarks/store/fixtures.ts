import { type ContactId, evolve, type ServiceId, type Ticket, type TicketEvent, type TicketId } from "@spoc/core";

/** One ticket to ingest: its three events and the projection they fold to. */
export interface IngestTicket {
  readonly serviceId: ServiceId;
  readonly ticketId: TicketId;
  readonly events: ReadonlyArray<TicketEvent>;
  readonly ticket: Ticket;
}

const T0 = Date.UTC(2025, 0, 1);
const system = { kind: "system", name: "bench" } as const;

/** `n` tickets over 10 services, each opened, given an inbound message and assigned to a group. */
export function ingestTickets(n: number, runId: string): IngestTicket[] {
  return Array.from({ length: n }, (_, i) => {
    const serviceId = `svc-${i % 10}` as ServiceId;
    const ticketId = `${runId}-${i}` as TicketId;
    const at = T0 + i * 1000;
    const events: TicketEvent[] = [
      {
        type: "TicketOpened", at, by: system, ticketId, serviceId, number: `S${i % 10}-${String(i).padStart(7, "0")}`,
        subject: `Printer on floor ${i % 7} is jammed again`, description: "It shows error E-42 and the queue is stuck.",
        ticketType: "incident", category: "hardware", channel: "email", priority: "normal", impact: null, urgency: null,
        requesterId: `c-${i % 5000}` as ContactId, organizationId: null, tags: ["printer"], customFields: { floor: i % 7 }, handedOffFrom: null,
      },
      {
        type: "MessageAdded", at, by: { kind: "contact", id: `c-${i % 5000}` as ContactId }, messageId: `${ticketId}-m1` as never,
        kind: "customer", channel: "email", subject: "Printer jammed", body: "Hello, the printer on my floor is jammed again. Thanks!",
        externalId: `<${ticketId}@mail.example.org>`, automatic: false,
      },
      { type: "Assigned", at: at + 5000, by: system, groupId: `g-${i % 20}` as never, agentId: null, reason: "routing" },
    ];
    return { serviceId, ticketId, events, ticket: events.reduce<Ticket | undefined>(evolve, undefined) as Ticket };
  });
}
