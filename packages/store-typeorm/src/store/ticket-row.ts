import { isActive, type Ticket } from "@spoc/core";
import { toJson } from "../dialect/typeorm-dialect";
import type { TicketsRow } from "../entities/rows";

/** The projection columns of a ticket at a stream version; leaves the sweep's lease columns alone. */
export const ticketColumns = (t: Ticket, version: number): Omit<TicketsRow, "id" | "claimed_until" | "claimed_by" | "doc"> & { doc: string } => ({
  service_id: t.serviceId,
  number: t.number,
  version,
  status: t.status,
  priority: t.priority,
  active: isActive(t.status) ? 1 : 0,
  group_id: t.groupId,
  assignee_id: t.assigneeId,
  requester_id: t.requesterId,
  created_at: t.createdAt,
  updated_at: t.updatedAt,
  resolved_at: t.resolvedAt,
  closed_at: t.closedAt,
  next_deadline: t.nextDeadline,
  doc: toJson(t),
});
