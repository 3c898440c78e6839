import * as Schema from "effect/Schema";
import { AgentId, ContactId, GroupId, ServiceId, Timestamp } from "../ids/ids";
import type { TicketQuery as TicketQueryShape } from "../store/port";
import { Priority } from "../ticket/schema";
import { Status } from "../ticket/status";
import { SafeString } from "../validation/safe-text";

/**
 * The filters of `listTickets`, decoded like every other Desk input: a malformed query is an
 * `InvalidInput` naming the field, never a crash or a silent default (a page size outside 1–500 is refused).
 * @example Schema.decodeUnknownSync(TicketQuery)({ status: ["open"], limit: 20 })
 */
export const TicketQuery = Schema.Struct({
  status: Schema.optionalKey(Schema.Array(Status)),
  active: Schema.optionalKey(Schema.Boolean),
  groupId: Schema.optionalKey(Schema.NullOr(GroupId)),
  assigneeId: Schema.optionalKey(Schema.NullOr(AgentId)),
  requesterId: Schema.optionalKey(ContactId),
  priority: Schema.optionalKey(Schema.Array(Priority)),
  limit: Schema.optionalKey(Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 500 }))),
  after: Schema.optionalKey(SafeString),
  // Checked by listTickets (a bounded string; a store without search refuses it).
  text: Schema.optionalKey(Schema.Unknown),
  // Never the caller's to choose: listTickets sets it from the caller's view.
  audience: Schema.optionalKey(Schema.Unknown),
});
// The schema decodes exactly what the store's query takes.
export type TicketQuery = typeof TicketQuery.Type & TicketQueryShape;

/** The options of `desk.simulate`: the proposed rules and SLA set-up are checked by the dry run, the rest here. */
export const SimulateOptions = Schema.Struct({
  serviceId: ServiceId,
  rules: Schema.optionalKey(Schema.Unknown),
  sla: Schema.optionalKey(Schema.Unknown),
  from: Schema.optionalKey(Timestamp),
  to: Schema.optionalKey(Timestamp),
});

const Positive = Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1));

/** The options of `desk.sweep` a host passes, decoded (the hooks are functions and pass as they are). */
export const SweepOptions = Schema.Struct({
  now: Schema.optionalKey(Timestamp),
  workerId: Schema.optionalKey(SafeString.check(Schema.isMinLength(1))),
  limit: Schema.optionalKey(Positive),
  leaseMs: Schema.optionalKey(Positive),
  maxRetries: Schema.optionalKey(Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0))),
  hooks: Schema.optionalKey(Schema.Array(Schema.Unknown)),
});
