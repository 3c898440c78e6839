import * as Schema from "effect/Schema";

/**
 * Every status a ticket can be in.
 * @example
 * Schema.decodeUnknownSync(Status)("pending-customer")
 */
export const Status = Schema.Literals(["new", "open", "pending-customer", "pending-third-party", "resolved", "closed"]);
export type Status = typeof Status.Type;

/**
 * The category of a status, which SLA clocks and reports read.
 * @example
 * const category: StatusCategory = statusCategory(ticket.status) // "pending" for both pending statuses
 */
export type StatusCategory = "new" | "open" | "pending" | "resolved" | "closed";

/** Maps each status to its category. @example statusCategory("pending-customer") // "pending" */
export const statusCategory = (status: Status): StatusCategory => {
  switch (status) {
    case "pending-customer":
    case "pending-third-party":
      return "pending";
    default:
      return status;
  }
};

/**
 * Why a ticket is paused; SLA metrics declare which reasons pause them.
 * @example
 * pauseReasonOf("pending-third-party") satisfies PauseReason | undefined // "waiting-for-third-party"
 */
export type PauseReason = "waiting-for-customer" | "waiting-for-third-party" | "change-window";

/** The pause reason a status implies, if any. @example pauseReasonOf("pending-customer") // "waiting-for-customer" */
export const pauseReasonOf = (status: Status): PauseReason | undefined =>
  status === "pending-customer" ? "waiting-for-customer" : status === "pending-third-party" ? "waiting-for-third-party" : undefined;

const transitions: Readonly<Record<Status, ReadonlyArray<Status>>> = {
  new: ["open", "pending-customer", "pending-third-party", "resolved"],
  open: ["pending-customer", "pending-third-party", "resolved"],
  "pending-customer": ["open", "pending-third-party", "resolved"],
  "pending-third-party": ["open", "pending-customer", "resolved"],
  // Leaving resolved for open is a reopen, which has its own command and window.
  resolved: ["closed"],
  closed: [],
};

/** Whether a direct status change is allowed by the workflow. @example canTransition("new", "open") // true */
export const canTransition = (from: Status, to: Status): boolean => transitions[from].includes(to);

/** The statuses reachable from one status by a plain status change. @example nextStatuses("resolved") // ["closed"] */
export const nextStatuses = (from: Status): ReadonlyArray<Status> => transitions[from];

/** Whether a ticket in this status counts as open work (not resolved or closed). @example isActive("pending-customer") // true */
export const isActive = (status: Status): boolean => status !== "resolved" && status !== "closed";
