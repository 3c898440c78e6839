/**
 * @spoc/core — the service-desk domain as schemas and pure functions, the Store port and the Desk.
 * Everything is exported flat, and grouped as namespaces (`Ticket`, `Store`, `Auth`…). The SQL
 * that the SQL adapters share is at `@spoc/core/sql`.
 *
 * @packageDocumentation
 */
export * from "./ids/ids";
export * from "./validation/invalid-input";
export * from "./validation/safe-text";
export * from "./service/index";
export * from "./ticket/index";
export * from "./auth/index";
export * from "./view/index";
export * from "./store/index";
export * from "./desk/index";
export * from "./timeline/index";
/** Service levels: calendars, policies, metrics and the clocks computed from a ticket's history. */
export * as Sla from "./sla/index";
/** Routing rules: their schema, validation, compilation and evaluation against a ticket's facts. */
export * as Routing from "./routing/index";
/** Choosing an agent in a group: choosers (round robin, fewest open, least recent, queue), skills, shifts and capacity. */
export * as Assignment from "./assignment/index";
/** Escalation rules: triggers (no update, customer waiting, an SLA threshold crossed), their ladders and the sweep. */
export * as Escalation from "./escalation/index";
/** The standard Desk hooks (routing, SLA, escalation) and the sweep of due tickets. */
export * as Automation from "./automation/index";
export type { DeskSweepReport, SweepOptions } from "./automation/index";
/** Replays histories through proposed routing rules and SLA, without a store, and compares the outcomes. */
export * as Simulation from "./simulate/index";
